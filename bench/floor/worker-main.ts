/**
 * The floor's worker as its own process: `node lib/bench/floor/worker-main.js <address> <taskQueue>`.
 * Each activity run is printed as `ran <event> <epoch ms>`, which the driver turns into latencies.
 */
import { NativeConnection, Runtime, Worker, DefaultLogger } from '@temporalio/worker';
import { createFloorActivities } from './activities';

async function main(): Promise<void> {
  const [address, taskQueue] = process.argv.slice(2);
  if (!address || !taskQueue) throw new Error('usage: worker-main <address> <taskQueue>');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: createFloorActivities((event, at) => process.stdout.write(`ran ${event} ${at}\n`)),
  });
  process.stdout.write('floor worker polling\n');
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
