/**
 * OpenTelemetry traces, when `config.tracing` says where to send them (off by default). One tracer provider
 * per process, registered globally, with Node's AsyncLocalStorage context and the W3C `traceparent`
 * propagator; spans are batched to an OTLP/HTTP receiver. What makes the spans: the webhook routes
 * (webhook-span.ts), the Temporal SDK's own interceptors on the client, the worker's activities and the
 * workflows (temporal-tracing.ts), and the ServiceNow and OnCall clients (src/integrations/call-span.ts).
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { envDetectorSync, Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from './tracing-config';

/** `service.name` unless `OTEL_SERVICE_NAME` or `OTEL_RESOURCE_ATTRIBUTES` says otherwise. */
const SERVICE_NAME = 'oncall-servicenow-bridge';

export interface Tracing {
  /** Where the workflows' spans go too (they leave the sandbox through a sink). */
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Sends what is still batched, then unregisters the provider. */
  stop(): Promise<void>;
}

export function startTracing(config: TracingConfig | undefined): Tracing | undefined {
  if (!config) return undefined;
  const exporter =
    config.protocol === 'http/json'
      ? new JsonExporter({ url: config.tracesUrl })
      : new ProtobufExporter({ url: config.tracesUrl });
  const spanProcessor = new BatchSpanProcessor(exporter);
  const resource = Resource.default()
    .merge(new Resource({ 'service.name': SERVICE_NAME }))
    .merge(envDetectorSync.detect())
    .merge(new Resource(config.serviceName ? { 'service.name': config.serviceName } : {}));
  const provider = new NodeTracerProvider({
    resource,
    mergeResourceWithDefaults: false,
    spanProcessors: [spanProcessor],
  });
  provider.register();
  return {
    spanProcessor,
    resource,
    stop: async () => {
      await provider.shutdown();
      // Unregistered, so that a bridge started again in the same process (tests) can register its own.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
