/**
 * Every outbound call to ServiceNow or OnCall, published on a `node:diagnostics_channel` once it is answered
 * (or failed without an answer). The clients know nothing of who listens: the worker subscribes to log the
 * call at debug and count it. Subscribers run synchronously in the caller's async context, so a listener can
 * tell which activity (and pair) made the call.
 */
import { channel } from 'node:diagnostics_channel';

export type OutboundSystem = 'servicenow' | 'oncall';

export interface OutboundCall {
  system: OutboundSystem;
  method: string;
  /** Origin and path, never the query string or credentials. */
  url: string;
  /** The HTTP status, or why there was none. */
  status: number | 'timeout' | 'network';
  ms: number;
}

export const outboundCalls = channel('oncall-servicenow-bridge:outbound-call');

export function reportCall(call: OutboundCall): void {
  if (outboundCalls.hasSubscribers) outboundCalls.publish(call);
}
