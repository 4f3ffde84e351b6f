/**
 * Alert-group state changes as OnCall's `AlertGroup` model performs them (oncall.md §4.4): low-level
 * helpers that cascade, and high-level `*_by_user` actions whose pre-steps write no webhook; only the
 * final action emits an event.
 */
import type { AlertGroupEvent, EmAlertGroup, EmUser, StatusTrigger } from './model';

export type Emit = (event: AlertGroupEvent) => void;

function unSilence(group: EmAlertGroup): void {
  clearTimeout(group.unsilenceTimer);
  group.unsilenceTimer = undefined;
  group.silenced = false;
  group.silencedAt = null;
  group.silencedUntil = null;
}

// `unacknowledge()` also un-silences, and `unresolve()` also un-acknowledges: back to plain firing.
function unAcknowledge(group: EmAlertGroup): void {
  group.acknowledged = false;
  group.acknowledgedAt = null;
  group.acknowledgedBy = null;
  unSilence(group);
}

function unResolve(group: EmAlertGroup): void {
  group.resolved = false;
  group.resolvedAt = null;
  group.resolvedBy = null;
  unAcknowledge(group);
}

export interface ActionOptions {
  user: EmUser | null;
  emit: Emit;
  /** For `silence`: seconds; -1, 0 or null = forever. */
  delaySeconds?: number | null;
  /** Called when a timed silence expires (the emulator's `unsilence_task`). */
  onSilenceExpired?: (group: EmAlertGroup) => void;
}

const steps: Record<StatusTrigger, (group: EmAlertGroup, options: ActionOptions, now: Date) => void> = {
  acknowledge(group, { user }, now) {
    if (group.silenced) unSilence(group);
    if (group.resolved) unResolve(group);
    group.acknowledged = true;
    group.acknowledgedAt = now;
    group.acknowledgedBy = user;
  },
  unacknowledge: (group) => unAcknowledge(group),
  resolve(group, { user }, now) {
    if (group.silenced) unSilence(group);
    group.resolved = true;
    group.resolvedAt = now;
    group.resolvedBy = user;
    // A resolved group never takes new alerts again, even after unresolve (oncall.md §3.4).
    group.openForGrouping = false;
  },
  unresolve: (group) => unResolve(group),
  silence(group, { delaySeconds, onSilenceExpired }, now) {
    if (group.resolved) unResolve(group);
    if (group.acknowledged) unAcknowledge(group);
    if (group.silenced) unSilence(group);
    group.silenced = true;
    group.silencedAt = now;
    const delay = delaySeconds ?? 0;
    group.silencedUntil = delay > 0 ? new Date(now.getTime() + delay * 1000) : null;
    if (delay > 0 && onSilenceExpired) {
      group.unsilenceTimer = setTimeout(() => onSilenceExpired(group), delay * 1000);
      group.unsilenceTimer.unref();
    }
  },
  unsilence: (group) => unSilence(group),
};

/** Runs one high-level action (no guards: those live in the API layer) and emits its one webhook event. */
export function performAction(group: EmAlertGroup, action: StatusTrigger, options: ActionOptions): void {
  const now = new Date();
  steps[action](group, options, now);
  options.emit({ type: action, group, user: options.user, at: now });
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/**
 * The public-API guard of oncall.md §2.2 for `action`, in the view's order: the exact 400 `detail`, or
 * null when the action is allowed. Attached and maintenance groups do not exist in the emulator.
 */
export function guardMessage(group: EmAlertGroup, action: StatusTrigger): string | null {
  const cant = (adjective: string) => `Can't ${action} ${article(adjective)} ${adjective} alert group`;
  switch (action) {
    case 'acknowledge':
      if (group.acknowledged) return cant('acknowledged');
      return group.resolved ? cant('resolved') : null;
    case 'unacknowledge':
      if (!group.acknowledged) return cant('unacknowledged');
      return group.resolved ? cant('resolved') : null;
    case 'resolve':
      return group.resolved ? cant('resolved') : null;
    case 'unresolve':
      return group.resolved ? null : cant('unresolved');
    case 'silence':
      if (group.resolved) return cant('resolved');
      return group.acknowledged ? cant('acknowledged') : null;
    case 'unsilence':
      if (!group.silenced) return cant('unsilenced');
      if (group.resolved) return cant('resolved');
      return group.acknowledged ? cant('acknowledged') : null;
  }
}

/** The `delay` check of the silence view: required, an int (Python `int()` semantics), at least -1. */
export function parseSilenceDelay(body: unknown): { delay: number } | { error: string } {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).delay : undefined;
  if (raw === undefined || raw === null) return { error: 'delay is required' };
  let delay: number;
  if (typeof raw === 'number') delay = Math.trunc(raw);
  else if (typeof raw === 'boolean') delay = raw ? 1 : 0;
  else if (typeof raw === 'string' && /^\s*[-+]?\d+\s*$/.test(raw)) delay = Number.parseInt(raw, 10);
  else return { error: 'invalid delay value' };
  if (!Number.isFinite(delay) || delay < -1) return { error: 'invalid delay value' };
  return { delay };
}
