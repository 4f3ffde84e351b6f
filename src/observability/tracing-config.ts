/**
 * Whether and where the bridge exports traces, from the standard OpenTelemetry variables: on only when an
 * OTLP endpoint is set (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`
 * as the specification says), off again with `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`. The
 * rest (`OTEL_RESOURCE_ATTRIBUTES`, `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_TRACES_SAMPLER`,
 * `OTEL_BSP_*`) the OpenTelemetry SDK reads itself.
 */
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** The variables the bridge decides on, for its env schema (validation and documentation). */
export const TracingEnvSchema = z.object({
  /** Base URL of an OTLP/HTTP receiver (port 4318); traces go to `<base>/v1/traces`. @default unset: no traces */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalText.pipe(z.url().optional()),
  /** The full traces URL, instead of the base one. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalText.pipe(z.url().optional()),
  /** `http/protobuf` or `http/json` (gRPC is not shipped). @default http/protobuf */
  OTEL_EXPORTER_OTLP_PROTOCOL: optionalText.pipe(z.enum(['http/protobuf', 'http/json']).optional()),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: optionalText.pipe(z.enum(['http/protobuf', 'http/json']).optional()),
  /** `otlp` (or unset) exports; `none` turns traces off. */
  OTEL_TRACES_EXPORTER: optionalText.pipe(z.enum(['otlp', 'none']).optional()),
  /** `service.name` of the spans. @default oncall-servicenow-bridge */
  OTEL_SERVICE_NAME: optionalText,
  /** `true` turns the whole SDK off. @default false */
  OTEL_SDK_DISABLED: optionalText,
});

export type TracingEnv = z.infer<typeof TracingEnvSchema>;

export interface TracingConfig {
  /** Where spans are sent (OTLP over HTTP). */
  tracesUrl: string;
  protocol: 'http/protobuf' | 'http/json';
  /** From `OTEL_SERVICE_NAME`; unset, `OTEL_RESOURCE_ATTRIBUTES` or the bridge's own name decides. */
  serviceName: string | undefined;
}

/** The tracing settings, or undefined when traces are off (the default). */
export function tracingConfig(env: TracingEnv): TracingConfig | undefined {
  if (env.OTEL_SDK_DISABLED?.toLowerCase() === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return undefined;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base && `${base.replace(/\/+$/, '')}/v1/traces`);
  if (!tracesUrl) return undefined;
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf';
  return { tracesUrl, protocol, serviceName: env.OTEL_SERVICE_NAME };
}
