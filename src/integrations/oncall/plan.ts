import type { AlertGroupAction, AlertGroupState } from './types';

/**
 * The public-API actions that take an alert group from `from` to `to`, using only moves the guards of
 * oncall.md §2.2 allow: acknowledged and resolved groups must be un-acknowledged / un-resolved before
 * they can be silenced, and a resolved group must be un-resolved before it can be acknowledged. Pure, so
 * workflows can call it too. Already there = no actions.
 */
export function planAlertGroupMove(from: AlertGroupState, to: AlertGroupState): AlertGroupAction[] {
  if (from === to) return [];
  switch (to) {
    case 'firing':
      return [leaveAction(from)];
    case 'acknowledged':
      // Acknowledge implicitly un-silences; only `resolved` needs a step first.
      return from === 'resolved' ? ['unresolve', 'acknowledge'] : ['acknowledge'];
    case 'resolved':
      return ['resolve'];
    case 'silenced':
      return from === 'firing' ? ['silence'] : [leaveAction(from), 'silence'];
  }
}

/** The action that returns a group in `from` to plain firing (callers never pass `firing`). */
function leaveAction(from: AlertGroupState): AlertGroupAction {
  switch (from) {
    case 'acknowledged':
      return 'unacknowledge';
    case 'resolved':
      return 'unresolve';
    default:
      return 'unsilence';
  }
}
