/**
 * The save of a settings form: one API call that answers with the integration, its failure, and a
 * "saved" line once it succeeded; `SaveActions` is the foot of such a form.
 */
import { useState } from 'preact/hooks';
import type { IntegrationResource } from '../api-types';
import { Button, ErrorNote, StatusNote } from './form';
import { useAction } from './load';

export type SettingsSave = ReturnType<typeof useSettingsSave>;

export function useSettingsSave(savedText: string, onSaved: (updated: IntegrationResource) => void) {
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const submit = async (e: Event, call: () => Promise<IntegrationResource>) => {
    e.preventDefault();
    setSaved(false);
    const updated = await action.run(call);
    if (updated) {
      setSaved(true);
      onSaved(updated);
    }
  };
  return { ...action, status: saved ? savedText : null, submit };
}

/**
 * The form's failure (unless a field shows it: `errorShown`), its "saved" line and its submit button.
 */
export function SaveActions(props: { save: SettingsSave; label: string; errorShown?: boolean }) {
  const { save } = props;
  return (
    <>
      <ErrorNote error={props.errorShown ? undefined : save.error} />
      <StatusNote text={save.status} />
      <div class="actions">
        <Button type="submit" kind="primary" busy={save.busy}>
          {props.label}
        </Button>
      </div>
    </>
  );
}
