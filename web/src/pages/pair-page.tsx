/**
 * One pair: both sides' states, what the bridge still wants to write, and its timeline, which refreshes
 * while the page is open. Links lead to the pair in the Temporal Web UI, the incident and the alert group.
 */
import { useEffect } from 'preact/hooks';
import { api, seg } from '../api';
import type { IntegrationResource, PairDetail } from '../api-types';
import { Button, ErrorNote } from '../components/form';
import { useLoad } from '../components/load';
import { PageTitle } from '../components/page-title';
import { when } from '../format';
import { href } from '../route';
import { stateName } from './integration/pairs';

const REFRESH_MS = 3000;

export function PairPage({ pairId }: { pairId: string }) {
  const pair = useLoad(() => api<PairDetail>('GET', `/api/v1/pairs/${seg(pairId)}`), [pairId]);
  const integrationId = pair.data?.integrationId;
  const integration = useLoad(
    () =>
      integrationId
        ? api<IntegrationResource>('GET', `/api/v1/integrations/${seg(integrationId)}`)
        : Promise.resolve(undefined),
    [integrationId],
  );
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') pair.reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [pair.reload]);
  const p = pair.data;
  const i = integration.data;
  const title = p ? `${p.incidentNumber ?? 'Incident pending'} ⇄ ${p.alertGroupId ?? 'alert group pending'}` : 'Pair';
  return (
    <>
      <PageTitle title={title} />
      {i ? (
        <p>
          <a href={href(`/integrations/${seg(i.id)}/pairs`)}>← Pairs of {i.name}</a>
        </p>
      ) : null}
      <ErrorNote error={pair.error} />
      {p ? (
        <>
          <section class="card">
            <h2>{p.title ?? 'Untitled'}</h2>
            <ul class="links">
              {p.temporalUrl ? (
                <li>
                  <a href={p.temporalUrl} target="_blank" rel="noopener noreferrer">
                    Open in the Temporal Web UI
                  </a>
                </li>
              ) : null}
              {i && p.incidentSysId ? (
                <li>
                  <a
                    href={`${i.servicenow.instanceUrl}/incident.do?sys_id=${encodeURIComponent(p.incidentSysId)}`}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    Open incident {p.incidentNumber ?? ''} in ServiceNow
                  </a>
                </li>
              ) : null}
              {p.alertGroupUrl ? (
                <li>
                  <a href={p.alertGroupUrl} target="_blank" rel="noopener noreferrer">
                    Open alert group {p.alertGroupId} in OnCall
                  </a>
                </li>
              ) : null}
            </ul>
            <dl class="settings">
              <dt>OnCall state</dt>
              <dd>{p.oncallState ?? '—'}</dd>
              <dt>ServiceNow state</dt>
              <dd>{p.servicenowState ? (i ? stateName(i, p.servicenowState) : p.servicenowState) : '—'}</dd>
              <dt>Born in</dt>
              <dd>{p.origin === 'oncall' ? 'OnCall' : 'ServiceNow'}</dd>
              <dt>Waiting to be written</dt>
              <dd>{p.queued > 0 ? `${p.queued} event(s) queued` : 'nothing'}</dd>
              <dt>Last error</dt>
              <dd>{p.lastError ? `${p.lastError.type}: ${p.lastError.message} (${when(p.lastError.at)})` : 'none'}</dd>
              <dt>Pair ID</dt>
              <dd>
                <code>{p.pairId}</code>
              </dd>
            </dl>
          </section>
          <section class="card">
            <h2>Timeline</h2>
            <div class="actions">
              <Button onClick={pair.reload}>Refresh</Button>
              <span class="muted">Refreshes every few seconds while this page is open.</span>
            </div>
            <ol class="timeline" aria-label="Timeline, oldest first">
              {p.timeline.map((entry, index) => (
                <li key={index} class={`source-${entry.source}`}>
                  <time dateTime={entry.at}>{when(entry.at)}</time>
                  <span class="source">{SOURCE_NAMES[entry.source]}</span>
                  <span class="kind">{entry.kind}</span>
                  <span class="summary">{entry.summary}</span>
                </li>
              ))}
            </ol>
          </section>
          <CarriedNotes notes={p.notes} />
        </>
      ) : null}
    </>
  );
}

const SOURCE_NAMES = { oncall: 'OnCall', servicenow: 'ServiceNow', bridge: 'bridge' } as const;

/** The notes the pair carried between the two sides, with their ids on both (bridge.md §9). */
function CarriedNotes({ notes }: { notes: PairDetail['notes'] }) {
  return (
    <section class="card">
      <h2>Carried notes</h2>
      {notes.length === 0 ? (
        <p class="muted">No note carried yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Direction</th>
              <th scope="col">ServiceNow journal entry</th>
              <th scope="col">OnCall resolution note</th>
            </tr>
          </thead>
          <tbody>
            {notes.map((note) => (
              <tr key={`${note.journalId}-${note.oncallNoteId}`}>
                <td>{when(note.at)}</td>
                <td>{note.direction === 'toOnCall' ? 'ServiceNow → OnCall' : 'OnCall → ServiceNow'}</td>
                <td>
                  <code>{note.journalId}</code>
                </td>
                <td>
                  <code>{note.oncallNoteId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
