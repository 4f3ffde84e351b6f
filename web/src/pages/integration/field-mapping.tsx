/**
 * Incident fields from templates (bridge.md §8.2): one row per ServiceNow field with its Jinja2 template
 * and whether it is written again on later OnCall events, the assign-on-acknowledge switch, and a preview of
 * the incident the saved templates would create for an alert group, written nowhere.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { FieldMappingBody, FieldMappingPreview, IntegrationResource } from '../../api-types';
import { Button, Checkbox, ErrorNote, TextArea, TextField } from '../../components/form';
import { useAction } from '../../components/load';
import { SaveActions, useSettingsSave } from '../../components/save-form';
import { problemsByField } from '../wizard/connection-problems';

interface Row {
  field: string;
  template: string;
  updateOnChange: boolean;
}

function rowsOf(mapping: IntegrationResource['fieldMapping']): Row[] {
  return Object.entries(mapping.incident).map(([field, template]) => ({
    field,
    template,
    updateOnChange: mapping.updateOnChange.includes(field),
  }));
}

function bodyOf(rows: Row[], assignOnAcknowledge: boolean): FieldMappingBody {
  const named = rows.filter((row) => row.field.trim() !== '');
  return {
    incident: Object.fromEntries(named.map((row) => [row.field.trim(), row.template])),
    updateOnChange: named.filter((row) => row.updateOnChange).map((row) => row.field.trim()),
    assignOnAcknowledge,
  };
}

export function FieldMappingEditor(props: { integration: IntegrationResource; onSaved: () => void }) {
  const { integration } = props;
  const [rows, setRows] = useState<Row[]>(() => rowsOf(integration.fieldMapping));
  const [assign, setAssign] = useState(integration.fieldMapping.assignOnAcknowledge);
  const save = useSettingsSave('Field mapping saved.', props.onSaved);
  const problems = problemsByField(save.error);
  const change = (index: number, part: Partial<Row>) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, ...part } : row)));

  const call = () =>
    api<IntegrationResource>('PUT', `/api/v1/integrations/${seg(integration.id)}/field-mapping`, bodyOf(rows, assign));

  return (
    <form onSubmit={(e) => void save.submit(e, call)}>
      <p class="hint">
        Templates use Jinja2, as OnCall's own do, over <code>alert_group</code> (its <code>labels</code> as a flat
        object), <code>alert_payload</code>, <code>integration</code>, <code>user</code> and <code>bridge</code>. An
        empty result leaves the field unset. <code>state</code> and the correlation fields are the bridge's own.
      </p>
      {rows.length === 0 ? <p>No field template yet: incidents get the bridge's default fields.</p> : null}
      {rows.map((row, index) => (
        <fieldset key={index}>
          <legend>Field {index + 1}</legend>
          <div class="grid-2">
            <TextField
              label="ServiceNow field"
              value={row.field}
              onValue={(field) => change(index, { field })}
              placeholder="urgency"
              required
            />
            <TextArea
              label="Template"
              value={row.template}
              onValue={(template) => change(index, { template })}
              rows={2}
              error={problems[`incident.${row.field.trim()}`]}
            />
          </div>
          <Checkbox
            label="Write again when a later OnCall event renders it differently"
            checked={row.updateOnChange}
            onChecked={(updateOnChange) => change(index, { updateOnChange })}
            hint="A person's edit in ServiceNow since the bridge's last write wins."
          />
          <div class="actions">
            <Button onClick={() => setRows((all) => all.filter((_, i) => i !== index))}>
              Remove field {index + 1}
            </Button>
          </div>
        </fieldset>
      ))}
      <div class="actions">
        <Button onClick={() => setRows((all) => [...all, { field: '', template: '', updateOnChange: false }])}>
          Add field
        </Button>
      </div>
      <Checkbox
        label="Assign the incident to the person who acknowledges in OnCall"
        checked={assign}
        onChecked={setAssign}
        hint="The ServiceNow user with that person's e-mail; none found leaves it unchanged."
      />
      <SaveActions save={save} label="Save field mapping" />
    </form>
  );
}

/** What the saved templates render for one of OnCall's alert groups: no incident is written. */
export function FieldMappingPreviewer({ integration }: { integration: IntegrationResource }) {
  const [alertGroupId, setAlertGroupId] = useState('');
  const preview = useAction();
  const [result, setResult] = useState<FieldMappingPreview | undefined>(undefined);
  const problems = problemsByField(preview.error);
  const run = async (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    const answer = await preview.run(() =>
      api<FieldMappingPreview>('POST', `/api/v1/integrations/${seg(integration.id)}/field-mapping/preview`, {
        alertGroupId: alertGroupId.trim(),
      }),
    );
    if (answer) setResult(answer);
  };
  const fields = Object.entries(result?.incident ?? {});
  return (
    <form onSubmit={(e) => void run(e)}>
      <div class="filters">
        <TextField
          label="Alert group ID"
          value={alertGroupId}
          onValue={setAlertGroupId}
          required
          placeholder="IABCD1234"
          hint="Renders the saved templates for this OnCall alert group."
          error={problems.alertGroupId}
        />
        <div class="actions">
          <Button type="submit" kind="primary" busy={preview.busy}>
            Preview incident
          </Button>
        </div>
      </div>
      <ErrorNote error={problems.alertGroupId ? undefined : preview.error} />
      {result ? (
        <div class="table-wrap">
          <table>
            <caption>The incident's templated fields</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {fields.map(([field, value]) => (
                <tr key={field}>
                  <th scope="row">
                    <code>{field}</code>
                  </th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {fields.length === 0 ? <p>No templated field has a value for this alert group.</p> : null}
        </div>
      ) : null}
      {result && result.problems.length > 0 ? (
        <ul class="warning" aria-label="Template problems">
          {result.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
