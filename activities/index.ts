/**
 * The pair activities, built from their dependencies: a client per integration (the composition root
 * looks up credentials) and the classifiers of the client modules that decide what is retryable.
 */
import { ApplicationFailure } from '@temporalio/common';
import { planAlertGroupMove } from '../src/integrations/oncall/plan';
import type {
  AlertGroup,
  AlertGroupAction,
  AlertGroupState,
  ClassifyOnCallError,
  OnCallClient,
} from '../src/integrations/oncall/types';
import type { ClassifyServiceNowError, Incident, ServiceNowClient } from '../src/integrations/servicenow/types';
import type { Keyring } from '../src/security/keyring';
import { isSealed, openSecret } from '../src/security/sealed';
import { isRetry, writeAttempt, type Attempt } from './attempt';
import { toApplicationFailure, translated, translatingClient } from './errors';
import { createNoteActivities } from './notes';
import { alertUidOf } from '../src/sync/pair-events';
import { alertGroupSnapshot, incidentSnapshot } from './snapshots';
import type {
  AlertPayload,
  IncidentSnapshot,
  KnownIncident,
  MovedAlertGroup,
  UnresolvedReference,
} from '../workflows/pair-types';
import { resolveReferences } from './references';
import type {
  MoveAlertGroupInput,
  MoveAlertGroupResult,
  PairActivities,
  ReadAlertGroupInput,
  WrittenIncident,
} from './types';
import { Failure } from '../workflows/failure-types';

export interface ActivityDeps {
  serviceNow: (integrationId: string) => Promise<ServiceNowClient>;
  onCall: (integrationId: string) => Promise<OnCallClient>;
  classifyServiceNow: ClassifyServiceNowError;
  classifyOnCall: ClassifyOnCallError;
  /** Opens sealed values (the inbound URL); without it only plain values can be used. */
  keyring?: Keyring;
}

export type { PairActivities } from './types';

/** Pages of alert groups scanned to find a ServiceNow-born group by `alert_uid` (newest first). */
const ALERT_UID_SCAN_PAGES = 3;

export function createActivities(deps: ActivityDeps): PairActivities {
  const sn = <T>(call: () => Promise<T>) => translated(deps.classifyServiceNow, call);
  const oc = <T>(call: () => Promise<T>) => translated(deps.classifyOnCall, call);

  return {
    /** When an earlier attempt may have created it, the incident is looked up by its correlation id first. */
    createIncident: ({ integrationId, correlationId, fields, mayExist }) =>
      sn(async () => {
        const client = await deps.serviceNow(integrationId);
        const existing = mayHaveRun(mayExist) ? await client.findIncidentByCorrelationId(correlationId) : undefined;
        if (existing) return incidentSnapshot(existing);
        const write = await resolveReferences(client, fields);
        const incident = await client.createIncident({ ...write.fields, correlation_id: correlationId });
        return withUnresolved(incidentSnapshot(incident), write.unresolved);
      }),

    /**
     * A retry may follow a write that landed while its response was lost (a timeout, a worker killed
     * mid-call): on a retry, an incident that already holds every field is not written again.
     */
    updateIncident: ({ integrationId, sysId, fields: asked, known }) =>
      sn(() =>
        writeAttempt(async (attempt) => {
          const client = await deps.serviceNow(integrationId);
          const { fields, unresolved } = await resolveReferences(client, asked);
          if (isRetry()) {
            const current = await client.getIncident(sysId);
            if (current && holdsFields(current, fields)) return withUnresolved(incidentSnapshot(current), unresolved);
            // Someone else changed what this write changes after it was decided (between our attempts):
            // writing again would overwrite a person's newer change, whose own event then could only look stale.
            if (current && known && changedByOthersSince(current, known, client.username)) {
              throw ApplicationFailure.nonRetryable(
                `${current.number} changed since this write`,
                Failure.servicenow_conflict,
              );
            }
          }
          const written = await attempt.write(() => client.updateIncident(sysId, fields));
          return withUnresolved(incidentSnapshot(written), unresolved);
        }),
      ),

    readIncident: ({ integrationId, sysId, correlationId }) =>
      sn(async () => {
        const client = await deps.serviceNow(integrationId);
        const incident = sysId
          ? await client.getIncident(sysId)
          : correlationId
            ? await client.findIncidentByCorrelationId(correlationId)
            : undefined;
        return incident ? incidentSnapshot(incident) : null;
      }),

    /**
     * Posting the same `alert_uid` again would add a second alert to the open group (oncall.md §3.4), which
     * people see: when an earlier attempt may have posted it, the alert is searched for first.
     */
    createAlertGroup: ({ integrationId, inboundUrl, payload, mayExist }) =>
      oc(async () => {
        const client = await deps.onCall(integrationId);
        if (mayHaveRun(mayExist) && (await alertPosted(client, payload.alert_uid))) return;
        await client.sendAlert(openedUrl(inboundUrl, deps.keyring), payload);
      }),

    /** At most once per change: a retry after a lost answer finds this very alert (same object) and stops. */
    repostAlert: ({ integrationId, inboundUrl, payload }) =>
      oc(async () => {
        const client = await deps.onCall(integrationId);
        if (isRetry() && (await alertPosted(client, payload.alert_uid, payload))) return;
        await client.sendAlert(openedUrl(inboundUrl, deps.keyring), payload);
      }),

    moveAlertGroup: (input) =>
      oc(() =>
        writeAttempt(async (attempt) =>
          moveOrReread(await deps.onCall(input.integrationId), deps.classifyOnCall, input, attempt),
        ),
      ),

    readAlertGroup: (input) => oc(async () => readAlertGroup(await deps.onCall(input.integrationId), input)),

    ...createNoteActivities({
      serviceNow: async (id) => translatingClient(await deps.serviceNow(id), deps.classifyServiceNow),
      onCall: async (id) => translatingClient(await deps.onCall(id), deps.classifyOnCall),
    }),
  };
}

