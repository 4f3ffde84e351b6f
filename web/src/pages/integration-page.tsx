/** One integration: its settings and actions, split in tabs that each have their own address. */
import { api, seg } from '../api';
import type { IntegrationResource } from '../api-types';
import { ErrorNote } from '../components/form';
import { useLoad } from '../components/load';
import { PageTitle } from '../components/page-title';
import { href } from '../route';
import { BusinessRuleIssuer } from './integration/business-rule';
import { Connections } from './integration/connections';
import { NotesSettings } from './integration/notes';
import { Overview } from './integration/overview';
import { Pairs } from './integration/pairs';
import { StateMappingEditor } from './integration/state-mapping';

const TABS: [string, string][] = [
  ['overview', 'Overview'],
  ['states', 'State mapping'],
  ['notes', 'Notes'],
  ['business-rule', 'Business Rule'],
  ['connections', 'Outgoing'],
  ['pairs', 'Pairs'],
];

export function IntegrationPage({ id, tab }: { id: string; tab: string }) {
  const integration = useLoad(() => api<IntegrationResource>('GET', `/api/v1/integrations/${seg(id)}`), [id]);
  const data = integration.data;
  const label = TABS.find(([key]) => key === tab)?.[1] ?? 'Overview';
  return (
    <>
      <PageTitle title={data ? `${data.name}: ${label}` : 'Integration'}>{data?.name ?? 'Integration'}</PageTitle>
      {data?.description ? <p class="muted">{data.description}</p> : null}
      <nav aria-label="Integration" class="tabs">
        {TABS.map(([key, name]) => (
          <a
            key={key}
            href={href(key === 'overview' ? `/integrations/${seg(id)}` : `/integrations/${seg(id)}/${key}`)}
            aria-current={key === tab ? 'page' : undefined}
          >
            {name}
          </a>
        ))}
      </nav>
      <ErrorNote error={integration.error} />
      {data ? <Tab tab={tab} integration={data} reload={integration.reload} /> : null}
    </>
  );
}

function Tab({ tab, integration, reload }: { tab: string; integration: IntegrationResource; reload: () => void }) {
  switch (tab) {
    case 'states':
      return (
        <section class="card">
          <h2>State mapping</h2>
          <StateMappingEditor integration={integration} saveLabel="Save state mapping" onSaved={reload} />
        </section>
      );
    case 'notes':
      return (
        <section class="card">
          <h2>Notes</h2>
          <NotesSettings integration={integration} onSaved={reload} />
        </section>
      );
    case 'business-rule':
      return (
        <section class="card">
          <h2>Business Rule</h2>
          <BusinessRuleIssuer integration={integration} />
        </section>
      );
    case 'connections':
      return <Connections integration={integration} onChanged={reload} />;
    case 'pairs':
      return <Pairs integration={integration} />;
    default:
      return <Overview integration={integration} onChanged={reload} />;
  }
}
