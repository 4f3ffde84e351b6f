/**
 * Incident fields from templates (bridge.md §8.2): one row per ServiceNow field with its Jinja2 template
 * and whether it is written again on later OnCall events, and the assign-on-acknowledge switch. The preview
 * is in field-preview.tsx.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { FieldMappingBody, IntegrationResource } from '../../api-types';
import { Button, Checkbox, TextArea, TextField } from '../../components/form';
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
