/** The integrations, with the way to set up a new one. */
import { api, seg } from '../api';
import type { IntegrationResource } from '../api-types';
import { ErrorNote } from '../components/form';
import { useLoad } from '../components/load';
import { PageTitle } from '../components/page-title';
import { when } from '../format';
import { href } from '../route';

export function IntegrationList() {
  const list = useLoad(() => api<{ integrations: IntegrationResource[] }>('GET', '/api/v1/integrations'), []);
  const integrations = list.data?.integrations ?? [];
  return (
    <>
      <PageTitle title="Integrations" />
      <p>
        <a class="button button-primary" href={href('/new')}>
          New integration
        </a>
      </p>
      <ErrorNote error={list.error} />
      {list.loading && !list.data ? <p>Loading…</p> : null}
      {list.data && integrations.length === 0 ? (
        <p>No integration yet. Set one up with “New integration”: it takes five steps.</p>
      ) : null}
      {integrations.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Integrations</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">ServiceNow instance</th>
                <th scope="col">OnCall integration</th>
                <th scope="col">Connected</th>
                <th scope="col">Business Rule</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {integrations.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <a href={href(`/integrations/${seg(i.id)}`)}>{i.name}</a>
                    {i.description ? <div class="muted">{i.description}</div> : null}
                  </th>
                  <td>{i.servicenow.instanceUrl}</td>
                  <td>
                    <code>{i.oncall.integrationId}</code>
                  </td>
                  <td>{i.connections.length}</td>
                  <td>{i.businessRuleIssuedAt ? `issued ${when(i.businessRuleIssuedAt)}` : 'not generated yet'}</td>
                  <td>{i.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
