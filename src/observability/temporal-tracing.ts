/**
 * The Temporal SDK's own OpenTelemetry interceptors (`@temporalio/interceptors-opentelemetry`), wired in
 * only when tracing is on: the client puts the caller's trace into the headers of `signalWithStart`, the
 * workflows continue it (their spans leave the sandbox through the `exporter` sink) and hand it to the
 * activities they schedule, and each activity runs in a span of its own.
 */
import type { ClientInterceptors } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { Tracing } from './tracing';

/** The workflow interceptor module of a traced worker: the SDK's, plus one event per trace in pair workflows. */
export const TRACING_WORKFLOW_INTERCEPTORS = require.resolve('../../workflows/tracing-interceptors');

export function tracingClientInterceptors(): ClientInterceptors {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

export const tracedActivities: ActivityInterceptorsFactory = (ctx) => ({
  inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
  outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
});

export function workflowSpanSinks(tracing: Tracing): InjectedSinks<OpenTelemetrySinks> {
  return { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) };
}
