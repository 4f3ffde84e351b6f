/** The pairs of an integration, newest first: found by incident number or alert group ID, filtered by state. */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { IntegrationResource, PairSummary } from '../../api-types';
import { ONCALL_STATUSES } from '../../api-types';
import { Button, ErrorNote, Select, TextField } from '../../components/form';
import { useLoad } from '../../components/load';
import { when } from '../../format';
import { href } from '../../route';

export function Pairs({ integration }: { integration: IntegrationResource }) {
  const [search, setSearch] = useState('');
  const [state, setState] = useState('');
  const [limit, setLimit] = useState('100');
  const [query, setQuery] = useState({ search: '', state: '', limit: '100' });
  const pairs = useLoad(() => {
    const params = new URLSearchParams({ limit: query.limit });
    if (query.search) params.set('search', query.search);
    if (query.state) params.set('state', query.state);
    return api<{ pairs: PairSummary[] }>('GET', `/api/v1/integrations/${seg(integration.id)}/pairs?${params}`);
  }, [integration.id, query]);
  const submit = (e: Event) => {
    e.preventDefault();
    setQuery({ search: search.trim(), state, limit });
    if (query.search === search.trim() && query.state === state && query.limit === limit) pairs.reload();
  };
  const label = (s: string) => STATE_LABELS[s] ?? s;
  const list = pairs.data?.pairs ?? [];
  return (
    <section class="card">
      <h2>Pairs</h2>
      <p>Each alert group and its incident are one pair. The list can lag a change by a second or two.</p>
      <form class="filters" role="search" aria-label="Find pairs" onSubmit={submit}>
        <TextField
          label="Incident number or alert group ID"
          value={search}
          onValue={setSearch}
          placeholder="INC0010001 or I8R5X9P3WQ2LM"
        />
        <Select
          label="OnCall state"
          value={state}
          onValue={setState}
          options={[{ label: 'any', value: '' }, ...ONCALL_STATUSES.map((s) => ({ label: s, value: s }))]}
        />
        <Select label="Show at most" value={limit} onValue={setLimit} options={LIMITS} />
        <div class="actions">
          <Button type="submit" kind="primary" busy={pairs.loading}>
            Search
          </Button>
        </div>
      </form>
      <ErrorNote error={pairs.error} />
      <p role="status" class="muted">
        {pairs.loading ? 'Loading…' : `${list.length} pair${list.length === 1 ? '' : 's'}`}
        {!pairs.loading && String(list.length) === query.limit ? ': the newest; narrow the search or show more' : ''}
      </p>
      {list.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Pairs</caption>
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col">Alert group</th>
                <th scope="col">Title</th>
                <th scope="col">OnCall</th>
                <th scope="col">ServiceNow</th>
                <th scope="col">Born in</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.pairId}>
                  <th scope="row">
                    <a href={href(`/pairs/${seg(p.pairId)}`)}>{p.incidentNumber ?? p.alertGroupId ?? 'pair'}</a>
                  </th>
                  <td>
                    <code>{p.alertGroupId ?? '—'}</code>
                  </td>
                  <td>{p.title ?? ''}</td>
                  <td>{p.oncallState ?? '—'}</td>
                  <td>{p.servicenowState ? stateName(integration, p.servicenowState) : '—'}</td>
                  <td>{label(p.origin)}</td>
                  <td>{when(p.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** The API's `limit` (at most 500): the list is newest first. */
const LIMITS = ['25', '100', '500'].map((n) => ({ label: `${n} pairs`, value: n }));

const STATE_LABELS: Record<string, string> = { oncall: 'OnCall', servicenow: 'ServiceNow' };

/** A ServiceNow state value with its label from the instance's states. */
export function stateName(integration: IntegrationResource, value: string): string {
  const option = integration.stateOptions.find((o) => o.value === value);
  return option ? `${option.label} (${value})` : value;
}
