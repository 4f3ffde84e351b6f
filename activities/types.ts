/** The inputs and results of the pair activities: one input object per call, plain JSON both ways. */
import type { JournalElement } from '../src/integrations/servicenow/types';
import type { AlertGroupAction, AlertGroupState } from '../src/integrations/oncall/types';
import type {
  AlertGroupSnapshot,
  AlertPayload,
  CarriedNote,
  IncidentSnapshot,
  IncidentWrite,
  KnownIncident,
  MovedAlertGroup,
  UnresolvedReference,
} from '../workflows/pair-types';

export interface CreateIncidentInput {
  integrationId: string;
  /** The marker naming the alert group; looked up first when the incident may exist already. */
  correlationId: string;
  fields: IncidentWrite;
  /** An earlier attempt may have created it (a re-run workflow task): look before creating. Absent = yes. */
  mayExist?: boolean;
}

export interface UpdateIncidentInput {
  integrationId: string;
  sysId: string;
  fields: IncidentWrite;
  /** What the pair knew of the incident when it decided the write; absent in writes scheduled before it existed. */
  known?: KnownIncident;
}

export interface ReadIncidentInput {
  integrationId: string;
  sysId: string | null;
  correlationId: string | null;
}

export interface CreateAlertGroupInput {
  integrationId: string;
  /** Sealed; plain in events of integrations set up before the URL was sealed. Opened only to post. */
  inboundUrl: string;
  payload: AlertPayload;
  /** An earlier attempt may have posted it (a re-run workflow task): look before posting. Absent = yes. */
  mayExist?: boolean;
}

/** An incident as a write returns it, with the reference fields whose name matched no record (left unset). */
export type WrittenIncident = IncidentSnapshot & { unresolved?: UnresolvedReference[] };

export type RepostAlertInput = Omit<CreateAlertGroupInput, 'mayExist'>;

export interface MoveAlertGroupInput {
  integrationId: string;
  alertGroupId: string;
  target: AlertGroupState;
  /** The group's state as the pair knows it: the actions start from there. Absent: read the group first. */
  from?: AlertGroupState;
}

export interface MoveAlertGroupResult {
  /** `version` is null when no read was needed (OnCall's actions answer with an empty body). */
  group: MovedAlertGroup;
  actions: AlertGroupAction[];
  /** OnCall answered 400 "wrong state": `group` is the state read back afterwards. */
  wrongState: boolean;
}

export interface ReadAlertGroupInput {
  integrationId: string;
  alertGroupId: string | null;
  /** Without an id: find the group whose last alert carries this `alert_uid`. */
  alertUid: string | null;
  /** Where to look for `alertUid`. */
  oncallIntegrationId: string | null;
}

/** What `createActivities` returns; the workflow proxies this type. */
export interface PairActivities extends NoteActivities {
  createIncident(input: CreateIncidentInput): Promise<WrittenIncident>;
  updateIncident(input: UpdateIncidentInput): Promise<WrittenIncident>;
  readIncident(input: ReadIncidentInput): Promise<IncidentSnapshot | null>;
  createAlertGroup(input: CreateAlertGroupInput): Promise<void>;
  /** Posts the alert again with the same `alert_uid`; a retry first looks for this exact alert. */
  repostAlert(input: RepostAlertInput): Promise<void>;
  moveAlertGroup(input: MoveAlertGroupInput): Promise<MoveAlertGroupResult>;
  readAlertGroup(input: ReadAlertGroupInput): Promise<AlertGroupSnapshot | null>;
}

/** Carries new ServiceNow journal entries to the pair's alert group as resolution notes (bridge.md §9). */
export interface CarryJournalInput {
  integrationId: string;
  sysId: string;
  alertGroupId: string;
  elements: JournalElement[];
  /** Ids (both sides) of what the pair already carried or saw as its own: never carried again. */
  known: string[];
}

/** Carries new OnCall resolution notes of the pair's alert group to the incident's journal (bridge.md §9). */
export interface CarryNotesInput {
  integrationId: string;
  alertGroupId: string;
  sysId: string;
  element: JournalElement;
  known: string[];
  /** `user.id` of the bridge's own OnCall actions and notes. */
  bridgeUserId: string;
}

export interface CarriedNotesResult {
  carried: Omit<CarriedNote, 'at'>[];
  /** Ids of the bridge's own notes or entries met for the first time: echoes, not carried back. */
  echoes: string[];
}

export interface NoteActivities {
  carryJournalToOnCall(input: CarryJournalInput): Promise<CarriedNotesResult>;
  carryNotesToServiceNow(input: CarryNotesInput): Promise<CarriedNotesResult>;
}
