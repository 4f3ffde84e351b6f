/**
 * The fixed incident fields of bridge.md §4.2 (`PATCH incidentFields`): a value every incident the bridge
 * creates gets, as it is. They are templates without tags; a field template of the same name wins.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { IntegrationResource } from '../../api-types';
import { Button, TextField } from '../../components/form';
import { SaveActions, useSettingsSave } from '../../components/save-form';
import { problemsByField } from '../wizard/connection-problems';

interface Row {
  field: string;
  value: string;
}

export function FixedFieldsEditor(props: { integration: IntegrationResource; onSaved: () => void }) {
  const { integration } = props;
  const [rows, setRows] = useState<Row[]>(() =>
    Object.entries(integration.incidentFields).map(([field, value]) => ({ field, value })),
  );
  const save = useSettingsSave('Fixed fields saved.', props.onSaved);
  const problems = problemsByField(save.error);
  const change = (index: number, part: Partial<Row>) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, ...part } : row)));
  const incidentFields = Object.fromEntries(
    rows.filter((row) => row.field.trim() !== '').map((row) => [row.field.trim(), row.value]),
  );
  const call = () =>
    api<IntegrationResource>('PATCH', `/api/v1/integrations/${seg(integration.id)}`, { incidentFields });
  const templated = (field: string) => field.trim() in integration.fieldMapping.incident;

  return (
    <form onSubmit={(e) => void save.submit(e, call)}>
      <p class="hint">
        A value every new incident gets as it is, e.g. <code>category</code> <code>software</code>. A field template
        above does the same and more; where both name a field, the template wins.
      </p>
      {rows.length === 0 ? <p>No fixed field.</p> : null}
      {rows.map((row, index) => (
        <fieldset key={index}>
          <legend>Fixed field {index + 1}</legend>
          <div class="grid-2">
            <TextField
              label="ServiceNow field"
              value={row.field}
              onValue={(field) => change(index, { field })}
              placeholder="category"
              required
              hint={templated(row.field) ? 'A field template of this name wins over this value.' : undefined}
              error={problems[`incidentFields.${row.field.trim()}`]}
            />
            <TextField label="Value" value={row.value} onValue={(value) => change(index, { value })} required />
          </div>
          <div class="actions">
            <Button onClick={() => setRows((all) => all.filter((_, i) => i !== index))}>
              Remove fixed field {index + 1}
            </Button>
          </div>
        </fieldset>
      ))}
      <div class="actions">
        <Button onClick={() => setRows((all) => [...all, { field: '', value: '' }])}>Add fixed field</Button>
      </div>
      <SaveActions save={save} label="Save fixed fields" />
    </form>
  );
}
