/**
 * OnCall's alert-group statuses and the webhook event types that move a group between them (oncall.md
 * §1.4), in one place: the receiver's and the client's schemas, the mappings, validation and
 * reconciliation all read these.
 */
export const ALERT_GROUP_STATES = ['firing', 'acknowledged', 'resolved', 'silenced'] as const;

export type AlertGroupState = (typeof ALERT_GROUP_STATES)[number];

/** The event type of the webhook that announces a new group. */
export const BIRTH_EVENT = 'alert group created';

/** The status each status-changing event type leaves the group in; the birth event reads the group's state. */
export const STATUS_AFTER_EVENT: Readonly<Record<string, AlertGroupState | 'fromGroup'>> = {
  [BIRTH_EVENT]: 'fromGroup',
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  silence: 'silenced',
  unsilence: 'firing',
  unresolve: 'firing',
  unacknowledge: 'firing',
};

/**
 * The alert-group timestamp OnCall takes `event.time` from, per timed event type (oncall.md §1.1): both are
 * the same instant, so an event whose `event.time` was moved still shows when its change happened.
 */
export const TIME_FIELD_OF_EVENT: Readonly<
  Record<string, 'created_at' | 'acknowledged_at' | 'resolved_at' | 'silenced_at'>
> = {
  [BIRTH_EVENT]: 'created_at',
  acknowledge: 'acknowledged_at',
  resolve: 'resolved_at',
  silence: 'silenced_at',
};

/** The event type that leaves a group in `state`, for reconciliation's stand-in events (un-* carry no time). */
export const EVENT_FOR_STATE: Readonly<Record<AlertGroupState, string>> = {
  acknowledged: 'acknowledge',
  resolved: 'resolve',
  silenced: 'silence',
  firing: 'unresolve',
};
