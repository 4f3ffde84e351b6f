import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { HttpError } from '../src/integrations/http';

/** What an attempt that wrote nothing leaves in its heartbeat for the next one. */
interface WroteNothing {
  wroteNothingThrough: number;
}

/**
 * The same, kept by this worker process too: a heartbeat sent just before the attempt fails can be
 * throttled behind an earlier one and lost (the interceptor's beats during a long budget wait), and the
 * retry usually runs here. Bounded; an entry lost or on another worker only costs the retry a read.
 */
const toldHere = new Map<string, number>();
const TOLD_HERE_LIMIT = 10_000;

/**
 * Whether an earlier attempt may have written what this one writes, its answer lost (a timeout, a worker
 * killed mid-call): a retry, unless every attempt before this one said it wrote nothing (`writeAttempt`).
 * Outside an activity, e.g. in a plain call: no.
 */
export function isRetry(): boolean {
  let info;
  try {
    info = Context.current().info;
  } catch {
    return false;
  }
  if (info.attempt <= 1) return false;
  const told = info.heartbeatDetails as Partial<WroteNothing> | undefined;
  const previous = info.attempt - 1;
  return told?.wroteNothingThrough !== previous && toldHere.get(activityKey(info)) !== previous;
}

function activityKey(info: Context['info']): string {
  const run = info.workflowExecution;
  return run ? `${run.workflowId}|${run.runId}|${info.activityId}` : `|${info.activityId}`;
}

/** One attempt's writes: each counts as made unless it was refused with 429 (not executed). */
export interface Attempt {
  write<T>(call: () => Promise<T>): Promise<T>;
}

/**
 * Runs one attempt of an activity that writes. When it fails having made no write that may have landed
 * (none went out, or each was refused with 429: the integration's budget held it or the system refused
 * it), and no attempt before it may have written either, it says so in its heartbeat (Temporal hands the
 * last heartbeat's details to the next attempt). The next attempt then acts first as the first one did,
 * instead of reading first to learn an outcome that is known: in a rate-limit storm those reads were most
 * of the calls, and each was one more refusal.
 */
export async function writeAttempt<T>(run: (attempt: Attempt) => Promise<T>): Promise<T> {
  const clean = !isRetry();
  let wrote = false;
  const attempt: Attempt = {
    async write(call) {
      try {
        const result = await call();
        wrote = true;
        return result;
      } catch (error) {
        if (!isRefused(error)) wrote = true;
        throw error;
      }
    },
  };
  try {
    return await run(attempt);
  } catch (error) {
    if (clean && !wrote) tellNextAttempt();
    throw error;
  }
}

function tellNextAttempt(): void {
  try {
    const context = Context.current();
    const key = activityKey(context.info);
    toldHere.delete(key);
    toldHere.set(key, context.info.attempt);
    if (toldHere.size > TOLD_HERE_LIMIT) toldHere.delete(toldHere.keys().next().value as string);
    context.heartbeat({ wroteNothingThrough: context.info.attempt } satisfies WroteNothing);
  } catch {
    // Not in an activity: there is no next attempt to tell.
  }
}

/** A 429: the request was not executed (or never sent: the shared budget held it). */
function isRefused(error: unknown): boolean {
  if (error instanceof HttpError) return error.status === 429;
  if (error instanceof ApplicationFailure) {
    const [detail] = error.details ?? [];
    return (detail as { status?: unknown } | undefined)?.status === 429;
  }
  return false;
}
