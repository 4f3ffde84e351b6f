/**
 * Reading the emulators' logs and turning them into per-event latencies: "from the emulator sending the
 * webhook to the emulator receiving the write". Delivery `at` is stamped when the receiver has answered,
 * so both the bridge and the relay are measured from the moment their receiver accepted the event.
 */
import { basicAuth } from '../../src/integrations/http';
import { expectJson, requestJson } from './http';

export interface Delivery {
  at: string;
  webhookId: string;
  alertGroupId: string;
  eventType: string;
  attempt: number;
  status?: number;
  body?: { alert_payload?: { alert_uid?: unknown } };
}

export interface ApiRequest {
  at: string;
  method: string;
  path: string;
  user: string | null;
  body: unknown;
  /** `null` while the emulator is still handling the request. */
  status: number | null;
  /** When the emulator answered; `null` before. */
  finishedAt?: string | null;
}

export interface RuleLogLine {
  at: string;
  level: string;
  request?: { url: string; body?: string };
  response?: { status: number };
}

export const deliveries = (ocUrl: string) => expectJson<Delivery[]>('GET', `${ocUrl}/__emulator/webhook-deliveries`);
/** The API request log from index `from` on: polls ask only for what is new (the whole log stalls the emulator). */
export const apiRequests = (url: string, from = 0) =>
  expectJson<ApiRequest[]>('GET', `${url}/__emulator/requests${from > 0 ? `?from=${from}` : ''}`);
export const ruleLog = (snUrl: string) => expectJson<RuleLogLine[]>('GET', `${snUrl}/__emulator/business-rules/log`);

const ADMIN = { authorization: basicAuth('admin', 'admin') };

/** How many incidents match an encoded query (the Table API's `X-Total-Count`). */
export async function countIncidents(snUrl: string, query: string): Promise<number> {
  const url = `${snUrl}/api/now/table/incident?sysparm_limit=1&sysparm_fields=sys_id&sysparm_query=${encodeURIComponent(query)}`;
  const res = await requestJson('GET', url, undefined, ADMIN);
  return Number(res.headers['x-total-count'] ?? 0);
}

export interface IncidentRow {
  sys_id: string;
  correlation_id: string;
  short_description: string;
}

export async function listIncidents(snUrl: string, query: string): Promise<IncidentRow[]> {
  const fields = 'sys_id,correlation_id,short_description';
  const url = `${snUrl}/api/now/table/incident?sysparm_limit=100000&sysparm_fields=${fields}&sysparm_query=${encodeURIComponent(query)}`;
  return (await expectJson<{ result: IncidentRow[] }>('GET', url, undefined, { headers: ADMIN })).result;
}

/** First successful delivery per alert group for one event type, as epoch ms. */
export function firstDeliveries(log: Delivery[], eventType: string, webhookIds?: Set<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of log) {
    if (entry.eventType !== eventType || (webhookIds && !webhookIds.has(entry.webhookId))) continue;
    if (entry.status === undefined || entry.status >= 300 || out.has(entry.alertGroupId)) continue;
    out.set(entry.alertGroupId, Date.parse(entry.at));
  }
  return out;
}

/**
 * First successful write per key at or after that key's cause (so a resolve is not matched with the
 * acknowledge before it); `keyOf` names the pair a request belongs to, or undefined.
 */
export function writesAfter(
  log: ApiRequest[],
  keyOf: (request: ApiRequest) => string | undefined,
  causes: Map<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of log) {
    if (entry.method === 'GET' || entry.status === null || entry.status >= 300) continue;
    const key = keyOf(entry);
    const cause = key === undefined ? undefined : causes.get(key);
    const at = Date.parse(entry.at);
    if (key !== undefined && cause !== undefined && at >= cause && !out.has(key)) out.set(key, at);
  }
  return out;
}

/** Latencies of the keys present in both maps (effect minus cause). */
export function latencies(causes: Map<string, number>, effects: Map<string, number>, keys: Iterable<string>): number[] {
  const out: number[] = [];
  for (const key of keys) {
    const cause = causes.get(key);
    const effect = effects.get(key);
    if (cause !== undefined && effect !== undefined) out.push(effect - cause);
  }
  return out;
}

export function bodyField(request: ApiRequest, field: string): string | undefined {
  const body = request.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}
