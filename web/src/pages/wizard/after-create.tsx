/** Steps 4 and 5 of the setup, on the integration just created: map the states, then the Business Rule. */
import { api, seg } from '../../api';
import type { IntegrationResource } from '../../api-types';
import { ErrorNote } from '../../components/form';
import { useLoad } from '../../components/load';
import { PageTitle } from '../../components/page-title';
import { href, navigate } from '../../route';
import { BusinessRuleIssuer } from '../integration/business-rule';
import { StateMappingEditor } from '../integration/state-mapping';
import { WizardSteps } from './steps';

function useIntegration(id: string) {
  return useLoad(() => api<IntegrationResource>('GET', `/api/v1/integrations/${seg(id)}`), [id]);
}

export function WizardStates({ id }: { id: string }) {
  const integration = useIntegration(id);
  return (
    <>
      <PageTitle title="New integration" />
      <WizardSteps current={3} />
      <ErrorNote error={integration.error} />
      {integration.data ? (
        <div class="card">
          <h2>State mapping</h2>
          <p>
            “{integration.data.name}” is created
            {integration.data.webhooks.length > 0
              ? ` with ${integration.data.webhooks.length} outgoing webhooks in OnCall`
              : ''}
            . Choose which ServiceNow state each OnCall status becomes; the choices are this instance's own states.
          </p>
          <StateMappingEditor
            integration={integration.data}
            saveLabel="Save and continue"
            onSaved={() => navigate(`/integrations/${seg(id)}/setup/business-rule`)}
          />
        </div>
      ) : null}
    </>
  );
}

export function WizardBusinessRule({ id }: { id: string }) {
  const integration = useIntegration(id);
  return (
    <>
      <PageTitle title="New integration" />
      <WizardSteps current={4} />
      <ErrorNote error={integration.error} />
      {integration.data ? (
        <div class="card">
          <h2>Business Rule</h2>
          <p>
            ServiceNow tells the bridge about incident changes through a Business Rule. Generate its script, create the
            rule in ServiceNow with the values below, then proceed.
          </p>
          <BusinessRuleIssuer integration={integration.data} />
          <div class="actions">
            <a class="button button-primary" href={href(`/integrations/${seg(id)}`)}>
              Proceed
            </a>
          </div>
        </div>
      ) : null}
    </>
  );
}
