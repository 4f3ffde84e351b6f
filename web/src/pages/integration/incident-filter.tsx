/**
 * Which ServiceNow incidents get an alert group (bridge.md §8.3), as an encoded query like ServiceNow's own
 * list filters; empty means every incident. When the filter reads a field the issued Business Rule does
 * not send, the page says to issue the rule again.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { IncidentFilterBody, IntegrationResource } from '../../api-types';
import { TextField } from '../../components/form';
import { SaveActions, useSettingsSave } from '../../components/save-form';
import { href } from '../../route';
import { problemsByField } from '../wizard/connection-problems';

export function IncidentFilterEditor(props: { integration: IntegrationResource; onSaved: () => void }) {
  const { integration } = props;
  const [condition, setCondition] = useState(integration.incidentFilter.condition);
  const save = useSettingsSave('Incident filter saved.', props.onSaved);
  const problems = problemsByField(save.error);
  const body: IncidentFilterBody = { condition };
  const call = () =>
    api<IntegrationResource>('PUT', `/api/v1/integrations/${seg(integration.id)}/incident-filter`, body);
  return (
    <form onSubmit={(e) => void save.submit(e, call)}>
      <TextField
        label="Incidents that page in OnCall (encoded query)"
        value={condition}
        onValue={setCondition}
        placeholder="priority<=2^assignment_group.name=Network"
        hint="ServiceNow's encoded-query syntax, as in a list filter's URL. Empty: every incident. An incident that comes to match later pages then; one that stops matching keeps its alert group."
        error={problems.condition}
      />
      {integration.businessRuleOutdated ? (
        <p class="warning" role="note">
          The Business Rule in ServiceNow does not send a field this filter reads.{' '}
          <a href={href(`/integrations/${seg(integration.id)}/business-rule`)}>Generate the Business Rule again</a> and
          replace the script in ServiceNow.
        </p>
      ) : null}
      <SaveActions save={save} label="Save incident filter" errorShown={problems.condition !== undefined} />
    </form>
  );
}
