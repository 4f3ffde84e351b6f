/**
 * A workflow's whole history as text, with every payload opened through the bridge's own `/codec/decode`
 * (what an operator with the codec sees in the Web UI): for checks that no plain-text secret is stored.
 */
import { Client } from '@temporalio/client';
import type { Rig } from '../../helpers/e2e';

interface RawPayload {
  metadata: Record<string, Uint8Array>;
  data?: Uint8Array;
}

function payloadsIn(value: unknown, out: RawPayload[] = []): RawPayload[] {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return out;
  const candidate = value as Partial<RawPayload>;
  if (candidate.metadata && typeof candidate.metadata === 'object' && 'encoding' in candidate.metadata) {
    out.push(candidate as RawPayload);
    return out;
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) payloadsIn(item, out);
  return out;
}

const base64 = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');

export async function decodedHistoryText(rig: Rig, workflowId: string): Promise<string> {
  const raw = new Client({ connection: rig.bridge.client.connection });
  const history = await raw.workflow.getHandle(workflowId).fetchHistory();
  const payloads = payloadsIn(history).map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata).map(([key, value]) => [key, base64(value)])),
    data: base64(p.data),
  }));
  const res = await fetch(`${rig.bridgeUrl}/codec/decode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${rig.config.adminToken}` },
    body: JSON.stringify({ payloads }),
  });
  if (res.status !== 200) throw new Error(`/codec/decode answered ${res.status}`);
  const decoded = (await res.json()) as { payloads: { data?: string }[] };
  return decoded.payloads.map((p) => Buffer.from(p.data ?? '', 'base64').toString('utf8')).join('\n');
}
