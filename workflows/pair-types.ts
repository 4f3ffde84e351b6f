/**
 * The pair's own vocabulary: the events the receiver sends (never raw vendor JSON), the results of its
 * activities fed back as inputs, the commands the reducer emits and the state it keeps.
 */
import type { CarriedNotesResult } from '../activities/types';
import type { AlertGroupAction, AlertGroupState } from '../src/integrations/oncall/types';
import type { FieldValue, RenderedFields } from './field-mapping';
import type { PairKey } from './ids';
import type { PairSettings } from './settings';

/** What an OnCall outgoing webhook told us about one alert group. */
export interface OnCallEvent {
  source: 'oncall';
  /** Set when reconciliation, not a webhook, delivered the change (noted on the timeline). */
  via?: 'reconciliation';
  /** When the bridge handed the event to Temporal (epoch ms, its own clock); absent in older histories. */
  sentAt?: number;
  /** De-duplication key; `null` when the event has no time (un-* events), so only state comparison applies. */
  key: string | null;
  settings: PairSettings;
  /** `alert group created`, `acknowledge`, `resolve`, `silence`, `unsilence`, `unresolve`, `unacknowledge`. */
  eventType: string;
  /** `event.time`; absent for un-* events. */
  eventTime: string | null;
  /**
   * The group's own timestamp of the change (`acknowledged_at` for acknowledge...; `TIME_FIELD_OF_EVENT`),
   * which OnCall sets `event.time` from; absent for un-* events, payloads without it and older histories.
   */
  changedAt?: string | null;
  /** The acting user (`user.id`), `null` for source, automatic or creation events. */
  userId: string | null;
  /** The acting user's e-mail (`user.email`), for `assignOnAcknowledge`; absent in older events. */
  actorEmail?: string | null;
  /** The integration's field templates rendered for this event (bridge.md §8.2); absent without templates. */
  rendered?: RenderedFields;
  alertGroup: AlertGroupFacts;
  /** Set by reconciliation for a group with a person's note the pair has not carried: read the notes now. */
  notesNudge?: true;
}

export interface AlertGroupFacts {
  id: string;
  integrationId: string;
  state: AlertGroupState;
  title: string;
  message: string;
  permalink: string | null;
  alertUid: string | null;
}

/** What a ServiceNow Business Rule call told us about one incident. */
export interface ServiceNowEvent {
  source: 'servicenow';
  /** Set when reconciliation, not a webhook, delivered the change (noted on the timeline). */
  via?: 'reconciliation';
  /** When the bridge handed the event to Temporal (epoch ms, its own clock); absent in older histories. */
  sentAt?: number;
  key: string;
  settings: PairSettings;
  operation: 'insert' | 'update';
  incident: IncidentFacts;
}

export interface IncidentFacts {
  sysId: string;
  number: string;
  state: string;
  shortDescription: string;
  description: string;
  correlationId: string;
  updatedOn: string;
  updatedBy: string;
  modCount: number;
  /**
   * A digest of the newest work note and comment the Business Rule saw (never their text): when it changes,
   * the journal has a new entry. Absent when the sender cannot tell (reconciliation, older rules).
   */
  journalDigest?: string;
  /** Fields the Business Rule sends beyond the above (the alert's `servicenow` object, filter fields). */
  fields?: Record<string, FieldValue>;
}

/** The payload of `pairEventSignal`. */
export type PairEvent = OnCallEvent | ServiceNowEvent;

/** A note the pair carried from one side to the other, with its id on both (bridge.md §9). */
export interface CarriedNote {
  direction: 'toOnCall' | 'toServiceNow';
  /** `sys_journal_field` sys_id of the journal entry. */
  journalId: string;
  /** OnCall resolution note id. */
  oncallNoteId: string;
  at: string;
  /** True when a retry found the note already written and did not write it again. */
  found?: boolean;
}

/** The notes part of a pair; absent in runs that started before notes existed. */
export interface PairNotes {
  carried: CarriedNote[];
  /** The journal digest of the last ServiceNow event whose entries were carried. */
  journalDigest: string | null;
  /** The newest journal digest an event reported; differs from `journalDigest` until it is carried. */
  seenDigest?: string | null;
  /** Ids of the bridge's own notes already reported as echoes. */
  echoes?: string[];
}

/** An incident as an activity returns it. */
export type IncidentSnapshot = Omit<IncidentFacts, 'description'>;

/** An alert group as an activity returns it; `version` is its newest timestamp. */
export interface AlertGroupSnapshot {
  id: string;
  integrationId: string;
  state: AlertGroupState;
  version: string | null;
  title: string | null;
  permalink: string | null;
}

/** What a move reports of the group; `version` is null when the move needed no read. */
export type MovedAlertGroup = Pick<AlertGroupSnapshot, 'id' | 'state' | 'version'>;

export type PairSide = 'oncall' | 'servicenow';

