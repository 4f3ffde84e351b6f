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

/** The event type that leaves a group in `state`, for reconciliation's stand-in events (un-* carry no time). */
export const EVENT_FOR_STATE: Readonly<Record<AlertGroupState, string>> = {
  acknowledged: 'acknowledge',
  resolved: 'resolve',
  silenced: 'silence',
  firing: 'unresolve',
};
