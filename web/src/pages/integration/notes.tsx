/**
 * Which notes the bridge carries each way (bridge.md §9): ServiceNow work notes and/or comments become OnCall
 * resolution notes, OnCall resolution notes become a ServiceNow work note or comment, or nothing.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { IntegrationResource, PatchIntegrationBody } from '../../api-types';
import { Select } from '../../components/form';
import { SaveActions, useSettingsSave } from '../../components/save-form';

type Notes = IntegrationResource['notes'];

const TO_ONCALL: { label: string; value: Notes['toOnCall'] }[] = [
  { label: 'Work notes', value: 'work_notes' },
  { label: 'Additional comments', value: 'comments' },
  { label: 'Work notes and additional comments', value: 'both' },
  { label: 'Nothing (off)', value: 'off' },
];
const TO_SERVICENOW: { label: string; value: Notes['toServiceNow'] }[] = [
  { label: 'Work note', value: 'work_notes' },
  { label: 'Additional comment', value: 'comments' },
  { label: 'Nothing (off)', value: 'off' },
];

export function NotesSettings(props: { integration: IntegrationResource; onSaved: () => void }) {
  const { integration } = props;
  const [notes, setNotes] = useState<Notes>(integration.notes);
  const save = useSettingsSave('Notes settings saved.', props.onSaved);
  const body: PatchIntegrationBody = { notes };
  const call = () => api<IntegrationResource>('PATCH', `/api/v1/integrations/${seg(integration.id)}`, body);

  return (
    <form onSubmit={(e) => void save.submit(e, call)}>
      <p class="hint">
        A note a person adds on one side is written once on the other, prefixed with its author's name; the bridge's own
        notes never come back. Each pair's page lists the notes it carried.
      </p>
      <Select
        label="ServiceNow → OnCall: which journal entries become OnCall resolution notes"
        value={notes.toOnCall}
        onValue={(v) => setNotes((n) => ({ ...n, toOnCall: v as Notes['toOnCall'] }))}
        options={TO_ONCALL}
      />
      <Select
        label="OnCall → ServiceNow: an OnCall resolution note becomes the incident's"
        value={notes.toServiceNow}
        onValue={(v) => setNotes((n) => ({ ...n, toServiceNow: v as Notes['toServiceNow'] }))}
        options={TO_SERVICENOW}
      />
      <SaveActions save={save} label="Save notes settings" />
    </form>
  );
}
