import {
  oncallAction,
  setUpIntegration,
  snAsPerson,
  useIntegrationRig,
  type Rig,
  type SetUpIntegration,
} from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incidentFor, oncallPairKey, openAlertGroup, pairView, repeatRuleCall, ruleCalls } from './support/actions';
import { notesReads, quiet } from './support/ledger';

interface Note {
  id: string;
  author: string | null;
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
  return (await res.json()) as Note;
}

function journal(rig: Rig, sysId: string) {
  return [...rig.sn.store.rows('sys_journal_field').values()].filter((row) => row.element_id === sysId);
}

describe('notes both ways, exactly once (bridge.md §9)', () => {
  let started: { rig: Rig; integration: SetUpIntegration } | undefined;
  useIntegrationRig((s) => (started = s));
  const ctx = () => started!;

  it('when a person writes a work note, then the alert group gets one resolution note, and re-sent rule calls add none', async () => {
    const { rig, integration } = ctx();
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Notes from ServiceNow');
    const created = await incidentFor(rig, group.id);
    await quiet(rig);
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { work_notes: 'Disk replaced on db-7' });
    const [note] = await waitFor(async () => {
      const notes = await notesOf(rig, group.id);
      return notes.length > 0 ? notes : undefined;
    });
    expect(note!.text).toMatch(
      /^.+ \(ServiceNow work note\): Disk replaced on db-7\n\n\[ServiceNow journal entry [0-9a-f]{32}\]$/,
    );
    await quiet(rig);
    for (const body of ruleCalls(rig, created.sys_id!)) expect(await repeatRuleCall(rig, integration, body)).toBe(202);
    await quiet(rig);
    expect(await notesOf(rig, group.id)).toHaveLength(1);
    // The bridge's own note never comes back as a journal entry.
    expect(journal(rig, created.sys_id!)).toHaveLength(1);
    const view = await pairView(rig, oncallPairKey(integration, group.id));
    expect(view.notes).toEqual([
      expect.objectContaining({
        direction: 'toOnCall',
        journalId: journal(rig, created.sys_id!)[0]!.sys_id,
        oncallNoteId: note!.id,
      }),
    ]);
  });

  it('when a person writes a resolution note and acknowledges, then no note is read until the resolve carries it into one work note', async () => {
    const { rig, integration } = ctx();
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Notes from OnCall');
    const created = await incidentFor(rig, group.id);
    await quiet(rig);
    const readsBefore = (await notesReads(rig, group.id)).length;
    const written = await addNote(rig, group.id, 'Paging the storage team');
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incidentFor(rig, group.id)).state === '2', { what: 'the acknowledge carried' });
    await quiet(rig);
    // The acknowledge starts the work: OnCall's notes are not read for it (issue 20).
    expect(await notesReads(rig, group.id)).toHaveLength(readsBefore);
    expect(journal(rig, created.sys_id!)).toEqual([]);
    expect(await oncallAction(rig, group.id, 'resolve')).toBe(200);
    const [entry] = await waitFor(() => {
      const rows = journal(rig, created.sys_id!);
      return rows.length > 0 ? rows : undefined;
    });
    expect(entry).toMatchObject({ element: 'work_notes', sys_created_by: 'grafana-oncall' });
    expect(entry!.value).toBe(`alice (Grafana OnCall): Paging the storage team\n\n[Grafana OnCall note ${written.id}]`);
    await quiet(rig);
    expect(await notesReads(rig, group.id)).toHaveLength(readsBefore + 1);
    expect(journal(rig, created.sys_id!)).toHaveLength(1);
    expect(await notesOf(rig, group.id)).toHaveLength(1);
  });

  it("when notes are off toward OnCall, then a person's work note stays in ServiceNow", async () => {
    const { rig } = ctx();
    const integration = await setUpIntegration(rig);
    expect(
      (await rig.admin('PATCH', `/api/v1/integrations/${integration.id}`, { notes: { toOnCall: 'off' } })).status,
    ).toBe(200);
    const resource = (await rig.admin('GET', `/api/v1/integrations/${integration.id}`)).body;
    expect(resource.notes).toEqual({ toOnCall: 'off', toServiceNow: 'work_notes' });
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Notes off');
    const created = await incidentFor(rig, group.id);
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { work_notes: 'not for OnCall' });
    await quiet(rig);
    expect(await notesOf(rig, group.id)).toEqual([]);
  });

  it("when notes are off toward ServiceNow, then a person's resolution note stays in OnCall", async () => {
    const { rig } = ctx();
    const integration = await setUpIntegration(rig);
    const patched = await rig.admin('PATCH', `/api/v1/integrations/${integration.id}`, {
      notes: { toServiceNow: 'off' },
    });
    expect(patched.status).toBe(200);
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Notes off toward ServiceNow');
    const created = await incidentFor(rig, group.id);
    await quiet(rig);
    await addNote(rig, group.id, 'not for ServiceNow');
    const res = await fetch(`${rig.oc.url}/api/v1/alert_groups/${group.id}/acknowledge/`, {
      method: 'POST',
      headers: { authorization: rig.humanKey },
    });
    expect(res.status).toBe(200);
    await waitFor(async () => (await incidentFor(rig, group.id)).state === '2', { what: 'the acknowledge carried' });
    await rig.admin('POST', `/api/v1/integrations/${integration.id}/reconcile`);
    await quiet(rig);
    expect(journal(rig, created.sys_id!)).toEqual([]);
  });
});
