/**
 * Not a workflow: the workflow interceptor module of a traced worker (`interceptors.workflowModules`, or the
 * traced pre-built bundle). The SDK's OpenTelemetry interceptors, plus one that remembers the trace each
 * signal arrived in, so the pair's main loop runs that event in it (event-trace.ts).
 */
import { context, type Context } from '@opentelemetry/api';
import { interceptors as openTelemetryInterceptors } from '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors';
import type { WorkflowInterceptors } from '@temporalio/workflow';
import { setEventRunner } from './event-trace';

export const interceptors = (): WorkflowInterceptors => {
  const traceOf = new WeakMap<object, Context>();
  setEventRunner((event, run) => {
    const traced = traceOf.get(event);
    return traced ? context.with(traced, run) : run();
  });
  const sdk = openTelemetryInterceptors();
  return {
    ...sdk,
    // After the SDK's (inner): the active context is then the span of this signal's handling.
    inbound: [
      ...(sdk.inbound ?? []),
      {
        handleSignal: (input, next) => {
          const event = input.args[0];
          if (typeof event === 'object' && event !== null) traceOf.set(event, context.active());
          return next(input);
        },
      },
    ],
  };
};
