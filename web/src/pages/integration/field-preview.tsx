/**
 * What the saved templates (bridge.md §8.2) render, written nowhere: for one of OnCall's alert groups (read
 * from OnCall) or for a pasted OnCall webhook body (read from nothing, so a person can try labels that no
 * alert has carried yet). A malformed body is shown under the box, naming the part that is wrong.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { FieldMappingPreview, FieldMappingPreviewBody, IntegrationResource } from '../../api-types';
import { Button, ErrorNote, RadioGroup, TextArea, TextField } from '../../components/form';
import { useAction } from '../../components/load';
import { problemsByField, type FieldProblems } from '../wizard/connection-problems';
import { exampleWebhookBody } from './example-webhook';

type Source = 'group' | 'body';
const SOURCES = [
  { value: 'group', label: 'An alert group in OnCall' },
  { value: 'body', label: 'A pasted webhook body' },
];

/** The 400's problems inside the pasted body, by their path within it (`alert_group.id: ...`). */
function bodyProblems(problems: FieldProblems): string | undefined {
  const inBody = Object.entries(problems).filter(([field]) => field === 'event' || field.startsWith('event.'));
  if (inBody.length === 0) return undefined;
  return inBody.map(([field, reason]) => `${field.replace(/^event\.?/, '') || 'the body'}: ${reason}`).join('; ');
}

function parsedBody(text: string): { event: unknown } | { problem: string } {
  try {
    return { event: JSON.parse(text) };
  } catch (failure) {
    return { problem: `This is not JSON: ${(failure as Error).message}` };
  }
}

export function FieldMappingPreviewer({ integration }: { integration: IntegrationResource }) {
  const [source, setSource] = useState<Source>('group');
  const [alertGroupId, setAlertGroupId] = useState('');
  const [body, setBody] = useState('');
  const [notJson, setNotJson] = useState<string | undefined>(undefined);
  const preview = useAction();
  const [result, setResult] = useState<FieldMappingPreview | undefined>(undefined);
  const problems = problemsByField(preview.error);
  const bodyProblem = notJson ?? bodyProblems(problems);
  const shownAtField = source === 'group' ? problems.alertGroupId : bodyProblem;

  const request = (): FieldMappingPreviewBody | undefined => {
    if (source === 'group') return { alertGroupId: alertGroupId.trim() };
    const parsed = parsedBody(body);
    if ('problem' in parsed) {
      setNotJson(parsed.problem);
      return undefined;
    }
    // The bridge validates the body and answers which part is wrong.
    return { event: parsed.event as FieldMappingPreviewBody['event'] };
  };
  const run = async (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    setNotJson(undefined);
    preview.setError(undefined);
    const sent = request();
    if (!sent) return;
    const answer = await preview.run(() =>
      api<FieldMappingPreview>('POST', `/api/v1/integrations/${seg(integration.id)}/field-mapping/preview`, sent),
    );
    if (answer) setResult(answer);
  };

  return (
    <form onSubmit={(e) => void run(e)}>
      <RadioGroup legend="Preview from" value={source} onValue={(v) => setSource(v as Source)} options={SOURCES} />
      {source === 'group' ? (
        <TextField
          label="Alert group ID"
          value={alertGroupId}
          onValue={setAlertGroupId}
          required
          placeholder="IABCD1234"
          hint="Renders the saved templates for this OnCall alert group, read from OnCall."
          error={problems.alertGroupId}
        />
      ) : (
        <>
          <TextArea
            label="OnCall webhook body (JSON)"
            value={body}
            onValue={setBody}
            required
            monospace
            rows={12}
            hint="The JSON an OnCall outgoing webhook sends: event, user, alert_group (with its labels), alert_payload, integration. Nothing is read from OnCall and nothing is written."
            error={bodyProblem}
          />
          <div class="actions">
            <Button onClick={() => setBody(exampleWebhookBody(integration.oncall.integrationId))}>
              Insert an example body
            </Button>
          </div>
        </>
      )}
      <div class="actions">
        <Button type="submit" kind="primary" busy={preview.busy}>
          Preview incident
        </Button>
      </div>
      <ErrorNote error={shownAtField ? undefined : preview.error} />
      {result ? <PreviewResult result={result} /> : null}
    </form>
  );
}

function PreviewResult({ result }: { result: FieldMappingPreview }) {
  const fields = Object.entries(result.incident);
  return (
    <>
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
      {result.problems.length > 0 ? (
        <ul class="warning" aria-label="Template problems">
          {result.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
