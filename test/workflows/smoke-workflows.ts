import { proxyActivities } from '@temporalio/workflow';

const { echo } = proxyActivities<{ echo(text: string): Promise<string> }>({ startToCloseTimeout: '10 seconds' });

/** The least a workflow can do on the real server: run one activity and return its result. */
export async function smokeWorkflow(text: string): Promise<string> {
  return `workflow saw: ${await echo(text)}`;
}
