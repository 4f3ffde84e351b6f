/**
 * The pair's note decisions without Temporal (workflows/pair-notes.ts): which carry an event leads to, when
 * OnCall's notes are not read because nothing can have changed, and what a carry's outcome leaves on the
 * pair (both ids, echoes, duplicates avoided, failures) so nothing is carried twice.
 */
import { applyNotesOutcome, planNotes, type NotesCommand } from '../../../workflows/pair-notes';
import type { PairResult, PairState, ServiceNowEvent } from '../../../workflows/pair-types';
import { toPairSettings, type NotesSettings } from '../../../workflows/settings';
import {
  BRIDGE_USER,
  CONNECTED_OFF,
  created,
  incidentWritten,
  integrationSettings,
  oncallEvent,
  oncallKey,
  run,
  snEvent,
} from './builders';

const NOW = '2026-12-01T11:00:00.000Z';
const SYS_ID = '9d385017c611228701d22104cc95c371';
const QUIET = { dropped: false, oncallQueued: false };

/** An OnCall-born pair whose incident exists, with the given notes setting. */
function pair(notes?: NotesSettings, integrationId?: string): PairState {
  const { state } = run(oncallKey, [created(integrationId ? { integrationId } : {}), incidentWritten('1', 0, true)]);
  return { ...state, settings: toPairSettings(integrationSettings(notes ? { notes } : {})) };
}

function withDigest(digest: string): ServiceNowEvent {
  const event = snEvent('1', 1);
  return { ...event, incident: { ...event.incident, journalDigest: digest } };
}

function carried(command: NotesCommand, result: Extract<PairResult, { kind: 'notesCarried' }>['result']): PairResult {
  return { source: 'bridge', kind: 'notesCarried', command: command.kind, result };
}

describe('planNotes: ServiceNow journal to OnCall', () => {
  it('when an event reports a journal digest the pair has not carried, then the new entries are carried', () => {
    const { commands, state } = planNotes(pair(), withDigest('d1'), QUIET);
    expect(commands).toEqual([
      {
        kind: 'carryJournalToOnCall',
        input: { sysId: SYS_ID, alertGroupId: 'IAG000000001', elements: ['work_notes'], known: [] },
        digest: 'd1',
      },
    ]);
    expect(state.notes?.seenDigest).toBe('d1');
  });

  it('when the digest was carried already, then nothing is read again', () => {
    const first = planNotes(pair(), withDigest('d1'), QUIET);
    const after = applyNotesOutcome(
      first.state,
      first.commands[0]!,
      carried(first.commands[0]!, { carried: [], echoes: [] }),
      NOW,
    );
    expect(planNotes(after, withDigest('d1'), QUIET).commands).toEqual([]);
  });

  it('follows notes.toOnCall: both elements, or none when off', () => {
    const both = planNotes(pair({ toOnCall: 'both', toServiceNow: 'off' }), withDigest('d1'), QUIET).commands;
    expect(both).toMatchObject([{ kind: 'carryJournalToOnCall', input: { elements: ['work_notes', 'comments'] } }]);
    expect(planNotes(pair({ toOnCall: 'off', toServiceNow: 'off' }), withDigest('d1'), QUIET).commands).toEqual([]);
  });

  it('when the group belongs to a connected integration with backsync off, then no note goes to OnCall', () => {
    const { commands, state } = planNotes(pair(undefined, CONNECTED_OFF), withDigest('d1'), QUIET);
    expect(commands).toEqual([]);
    // The digest is remembered: switching backsync on later carries what was missed.
    expect(state.notes?.seenDigest).toBe('d1');
  });

  it('when the incident is not known yet, then nothing is carried but the digest is kept', () => {
    const { state } = run(oncallKey, [created()]);
    const planned = planNotes(state, withDigest('d1'), QUIET);
    expect(planned.commands).toEqual([]);
    expect(planned.state.notes?.seenDigest).toBe('d1');
  });
});

