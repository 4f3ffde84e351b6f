/**
 * How a pair's main loop runs one event: in the trace of the signal that brought it, so a webhook and the
 * writes it caused share one trace even when the pair was already running. A traced worker installs the
 * runner (workflows/tracing-interceptors.ts, not in the untraced bundle); otherwise the event just runs.
 * Traces change no command and no history event, so replay is the same either way.
 */
export type EventRunner = <T>(event: object, run: () => Promise<T>) => Promise<T>;

let runner: EventRunner = (_event, run) => run();

export function setEventRunner(next: EventRunner): void {
  runner = next;
}

export function inTraceOf<T>(event: object, run: () => Promise<T>): Promise<T> {
  return runner(event, run);
}
