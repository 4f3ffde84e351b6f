/**
 * A worker running the product's workflows and pair activities against in-memory fakes, with the fakes'
 * webhooks and Business Rule calls fed through the real schemas, mapping and signal-with-start.
 */
import { createMetrics } from '../../src/observability/metrics';
import { metricsSinks } from '../../src/observability/workflow-sinks';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { createActivities } from '../../activities';
import { OnCallWebhookSchema, ServiceNowWebhookSchema } from '../../src/receiver/schemas';
import { oncallWebhookToEvent, serviceNowWebhookToEvent, type MappedWebhook } from '../../src/receiver/to-events';
import { getPairQuery, pairEventSignal, type PairView } from '../../workflows/messages';
import { pairWorkflow, type PairWorkflowOptions } from '../../workflows/pair';
import { toPairSettings, type IntegrationSettings, type PairSettings } from '../../workflows/settings';
import { classifyOnCall, classifyServiceNow, FakeOnCall, FakeServiceNow } from '../helpers/fake-clients';
import { connectTestEnv, workflowBundle } from '../helpers/temporal';
import { uniqueId, waitFor } from '../helpers/wait';
import { integrationSettings } from '../unit/sync/builders';

export interface Scenario {
  settings: PairSettings;
  integration: IntegrationSettings;
  sn: FakeServiceNow;
  oc: FakeOnCall;
  /** Delivered webhook bodies and rule calls, oldest first. */
  oncallBodies: unknown[];
  /** When false, webhooks are only recorded; deliver them with `deliverOnCall`. */
  autoDeliver: boolean;
  deliverOnCall(body: unknown): Promise<string | undefined>;
  pair(workflowId: string): WorkflowHandle<typeof pairWorkflow>;
  view(workflowId: string): Promise<PairView>;
  waitForView(workflowId: string, what: string, test: (view: PairView) => boolean): Promise<PairView>;
  settle(): Promise<void>;
}

export class PairHarness {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly taskQueue: string,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
    private readonly current: { sn: FakeServiceNow; oc: FakeOnCall },
  ) {}

  static async start(): Promise<PairHarness> {
    const env = await connectTestEnv();
    const taskQueue = uniqueId('pairs');
    const current = { sn: new FakeServiceNow(), oc: new FakeOnCall() };
    const worker = await fakeClientWorker(env, taskQueue, current);
    return new PairHarness(env, taskQueue, worker, worker.run(), current);
  }

  async stop(): Promise<void> {
    this.worker.shutdown();
    await this.running;
    await this.env.teardown();
  }

  /** Fresh fakes and a fresh integration id, so tests never share a pair. */
  scenario(options: PairWorkflowOptions = {}, overrides: Partial<IntegrationSettings> = {}): Scenario {
    const sn = new FakeServiceNow();
    const oc = new FakeOnCall();
    this.current.sn = sn;
    this.current.oc = oc;
    const integration = integrationSettings({ id: uniqueId('int'), ...overrides });
    const settings = toPairSettings(integration);
    const inFlight = new Set<Promise<unknown>>();
    const client = this.env.client;
    const taskQueue = this.taskQueue;
    const route = async (mapped: MappedWebhook) => {
      if (mapped.kind === 'ignored') return undefined;
      await client.workflow.signalWithStart(pairWorkflow, {
        workflowId: mapped.workflowId,
        taskQueue,
        args: [{ key: mapped.key, options }],
        signal: pairEventSignal,
        signalArgs: [mapped.event],
      });
      return mapped.workflowId;
    };
    const track = <T>(promise: Promise<T>) => {
      inFlight.add(promise);
      void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
      return promise;
    };
    const scenario: Scenario = {
      settings,
      integration,
      sn,
      oc,
      oncallBodies: [],
      autoDeliver: true,
      deliverOnCall: (body) => track(route(oncallWebhookToEvent(OnCallWebhookSchema.parse(body), settings))),
      pair: (workflowId) => client.workflow.getHandle<typeof pairWorkflow>(workflowId),
      view: (workflowId) => client.workflow.getHandle(workflowId).query(getPairQuery),
      waitForView: (workflowId, what, test) =>
        waitFor(
          async () => {
            const view = await scenario.view(workflowId);
            return test(view) ? view : false;
          },
          { what, timeoutMs: 20_000 },
        ),
      settle: async () => {
        while (inFlight.size > 0) await Promise.all([...inFlight]);
      },
    };
    oc.onWebhook = (body) => {
      scenario.oncallBodies.push(body);
      if (scenario.autoDeliver) void scenario.deliverOnCall(body);
    };
    sn.onRuleCall = (call) => {
      void track(route(serviceNowWebhookToEvent(ServiceNowWebhookSchema.parse(call), settings)));
    };
    return scenario;
  }
}

/**
 * A worker of the product's workflows and pair activities whose clients are the given fakes (read at each
 * call, so a caller may swap them).
 */
export async function fakeClientWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  fakes: { sn: FakeServiceNow; oc: FakeOnCall },
  options: Pick<WorkerOptions, 'shutdownGraceTime'> = {},
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({
      serviceNow: () => Promise.resolve(fakes.sn),
      onCall: () => Promise.resolve(fakes.oc),
      classifyServiceNow,
      classifyOnCall,
    }),
    // The product's workflows count through this sink; a worker without it logs every call as an error.
    sinks: metricsSinks(createMetrics()),
    ...options,
  });
}

export function oncallPairId(scenario: Scenario, alertGroupId: string): string {
  return `pair/${scenario.settings.integrationId}/oncall/${alertGroupId}`;
}

export function servicenowPairId(scenario: Scenario, sysId: string): string {
  return `pair/${scenario.settings.integrationId}/servicenow/${sysId}`;
}
