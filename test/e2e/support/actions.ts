/**
 * What the e2e stories do besides a person's clicks: send alerts, read incidents, read a pair's view, and
 * deliver the same webhook again (an OnCall re-send, a repeated Business Rule call).
 */
import { basicAuth } from '../../../src/integrations/http';
import type { DeliveryAttempt } from '../../../src/emulators/oncall';
import { pairWorkflowId, type PairKey } from '../../../workflows/ids';
import { getPairQuery, type PairView } from '../../../workflows/messages';
import type { Rig, SetUpIntegration } from '../../helpers/e2e';
import { waitFor } from '../../helpers/wait';

export type Row = Record<string, string>;

export async function incidents(rig: Rig, query: string): Promise<Row[]> {
  const res = await fetch(`${rig.sn.url}/api/now/table/incident?sysparm_query=${encodeURIComponent(query)}`, {
    headers: { authorization: basicAuth('admin', 'admin'), accept: 'application/json' },
  });
  return ((await res.json()) as { result: Row[] }).result;
}

export async function incident(rig: Rig, sysId: string): Promise<Row | undefined> {
  return (await incidents(rig, `sys_id=${sysId}`))[0];
}

/** Waits for the one incident the bridge created for `alertGroupId`. */
export async function incidentFor(rig: Rig, alertGroupId: string): Promise<Row> {
  const [found] = await waitFor(
    async () => {
      const rows = await incidents(rig, `correlation_id=oncall:${alertGroupId}`);
      return rows.length > 0 ? rows : undefined;
    },
    { what: `incident for ${alertGroupId}` },
  );
  return found!;
}

/** A record written through the Table API by the admin (a group, a user with an e-mail); its sys_id. */
export async function insertRecord(rig: Rig, table: string, fields: Record<string, string>): Promise<string> {
  const res = await fetch(`${rig.sn.url}/api/now/table/${table}`, {
    method: 'POST',
    headers: {
      authorization: basicAuth('admin', 'admin'),
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify(fields),
  });
  if (res.status !== 201) throw new Error(`insert into ${table}: ${res.status}`);
  return ((await res.json()) as { result: { sys_id: string } }).result.sys_id;
}

export async function sendAlert(url: string, payload: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  if (res.status !== 200) throw new Error(`inbound alert refused: ${res.status}`);
}

/** Sends a firing alert (with labels, when given) and waits for its alert group. */
export async function openAlertGroup(rig: Rig, url: string, title: string, labels?: Record<string, string>) {
  await sendAlert(url, { alert_uid: title, title, message: `${title} details`, state: 'alerting', labels });
  return waitFor(() => rig.oc.alertGroups().find((g) => g.title === title), { what: `alert group ${title}` });
}

export function oncallPairKey(integration: SetUpIntegration, alertGroupId: string): PairKey {
  return { integrationId: integration.id, origin: 'oncall', sourceId: alertGroupId };
}

export function servicenowPairKey(integration: SetUpIntegration, sysId: string): PairKey {
  return { integrationId: integration.id, origin: 'servicenow', sourceId: sysId };
}

export async function pairView(rig: Rig, key: PairKey): Promise<PairView> {
  return rig.bridge.client.workflow.getHandle(pairWorkflowId(key)).query(getPairQuery);
}

/** Index of the newest OnCall delivery of `eventType` for the group, for a re-send. */
export function deliveryIndex(rig: Rig, alertGroupId: string, eventType: string): number {
  const all: DeliveryAttempt[] = rig.oc.deliveries();
  for (let i = all.length - 1; i >= 0; i--) {
    const body = all[i]!.body as { alert_group?: { id?: string } } | undefined;
    if (all[i]!.eventType === eventType && body?.alert_group?.id === alertGroupId) return i;
  }
  throw new Error(`no ${eventType} delivery for ${alertGroupId}`);
}

export async function resendDelivery(rig: Rig, index: number): Promise<void> {
  const res = await fetch(`${rig.oc.url}/__emulator/webhook-deliveries/${index}/resend`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`resend refused: ${res.status}`);
}

/** The bodies the Business Rule sent for an incident, oldest first. */
export function ruleCalls(rig: Rig, sysId: string): string[] {
  return rig.sn.rules.log
    .entries()
    .filter((e) => e.level === 'request' && e.request?.body?.includes(sysId))
    .map((e) => e.request!.body!);
}

/** Posts a Business Rule body again, as a repeated rule run (or a retry by hand) would. */
export async function repeatRuleCall(rig: Rig, integration: SetUpIntegration, body: string): Promise<number> {
  const res = await fetch(`${rig.bridgeUrl}/webhooks/servicenow/${integration.id}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${integration.ruleToken}`, 'content-type': 'application/json' },
    body,
  });
  return res.status;
}