describe('planNotes: OnCall resolution notes to ServiceNow', () => {
  const ack = oncallEvent('acknowledged');
  const resolve = oncallEvent('resolved');

  it('when a person resolves the group, then its notes are read and new ones carried as work notes', () => {
    expect(planNotes(pair(), resolve, QUIET).commands).toEqual([
      {
        kind: 'carryNotesToServiceNow',
        input: {
          alertGroupId: 'IAG000000001',
          sysId: SYS_ID,
          element: 'work_notes',
          known: [],
          bridgeUserId: BRIDGE_USER,
        },
      },
    ]);
    expect(planNotes(pair(), oncallEvent('firing', { type: 'unacknowledge' }), QUIET).commands).toHaveLength(1);
  });

  it('when a person acknowledges the group, then its notes are not read (the work starts; notes come later)', () => {
    expect(planNotes(pair(), ack, QUIET).commands).toEqual([]);
  });

  it('a run from before the acknowledge was left out still reads on it (its history replays that read)', () => {
    const before = { ...QUIET, readsOnAcknowledge: true };
    expect(planNotes(pair(), ack, before).commands).toMatchObject([{ kind: 'carryNotesToServiceNow' }]);
  });

  it('does not read OnCall where nothing can have changed: birth, a dropped event, another OnCall event queued', () => {
    expect(planNotes(pair(), created(), QUIET).commands).toEqual([]);
    expect(planNotes(pair(), resolve, { dropped: true, oncallQueued: false }).commands).toEqual([]);
    expect(planNotes(pair(), resolve, { dropped: false, oncallQueued: true }).commands).toEqual([]);
  });

  it("reads on reconciliation's nudge even when the reducer dropped it (the state had not changed)", () => {
    for (const event of [ack, resolve]) {
      const nudge = { ...event, notesNudge: true as const };
      expect(planNotes(pair(), nudge, { dropped: true, oncallQueued: false }).commands).toMatchObject([
        { kind: 'carryNotesToServiceNow' },
      ]);
    }
  });

  it('follows notes.toServiceNow: comments, or nothing when off', () => {
    const comments = planNotes(pair({ toOnCall: 'off', toServiceNow: 'comments' }), resolve, QUIET).commands;
    expect(comments).toMatchObject([{ kind: 'carryNotesToServiceNow', input: { element: 'comments' } }]);
    expect(planNotes(pair({ toOnCall: 'off', toServiceNow: 'off' }), resolve, QUIET).commands).toEqual([]);
  });

  it('never reads OnCall for a ServiceNow event', () => {
    expect(planNotes(pair(), snEvent('2', 1), QUIET).commands).toEqual([]);
  });
});

describe('applyNotesOutcome', () => {
  const [toServiceNow] = planNotes(pair(), oncallEvent('resolved'), QUIET).commands as [NotesCommand];

  it('keeps what was carried with both ids, and passes those ids as known to the next carry', () => {
    const result = {
      carried: [{ direction: 'toServiceNow' as const, journalId: 'J1', oncallNoteId: 'M1' }],
      echoes: [],
    };
    const state = applyNotesOutcome(pair(), toServiceNow, carried(toServiceNow, result), NOW);
    expect(state.notes?.carried).toEqual([{ direction: 'toServiceNow', journalId: 'J1', oncallNoteId: 'M1', at: NOW }]);
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'note_carried' });
    const next = planNotes(state, oncallEvent('resolved'), QUIET).commands[0];
    expect(next).toMatchObject({ input: { known: ['J1', 'M1'] } });
  });

  it('puts a duplicate avoided and an echo on the timeline; echoes are known from then on', () => {
    const result = {
      carried: [{ direction: 'toServiceNow' as const, journalId: 'J2', oncallNoteId: 'M2', found: true as const }],
      echoes: ['M9'],
    };
    const state = applyNotesOutcome(pair(), toServiceNow, carried(toServiceNow, result), NOW);
    expect(state.timeline.slice(-2).map((entry) => entry.kind)).toEqual(['note_duplicate_avoided', 'note_echo']);
    expect(planNotes(state, oncallEvent('resolved'), QUIET).commands[0]).toMatchObject({
      input: { known: expect.arrayContaining(['J2', 'M2', 'M9']) },
    });
  });

  it('when a carry failed, then the failure is on the timeline and the digest stays uncarried for the next event', () => {
    const planned = planNotes(pair(), withDigest('d2'), QUIET);
    const command = planned.commands[0]!;
    const failed: PairResult = {
      source: 'bridge',
      kind: 'writeFailed',
      side: 'oncall',
      command: command.kind,
      type: 'oncall_forbidden',
      message: 'no',
    };
    const state = applyNotesOutcome(planned.state, command, failed, NOW);
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'note_failed' });
    expect(state.pending).toEqual(planned.state.pending);
    expect(planNotes(state, withDigest('d2'), QUIET).commands).toHaveLength(1);
  });
});