/**
 * Whether an earlier attempt may have made what this create makes: the workflow says so (`mayExist`; absent
 * in inputs scheduled before it existed, so yes), or this is an activity's retry.
 */
function mayHaveRun(mayExist: boolean | undefined): boolean {
  return mayExist !== false || isRetry();
}

/**
 * Whether OnCall holds an alert with this `alert_uid` (found by its text, then matched exactly); with
 * `payload`, one that also carries the same `servicenow` object.
 */
async function alertPosted(client: OnCallClient, alertUid: string, payload?: AlertPayload): Promise<boolean> {
  const found = await client.searchAlerts(alertUid);
  return found.results.some((alert) => {
    const posted = alert.payload as { alert_uid?: unknown; servicenow?: unknown } | null;
    if (posted?.alert_uid !== alertUid) return false;
    return !payload || JSON.stringify(posted.servicenow) === JSON.stringify(payload.servicenow);
  });
}

function withUnresolved(incident: IncidentSnapshot, unresolved: UnresolvedReference[]): WrittenIncident {
  return unresolved.length > 0 ? { ...incident, unresolved } : incident;
}

/**
 * Whether someone other than the bridge changed one of the written fields after the pair decided the
 * write. Decided by who and which version (`sys_mod_count`), never by `sys_updated_on`: its whole seconds
 * cannot order a change and a write in the same second (an incident created, or written by the bridge
 * itself, in the second the write was decided would look changed by someone else, and the write be lost).
 */
function changedByOthersSince(incident: Incident, known: KnownIncident, bridgeUser: string): boolean {
  if (incident.sys_updated_by === bridgeUser) return false;
  if (known.modCount !== null && incident.sys_mod_count <= known.modCount) return false;
  return !holdsFields(incident, known.fields);
}

function holdsFields(incident: Incident, fields: Record<string, string>): boolean {
  const record = incident as unknown as Record<string, unknown>;
  return Object.entries(fields).every(([name, value]) => record[name] === value);
}

/**
 * Takes the path of oncall.md §4.4 one action at a time, from the state the pair knows (`from`): one call
 * per change when that state is right. OnCall's actions answer with an empty body, so a success reports the
 * target with no version; the pair then treats a person's event that arrives before this action's echo as
 * unordered and re-reads (workflows/pair-observe.ts). A 400 "wrong state" means someone moved the group
 * since the pair last heard of it: re-read it and report the actual state without planning again, so the
 * workflow decides (a person's newer change wins) instead of undoing that change. A retry cannot tell which
 * of an earlier attempt's actions landed (unless each was refused: `writeAttempt`), and a move scheduled
 * before `from` existed has none: both read the group first and read it again after acting (its newest time
 * is then the version).
 */
async function moveOrReread(
  client: OnCallClient,
  classify: ClassifyOnCallError,
  input: MoveAlertGroupInput,
  attempt: Attempt,
): Promise<MoveAlertGroupResult> {
  const { alertGroupId, target } = input;
  const readFirst = input.from === undefined || isRetry();
  const actions: AlertGroupAction[] = [];
  try {
    const from = readFirst ? (await client.getAlertGroup(alertGroupId)).state : (input.from as AlertGroupState);
    for (const step of planAlertGroupMove(from, target)) {
      await attempt.write(() => runAction(client, alertGroupId, step));
      actions.push(step);
    }
  } catch (error) {
    const failure = classify(error);
    if (failure.type !== Failure.oncall_wrong_state) throw toApplicationFailure(failure);
    const group = movedGroup(await client.getAlertGroup(alertGroupId));
    return { group, actions, wrongState: true };
  }
  if (!readFirst) return { group: { id: alertGroupId, state: target, version: null }, actions, wrongState: false };
  const group = movedGroup(await client.getAlertGroup(alertGroupId));
  return { group, actions, wrongState: false };
}

function movedGroup(group: AlertGroup): MovedAlertGroup {
  const { id, state, version } = alertGroupSnapshot(group);
  return { id, state, version };
}

function runAction(client: OnCallClient, id: string, action: AlertGroupAction): Promise<void> {
  // The bridge silences until further notice; OnCall's own un-silence or a later change ends it.
  if (action === 'silence') return client.silence(id, -1);
  return client[action](id);
}

async function readAlertGroup(client: OnCallClient, input: ReadAlertGroupInput) {
  if (input.alertGroupId) return alertGroupSnapshot(await client.getAlertGroup(input.alertGroupId));
  if (!input.alertUid || !input.oncallIntegrationId) return null;
  for (let page = 1; page <= ALERT_UID_SCAN_PAGES; page++) {
    const found = await client.listAlertGroups({ integration_id: input.oncallIntegrationId, page, perpage: 50 });
    const match = found.results.find((group) => alertUidOf(group) === input.alertUid);
    if (match) return alertGroupSnapshot(match);
    if (found.nextPage === undefined) break;
  }
  return null;
}

/** The inbound URL to post to: sealed since issue 13 (opened here, in the worker), plain in older events. */
function openedUrl(inboundUrl: string, keyring: Keyring | undefined): string {
  if (!isSealed(inboundUrl)) return inboundUrl;
  if (!keyring) throw new Error('a sealed inbound URL needs the keyring to open it');
  return openSecret(inboundUrl, keyring);
}
