/**
 * What a failed call to Temporal means for whoever made the request, decided in one place: `unavailable`
 * (the server or its workers cannot be reached now: 503, try again later) or `rejected` (the server refused
 * what was sent: the request's fault, 400). Anything else is not Temporal's answer but a bug, and stays a
 * 500. Rules are checked in order, the first that matches wins; add a rule here for a new class.
 */
import { isGrpcServiceError } from '@temporalio/client';
import { missingPrerequisite } from './prerequisites';

export type TemporalErrorKind = 'unavailable' | 'prerequisites_missing' | 'rejected';

/** Thrown where the bridge itself decides Temporal is unreachable (e.g. no answer and a failing health check). */
export class TemporalUnavailableError extends Error {
  override readonly name = 'TemporalUnavailableError';
}

/** gRPC status codes (https://grpc.io/docs/guides/status-codes/). */
export const GrpcCode = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  UNAVAILABLE: 14,
} as const;

export interface TemporalErrorRule {
  kind: TemporalErrorKind;
  /** `code` is the gRPC status of the error or its first gRPC cause, `undefined` when there is none. */
  matches(error: Error, code: number | undefined): boolean;
}

export const temporalErrorRules: TemporalErrorRule[] = [
  { kind: 'unavailable', matches: (error) => error instanceof TemporalUnavailableError },
  {
    kind: 'unavailable',
    // No connection, no answer in time, the server shedding load, or a call cut off with the connection.
    matches: (_error, code) =>
      code === GrpcCode.UNAVAILABLE ||
      code === GrpcCode.DEADLINE_EXCEEDED ||
      code === GrpcCode.RESOURCE_EXHAUSTED ||
      code === GrpcCode.CANCELLED,
  },
  // The namespace lacks what every pair needs: the operator's to fix, not the request's (prerequisites.ts).
  { kind: 'prerequisites_missing', matches: (error) => missingPrerequisite(error) !== undefined },
  // The server checked what was sent (id and search attribute lengths, blob sizes) and refused it.
  { kind: 'rejected', matches: (_error, code) => code === GrpcCode.INVALID_ARGUMENT },
];

/** The kind of a failed Temporal call, or `undefined` when the error is not an answer from Temporal. */
export function temporalErrorKind(error: unknown): TemporalErrorKind | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = grpcCodeOf(error);
  return temporalErrorRules.find((rule) => rule.matches(error, code))?.kind;
}

/** The gRPC status of the error or of one of its causes (client errors wrap the gRPC error). */
function grpcCodeOf(error: Error): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (isGrpcServiceError(current)) return current.code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
