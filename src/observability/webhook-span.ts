/**
 * A server span for each webhook call, the root of the trace that follows its event through the signal,
 * the pair workflow and the activities to the calls they make. A root on purpose: the webhook port faces the
 * internet, and a caller's own `traceparent` would let it join (and flood) traces it does not own. Without a
 * registered tracer provider (traces off) the span records nothing and costs next to nothing.
 */
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

const tracer = trace.getTracer('oncall-servicenow-bridge');

export function traceWebhook(source: 'oncall' | 'servicenow'): RequestHandler {
  const route = `/webhooks/${source}/:integrationId`;
  return (req, res, next) => {
    const span = tracer.startSpan(
      `POST ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'http.route': route } },
      ROOT_CONTEXT,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(ROOT_CONTEXT, span), next);
  };
}
