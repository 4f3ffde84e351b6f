/**
 * With an OTLP endpoint configured, one trace follows a webhook through the receiver, `signalWithStart`, the
 * pair workflow and its activity to the call the activity made, for the event that starts a pair and for a
 * later event of the same (already running) pair. The spans are read back from an OTLP/HTTP receiver.
 */
import { oncallAction, setUpIntegration, startRig, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver';
import { waitFor } from '../helpers/wait';
import { incidentFor, openAlertGroup } from './support/actions';

describe('traces from a webhook to the write it caused', () => {
  let receiver: OtlpReceiver;
  let rig: Rig;
  let integration: SetUpIntegration;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    rig = await startRig({
      env: {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.tracesUrl,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'bridge-under-test',
      },
    });
    integration = await setUpIntegration(rig);
  });
  afterAll(async () => {
    await rig?.close();
    await receiver?.close();
  });

  /** The names from `span` up to its trace's root, each the parent of the one before. */
  function pathToRoot(span: ReceivedSpan): string[] {
    const byId = new Map(receiver.spans.filter((s) => s.traceId === span.traceId).map((s) => [s.spanId, s]));
    const names: string[] = [];
    for (let at: ReceivedSpan | undefined = span; at; at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined) {
      names.push(at.name);
    }
    return names;
  }

  /** Waits for the client span of a call to ServiceNow whose trace reaches back to an OnCall webhook. */
  function servicenowCall(method: string, activity: string, seen: Set<string>): Promise<ReceivedSpan> {
    return waitFor(
      () =>
        receiver.spans.find(
          (s) =>
            !seen.has(s.spanId) &&
            s.name === method &&
            s.attributes['peer.service'] === 'servicenow' &&
            pathToRoot(s).includes(`RunActivity:${activity}`) &&
            pathToRoot(s).at(-1) === 'POST /webhooks/oncall/:integrationId',
        ),
      { timeoutMs: 30_000, what: `a traced ${method} to ServiceNow by ${activity}` },
    );
  }

  it('when OnCall opens and then acknowledges an alert group, then each webhook and its ServiceNow write share one trace', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Disk full on db-3');
    const created = await incidentFor(rig, group.id);
    const seen = new Set<string>();

    const post = await servicenowCall('POST', 'createIncident', seen);
    seen.add(post.spanId);
    expect(pathToRoot(post)).toEqual([
      'POST',
      'RunActivity:createIncident',
      'StartActivity:createIncident',
      'HandleSignal:pairEvent',
      'SignalWithStartWorkflow:pairWorkflow',
      'POST /webhooks/oncall/:integrationId',
    ]);
    expect(post.service).toBe('bridge-under-test');
    expect(post.attributes['http.response.status_code']).toBe(201);
    expect(post.attributes['url.full']).toBe(`${rig.sn.url}/api/now/table/incident`);
    const webhook = receiver.spans.find((s) => s.traceId === post.traceId && !s.parentSpanId)!;
    expect(webhook.attributes['http.response.status_code']).toBe(202);

    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    const patch = await servicenowCall('PATCH', 'updateIncident', seen);
    expect(patch.traceId).not.toBe(post.traceId);
    expect(patch.attributes['url.full']).toBe(`${rig.sn.url}/api/now/table/incident/${created.sys_id}`);
    expect(pathToRoot(patch)).toEqual([
      'PATCH',
      'RunActivity:updateIncident',
      'StartActivity:updateIncident',
      'HandleSignal:pairEvent',
      'SignalWithStartWorkflow:pairWorkflow',
      'POST /webhooks/oncall/:integrationId',
    ]);
  });
});