/** Results of the pair's activities, fed back into the reducer. */
export type PairResult =
  | {
      source: 'bridge';
      kind: 'incidentWritten';
      incident: IncidentSnapshot;
      created: boolean;
      /** Reference fields whose name matched no record: left unset (absent in older results). */
      unresolved?: UnresolvedReference[];
    }
  | { source: 'bridge'; kind: 'alertSent' }
  | {
      source: 'bridge';
      kind: 'alertGroupMoved';
      group: MovedAlertGroup;
      actions: AlertGroupAction[];
      wrongState: boolean;
    }
  | {
      source: 'bridge';
      kind: 'refreshed';
      incident: IncidentSnapshot | null;
      group: AlertGroupSnapshot | null;
      authority: PairSide;
      authorityIsEcho: boolean;
      /** Set when the read checked an OnCall event the bridge did not trust (`pair-trust.ts`). */
      untrusted?: true;
    }
  | {
      source: 'bridge';
      kind: 'notesCarried';
      command: 'carryJournalToOnCall' | 'carryNotesToServiceNow';
      result: CarriedNotesResult;
    }
  | {
      source: 'bridge';
      kind: 'writeFailed';
      side: PairSide;
      command: PairCommand['kind'] | 'carryJournalToOnCall' | 'carryNotesToServiceNow';
      type: string;
      message: string;
    };

export type PairInput = PairEvent | PairResult;

/** A reference field given by a name that matched no record. */
export interface UnresolvedReference {
  field: string;
  value: string;
}

export type IncidentWrite = Record<string, string>;

/**
 * The incident as the pair knew it when it decided a write: its version and the values of the fields the
 * write changes. A retry compares them with the incident as it is now to tell a person's change since.
 */
export interface KnownIncident {
  modCount: number | null;
  fields: IncidentWrite;
}

/** Effects the workflow runs as activities. */
export type PairCommand =
  | { kind: 'createIncident'; correlationId: string; fields: IncidentWrite }
  | { kind: 'updateIncident'; sysId: string; fields: IncidentWrite; known: KnownIncident }
  | { kind: 'createAlertGroup'; inboundUrl: string; payload: AlertPayload }
  /** The alert again, same `alert_uid`, after a carried field changed (bridge.md §8.3). */
  | { kind: 'repostAlert'; inboundUrl: string; payload: AlertPayload }
  | { kind: 'moveAlertGroup'; alertGroupId: string; target: AlertGroupState; from: AlertGroupState }
  | {
      kind: 'refresh';
      authority: PairSide;
      authorityIsEcho: boolean;
      alertGroupId: string | null;
      alertUid: string | null;
      oncallIntegrationId: string | null;
      sysId: string | null;
      correlationId: string | null;
      /** Checks an OnCall event the bridge did not trust: the state read goes on only when it is news. */
      untrusted?: true;
    };

/** The formatted-webhook body the bridge posts for a ServiceNow-born incident. */
export interface AlertPayload {
  alert_uid: string;
  title: string;
  message: string;
  state: 'alerting' | 'ok';
  link_to_upstream_details: string;
  /** The incident's routing fields as display values (bridge.md §8.3); absent in older commands. */
  servicenow?: Record<string, string>;
}

export interface TimelineEntry {
  at: string;
  source: 'oncall' | 'servicenow' | 'bridge';
  kind: string;
  summary: string;
}

export interface PairState {
  key: PairKey;
  settings: PairSettings | null;
  /** False until the first event; a first event that is not a birth event re-reads both sides. */
  started: boolean;
  title: string | null;
  oncall: {
    alertGroupId: string | null;
    integrationId: string | null;
    state: AlertGroupState | null;
    /** Newest OnCall time seen for the group (`event.time` or a timestamp read back). */
    version: string | null;
    message: string;
    permalink: string | null;
    alertRequested: boolean;
    /** The ServiceNow version at which the bridge last looked the group up by `alert_uid`. */
    lookedUpAt?: number | null;
    /**
     * The state the bridge's last move set without learning its time (no read after the action): until
     * its echo brings the time, a person's event cannot be ordered against the move and the group is re-read.
     */
    awaitingEcho?: AlertGroupState | null;
  };
  servicenow: {
    sysId: string | null;
    number: string | null;
    state: string | null;
    modCount: number | null;
    updatedOn: string | null;
    createRequested: boolean;
  };
  /** What the bridge wants each side to be, set by a person's change on the other side. */
  desired: { servicenow: string | null; oncall: AlertGroupState | null };
  /** The bridge's own writes in flight: their echo must not count as a person's change. */
  pending: { servicenow: string | null; oncall: AlertGroupState | null };
  /** OnCall "wrong state" answers in a row for the current desired status. */
  moveAttempts: number;
  /** Bounded, oldest first. */
  seenKeys: string[];
  /** Bounded, oldest first. */
  timeline: TimelineEntry[];
  notes?: PairNotes;
  /** Fields beyond the state (bridge.md §8.2, §8.3); absent in runs from before field sync. */
  fields?: PairFields;
  lastError: { at: string; type: string; message: string } | null;
  updatedAt: string | null;
}

/**
 * Per-field bookkeeping, as `desired`/`pending` are for the state: what the bridge wants written, what is
 * in flight (its echo is not a person's change), what it last wrote and what ServiceNow last showed.
 */
export interface PairFields {
  /** The templates as rendered for the newest OnCall event. */
  rendered: Record<string, string>;
  /** Template problems last noted on the timeline (noted again only when they change). */
  problems: string[];
  /** The value the bridge last wrote per field. */
  written: Record<string, string>;
  /** The fields as the newest ServiceNow event showed them. */
  held: Record<string, FieldValue>;
  desired: Record<string, string>;
  pending: Record<string, string>;
  /** The `servicenow` object of the alert last posted to OnCall (ServiceNow-born pairs). */
  posted: Record<string, string> | null;
  /** A carried field changed since `posted`: the alert is posted again. */
  repost: boolean;
}

export interface Reduction {
  state: PairState;
  commands: PairCommand[];
}
