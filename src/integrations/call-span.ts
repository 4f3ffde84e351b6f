/**
 * A client span around each call to ServiceNow or OnCall made inside a trace (an activity of a traced
 * worker), with the W3C `traceparent` header so a proxy or the other system can continue it. Outside a trace
 * nothing is recorded: the OpenTelemetry API alone, as a library should, and a no-op without a provider.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { OutboundSystem } from './calls';

const tracer = trace.getTracer('oncall-servicenow-bridge');

export interface CallSpan {
  /** Ends the span with the HTTP status, or why there was none. */
  end(status: number | 'timeout' | 'network'): void;
}

const NONE: CallSpan = { end: () => undefined };

/** Starts the span and adds its `traceparent` to `headers`; `url` is the safe one (no query, no credentials). */
export function startCallSpan(system: OutboundSystem, method: string, url: string, headers: Record<string, string>) {
  if (!trace.getSpan(context.active())?.isRecording()) return NONE;
  const span = tracer.startSpan(method, {
    kind: SpanKind.CLIENT,
    attributes: { 'http.request.method': method, 'url.full': url, 'peer.service': system },
  });
  propagation.inject(trace.setSpan(context.active(), span), headers);
  return {
    end(status: number | 'timeout' | 'network') {
      if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
      else span.setAttribute('error.type', status);
      if (typeof status !== 'number' || status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  } satisfies CallSpan;
}
