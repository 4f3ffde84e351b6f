/**
 * Notes exactly once when things go wrong (bridge.md §9): a note write that landed but was answered 503, or
 * whose answer never came, is not written again on retry; reconciliation carries a note whose signal was
 * lost (OnCall sends none; a Business Rule call refused) and repeated runs add nothing; a connected
 * integration with `backsync: false` gets no notes from ServiceNow.
 */
import type { ReconcileResult } from '../../workflows/reconcile-types';
import {
  oncallAction,
  revokeInstalledBusinessRule,
  setUpIntegration,
  snAsPerson,
  useIntegrationRig,
  type Rig,
  type SetUpIntegration,
} from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incidentFor, oncallPairKey, openAlertGroup, pairView, sendAlert } from './support/actions';
import { notesReads, quiet } from './support/ledger';

interface Note {
  id: string;
  text: string;
}

async function notesOf(rig: Rig, alertGroupId: string): Promise<Note[]> {
  const res = await fetch(`${rig.oc.url}/api/v1/resolution_notes/?alert_group_id=${alertGroupId}`, {
    headers: { authorization: rig.humanKey },
  });
  return ((await res.json()) as { results: Note[] }).results;
}

async function addNote(rig: Rig, alertGroupId: string, text: string): Promise<Note> {
  const res = await fetch(`${rig.oc.url}/api/v1/resolution_notes/`, {
    method: 'POST',
    headers: { authorization: rig.humanKey, 'content-type': 'application/json' },
    body: JSON.stringify({ alert_group_id: alertGroupId, text }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Note;
}

function journal(rig: Rig, sysId: string) {
  return [...rig.sn.store.rows('sys_journal_field').values()].filter((row) => row.element_id === sysId);
}

async function fault(url: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${url}/__emulator/faults`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

async function reconcile(rig: Rig, integration: SetUpIntegration): Promise<ReconcileResult> {
  const res = await rig.admin('POST', `/api/v1/integrations/${integration.id}/reconcile`);
  expect(res.status).toBe(200);
  return res.body as ReconcileResult;
}

async function timelineKinds(rig: Rig, integration: SetUpIntegration, alertGroupId: string): Promise<string[]> {
  return (await pairView(rig, oncallPairKey(integration, alertGroupId))).timeline.map((entry) => entry.kind);
}

describe('notes exactly once through faults and lost signals', () => {
  let started: { rig: Rig; integration: SetUpIntegration } | undefined;
  useIntegrationRig((s) => (started = s));
  const ctx = () => started!;

  /**
   * A pair in sync with one OnCall note no event has announced: the group acknowledged (the work started),
   * then the note written.
   */
  async function pairWithSilentNote(title: string) {
    const { rig, integration } = ctx();
    const group = await openAlertGroup(rig, integration.inboundUrl, title);
    const incident = await incidentFor(rig, group.id);
    await quiet(rig);
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incidentFor(rig, group.id)).state === '2', { what: 'the acknowledge carried' });
    await quiet(rig);
    const note = await addNote(rig, group.id, `${title}: storage team paged`);
    return { group, sysId: incident.sys_id!, note };
  }

  it('when OnCall has a note and no event follows, then reconciliation carries it once, and again adds nothing', async () => {
    const { rig, integration } = ctx();
    const { group, sysId, note } = await pairWithSilentNote('Silent note');

    const first = await reconcile(rig, integration);
    expect(first.notesNudged).toBeGreaterThanOrEqual(1);
    const [entry] = await waitFor(() => (journal(rig, sysId).length > 0 ? journal(rig, sysId) : undefined), {
      what: 'the note in the journal',
    });
    expect(entry!.value).toBe(
      `alice (Grafana OnCall): Silent note: storage team paged\n\n[Grafana OnCall note ${note.id}]`,
    );
    await quiet(rig);
    await reconcile(rig, integration);
    await quiet(rig);
    expect(journal(rig, sysId)).toHaveLength(1);
    expect(await notesOf(rig, group.id)).toHaveLength(1);
  });

  it('reconciliation reads no notes of a firing group (nobody works on it yet), and reads them once it is acknowledged', async () => {
    const { rig, integration } = ctx();
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Firing with a note');
    const incident = await incidentFor(rig, group.id);
    await quiet(rig);
    await addNote(rig, group.id, 'written before anyone acknowledged');
    const readsBefore = (await notesReads(rig, group.id)).length;
    await reconcile(rig, integration);
    await quiet(rig);
    expect((await notesReads(rig, group.id)).length).toBe(readsBefore);
    expect(journal(rig, incident.sys_id!)).toEqual([]);
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incidentFor(rig, group.id)).state === '2', { what: 'the acknowledge carried' });
    await quiet(rig);
    await reconcile(rig, integration);
    await waitFor(() => journal(rig, incident.sys_id!).length === 1, { what: 'the note in the journal' });
  });

  it('when the journal write lands but is answered 503, then its retry finds it and does not write it again', async () => {
    const { rig, integration } = ctx();
    const { group, sysId } = await pairWithSilentNote('Applied then 503');
    await fault(rig.sn.url, { status: 503, applied: true, method: 'PATCH', path: '/api/now/table/incident' });

    await reconcile(rig, integration);
    await waitFor(async () => (await timelineKinds(rig, integration, group.id)).includes('note_duplicate_avoided'), {
      what: 'the retry finding the entry',
    });
    await quiet(rig);
    expect(journal(rig, sysId)).toHaveLength(1);
  });

  it('when the journal write lands but its answer never comes, then its retry does not write it again', async () => {
    const { rig, integration } = ctx();
    const { group, sysId } = await pairWithSilentNote('Answer lost');
    // Longer than the client's 10 s timeout: the attempt fails while the entry is written.
    await fault(rig.sn.url, { answerDelayMs: 12_000, method: 'PATCH', path: '/api/now/table/incident' });

    await reconcile(rig, integration);
    await waitFor(async () => (await timelineKinds(rig, integration, group.id)).includes('note_duplicate_avoided'), {
      what: 'the retry finding the entry',
      timeoutMs: 40_000,
    });
    await quiet(rig);
    expect(journal(rig, sysId)).toHaveLength(1);
  }, 60_000);

  it('when the resolution note create lands but is answered 503, then its retry does not create a second', async () => {
    const { rig, integration } = ctx();
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Note create 503');
    const incident = await incidentFor(rig, group.id);
    await quiet(rig);
    await fault(rig.oc.url, { status: 503, applied: true, method: 'POST', path: '/resolution_notes' });

    await snAsPerson(rig, 'PATCH', `/${incident.sys_id}`, { work_notes: 'Rebooted the switch' });
    await waitFor(async () => (await timelineKinds(rig, integration, group.id)).includes('note_duplicate_avoided'), {
      what: 'the retry finding the note',
    });
    await quiet(rig);
    const notes = await notesOf(rig, group.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toContain('Rebooted the switch');
  });

  it('when the alert group belongs to a connected integration with backsync off, then a work note stays in ServiceNow', async () => {
    const { rig } = ctx();
    const integration = await setUpIntegration(rig);
    const other = rig.oc.createIntegration({ type: 'formatted_webhook', name: `backsync off ${integration.id}` });
    const route = `/api/v1/integrations/${integration.id}/connections`;
    expect((await rig.admin('POST', route, { oncallIntegrationId: other.id, backsync: false })).status).toBe(201);
    await sendAlert(other.link, { alert_uid: 'bs-off-1', title: 'Backsync off', message: 'm', state: 'alerting' });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title === 'Backsync off'));
    const incident = await incidentFor(rig, group.id);
    await quiet(rig);

    await snAsPerson(rig, 'PATCH', `/${incident.sys_id}`, { work_notes: 'for ServiceNow only' });
    await quiet(rig);
    await reconcile(rig, integration);
    await quiet(rig);
    expect(await notesOf(rig, group.id)).toEqual([]);
  });

  // Last: it revokes the Business Rule's token, so later rule calls of this integration are lost.
  it('when the Business Rule call of a work note is lost, then reconciliation carries the note once', async () => {
    const { rig, integration } = ctx();
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Lost rule call');
    const incident = await incidentFor(rig, group.id);
    await quiet(rig);
    await revokeInstalledBusinessRule(rig, integration);
    await snAsPerson(rig, 'PATCH', `/${incident.sys_id}`, { work_notes: 'Failover done' });
    await quiet(rig);
    expect(await notesOf(rig, group.id)).toEqual([]);

    const first = await reconcile(rig, integration);
    expect(first.notesNudged).toBeGreaterThanOrEqual(1);
    const [note] = await waitFor(async () => {
      const notes = await notesOf(rig, group.id);
      return notes.length > 0 ? notes : undefined;
    });
    expect(note!.text).toContain('Failover done');
    await quiet(rig);
    await reconcile(rig, integration);
    await quiet(rig);
    expect(await notesOf(rig, group.id)).toHaveLength(1);
  });
});
