/** One integration: its settings and actions, split in tabs that each have their own address. */
import type { ComponentChildren, JSX } from 'preact';
import { api, seg } from '../api';
import type { IntegrationResource } from '../api-types';
import { ErrorNote } from '../components/form';
import { useLoad } from '../components/load';
import { PageTitle } from '../components/page-title';
import { href } from '../route';
import { BusinessRuleIssuer } from './integration/business-rule';
import { Connections } from './integration/connections';
import { FieldMappingEditor } from './integration/field-mapping';
import { FieldMappingPreviewer } from './integration/field-preview';
import { FixedFieldsEditor } from './integration/fixed-fields';
import { IncidentFilterEditor } from './integration/incident-filter';
import { NotesSettings } from './integration/notes';
import { Overview } from './integration/overview';
import { Pairs } from './integration/pairs';
import { StateMappingEditor } from './integration/state-mapping';

interface TabProps {
  integration: IntegrationResource;
  /** Reads the integration again after a change. */
  reload: () => void;
}

interface Tab {
  key: string;
  name: string;
  show: (props: TabProps) => JSX.Element;
}

/** In the order of the seed's setup; the first is the default. */
const TABS: Tab[] = [
  { key: 'overview', name: 'Overview', show: (p) => <Overview integration={p.integration} onChanged={p.reload} /> },
  {
    key: 'states',
    name: 'State mapping',
    show: (p) => (
      <Card title="State mapping">
        <StateMappingEditor integration={p.integration} saveLabel="Save state mapping" onSaved={p.reload} />
      </Card>
    ),
  },
  {
    key: 'fields',
    name: 'Incident fields',
    show: (p) => (
      <>
        <Card title="Incident fields">
          <FieldMappingEditor integration={p.integration} onSaved={p.reload} />
        </Card>
        <Card title="Preview">
          <FieldMappingPreviewer integration={p.integration} />
        </Card>
        <Card title="Fixed fields">
          <FixedFieldsEditor integration={p.integration} onSaved={p.reload} />
        </Card>
      </>
    ),
  },
  {
    key: 'filter',
    name: 'Incident filter',
    show: (p) => (
      <Card title="Incident filter">
        <IncidentFilterEditor integration={p.integration} onSaved={p.reload} />
      </Card>
    ),
  },
  {
    key: 'notes',
    name: 'Notes',
    show: (p) => (
      <Card title="Notes">
        <NotesSettings integration={p.integration} onSaved={p.reload} />
      </Card>
    ),
  },
  {
    key: 'business-rule',
    name: 'Business Rule',
    show: (p) => (
      <Card title="Business Rule">
        <BusinessRuleIssuer integration={p.integration} />
      </Card>
    ),
  },
  {
    key: 'connections',
    name: 'Outgoing',
    show: (p) => <Connections integration={p.integration} onChanged={p.reload} />,
  },
  { key: 'pairs', name: 'Pairs', show: (p) => <Pairs integration={p.integration} /> },
];

export function IntegrationPage({ id, tab }: { id: string; tab: string }) {
  const integration = useLoad(() => api<IntegrationResource>('GET', `/api/v1/integrations/${seg(id)}`), [id]);
  const data = integration.data;
  const shown = TABS.find(({ key }) => key === tab) ?? TABS[0]!;
  return (
    <>
      <PageTitle title={data ? `${data.name}: ${shown.name}` : 'Integration'}>{data?.name ?? 'Integration'}</PageTitle>
      {data?.description ? <p class="muted">{data.description}</p> : null}
      <nav aria-label="Integration" class="tabs">
        {TABS.map(({ key, name }) => (
          <a
            key={key}
            href={href(key === 'overview' ? `/integrations/${seg(id)}` : `/integrations/${seg(id)}/${key}`)}
            aria-current={key === shown.key ? 'page' : undefined}
          >
            {name}
          </a>
        ))}
      </nav>
      <ErrorNote error={integration.error} />
      {data ? shown.show({ integration: data, reload: integration.reload }) : null}
    </>
  );
}

function Card({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="card">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
