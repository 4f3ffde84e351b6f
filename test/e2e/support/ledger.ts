/**
 * Counting writes from the emulators' own request logs: what the bridge wrote to ServiceNow (non-GET calls
 * on the incident table by the integration user) and to OnCall (alert group actions by the bridge's user,
 * and inbound alert posts), so a test can assert "exactly these writes, once, and nothing afterwards".
 */
import { INTEGRATION_USER, type Rig } from '../../helpers/e2e';
import { waitFor } from '../../helpers/wait';

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  user: string | null;
  body: any;
  /** `null` while the emulator is still handling the request. */
  status: number | null;
}

export interface Ledger {
  /** The bridge's writes to ServiceNow incidents. */
  sn: LoggedRequest[];
  /** The bridge's alert group actions in OnCall. */
  ocActions: LoggedRequest[];
  /** Alerts posted to OnCall inbound integration URLs. */
  ocInbound: LoggedRequest[];
}

export const BRIDGE_ONCALL_USER = 'bridge-bot';
// The emulator logs paths relative to its `/api/v1` mount; accept both forms.
const ACTION_PATH = /^(\/api\/v1)?\/alert_groups\/[^/]+\/[a-z_]+\/?$/;

async function requests(url: string): Promise<LoggedRequest[]> {
  const res = await fetch(`${url}/__emulator/requests`);
  return (await res.json()) as LoggedRequest[];
}

export async function ledger(rig: Rig): Promise<Ledger> {
  const [sn, oc] = await Promise.all([requests(rig.sn.url), requests(rig.oc.url)]);
  return {
    sn: sn.filter(
      (r) =>
        r.method !== 'GET' && r.user === INTEGRATION_USER.user_name && r.path.startsWith('/api/now/table/incident'),
    ),
    ocActions: oc.filter((r) => r.method === 'POST' && r.user === BRIDGE_ONCALL_USER && ACTION_PATH.test(r.path)),
    ocInbound: oc.filter((r) => r.method === 'POST' && r.path.startsWith('/integrations/v1/')),
  };
}

/** The entries of `after` that are not in `before` (logs only grow, so this is a suffix). */
export function since(before: Ledger, after: Ledger): Ledger {
  return {
    sn: after.sn.slice(before.sn.length),
    ocActions: after.ocActions.slice(before.ocActions.length),
    ocInbound: after.ocInbound.slice(before.ocInbound.length),
  };
}

/** `PATCH state=2` style lines of ServiceNow writes, easy to compare. */
export function snLines(entries: LoggedRequest[]): string[] {
  return entries.map((r) => `${r.method} ${r.body?.state === undefined ? '-' : `state=${String(r.body.state)}`}`);
}

/** `<group>/acknowledge` lines of OnCall actions. */
export function ocLines(entries: LoggedRequest[]): string[] {
  return entries.map((r) => r.path.replace(/^(\/api\/v1)?\/alert_groups\//, '').replace(/\/$/, ''));
}

/** How long nothing may happen after both emulators are idle before the counts are taken as final. */
const SETTLE_MS = 700;

/**
 * Waits until both emulators are idle (OnCall deliveries done, no Business Rule job scheduled or running)
 * and the ledger stops moving for a short settle, then returns it.
 */
export async function quiet(rig: Rig): Promise<Ledger> {
  let last = JSON.stringify(await ledger(rig));
  for (let round = 0; round < 20; round++) {
    await rig.oc.idle();
    await waitFor(() => rig.sn.rules.pending() === 0, { what: 'Business Rules idle' });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const current = await ledger(rig);
    const text = JSON.stringify(current);
    if (text === last && rig.sn.rules.pending() === 0) return current;
    last = text;
  }
  throw new Error('the emulators never became quiet');
}

/** The bridge's reads of an alert group's resolution notes, from OnCall's request log. */
export async function notesReads(rig: Rig, alertGroupId: string): Promise<LoggedRequest[]> {
  const logged = (await requests(rig.oc.url)) as (LoggedRequest & { query?: Record<string, unknown> })[];
  return logged.filter(
    (r) =>
      r.method === 'GET' &&
      r.user === BRIDGE_ONCALL_USER &&
      r.path.includes('/resolution_notes') &&
      r.query?.alert_group_id === alertGroupId,
  );
}
