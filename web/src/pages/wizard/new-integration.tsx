/**
 * Steps 1–3 of the setup, in the seed's order: name and description; the ServiceNow instance with
 * "Verify connection" (the reason of a failure shown next to the field it concerns); the OnCall side with
 * "Create default outgoing webhooks". The last step creates the integration (the setup workflow runs
 * every check again) and moves on to the state mapping.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { IntegrationResource } from '../../api-types';
import { Button, Checkbox, ErrorNote, StatusNote, TextArea, TextField } from '../../components/form';
import { useAction } from '../../components/load';
import { PageTitle } from '../../components/page-title';
import { navigate } from '../../route';
import { problemsByField } from './connection-problems';
import { WizardSteps } from './steps';

interface Draft {
  name: string;
  description: string;
  instanceUrl: string;
  username: string;
  password: string;
  apiUrl: string;
  apiToken: string;
  integrationId: string;
  uiUrl: string;
  createDefaultWebhooks: boolean;
}

const EMPTY: Draft = {
  name: '',
  description: '',
  instanceUrl: '',
  username: '',
  password: '',
  apiUrl: '',
  apiToken: '',
  integrationId: '',
  uiUrl: '',
  createDefaultWebhooks: true,
};

export function NewIntegration() {
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [verifiedFor, setVerifiedFor] = useState<string | undefined>(undefined);
  const set = (field: keyof Draft) => (value: string | boolean) => setDraft((d) => ({ ...d, [field]: value }));
  const servicenow = { instanceUrl: draft.instanceUrl, username: draft.username, password: draft.password };
  const verified = verifiedFor === JSON.stringify(servicenow);
  return (
    <>
      <PageTitle title="New integration" />
      <WizardSteps current={step} />
      {step === 0 ? <NameStep draft={draft} set={set} next={() => setStep(1)} /> : null}
      {step === 1 ? (
        <ServiceNowStep
          draft={draft}
          set={set}
          verified={verified}
          onVerified={() => setVerifiedFor(JSON.stringify(servicenow))}
          back={() => setStep(0)}
          next={() => setStep(2)}
        />
      ) : null}
      {step === 2 ? <OnCallStep draft={draft} set={set} back={() => setStep(1)} /> : null}
    </>
  );
}

interface StepProps {
  draft: Draft;
  set: (field: keyof Draft) => (value: string | boolean) => void;
}

function NameStep({ draft, set, next }: StepProps & { next: () => void }) {
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!draft.name.trim()) return setError('Give the integration a name.');
    setError(undefined);
    next();
  };
  return (
    <form onSubmit={submit} class="card">
      <h2>Name and description</h2>
      <TextField label="Name" value={draft.name} onValue={set('name')} required error={error} />
      <TextArea
        label="Description"
        value={draft.description}
        onValue={set('description')}
        hint="For the people who will look after this integration."
      />
      <div class="actions">
        <Button type="submit" kind="primary">
          Next
        </Button>
      </div>
    </form>
  );
}

function ServiceNowStep(
  props: StepProps & { verified: boolean; onVerified: () => void; back: () => void; next: () => void },
) {
  const { draft, set } = props;
  const check = useAction();
  const problems = problemsByField(check.error);
  const verify = async () => {
    const body = { servicenow: { instanceUrl: draft.instanceUrl, username: draft.username, password: draft.password } };
    const ok = await check.run(() => api('POST', '/api/v1/integrations/test-connection', body));
    if (ok !== undefined) props.onVerified();
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (props.verified) props.next();
    else void verify();
  };
  return (
    <form onSubmit={submit} class="card">
      <h2>ServiceNow connection</h2>
      <p>
        The bridge signs in to ServiceNow as an integration user with the roles <code>itil</code> and{' '}
        <code>personalize_choices</code>.
      </p>
      <TextField
        label="ServiceNow instance URL"
        type="url"
        value={draft.instanceUrl}
        onValue={set('instanceUrl')}
        required
        placeholder="https://acme.service-now.com"
        error={problems['servicenow.instanceUrl']}
      />
      <TextField
        label="ServiceNow user"
        value={draft.username}
        onValue={set('username')}
        required
        error={problems['servicenow.username']}
      />
      <TextField
        label="ServiceNow password"
        type="password"
        value={draft.password}
        onValue={set('password')}
        required
        autoComplete="new-password"
        error={problems['servicenow.password']}
      />
      <ErrorNote error={problems[''] ? { message: problems[''] } : undefined} />
      <StatusNote
        text={props.verified ? 'Connection verified: the bridge can sign in and read the incident states.' : null}
      />
      <div class="actions">
        <Button onClick={props.back}>Back</Button>
        <Button onClick={() => void verify()} busy={check.busy}>
          Verify connection
        </Button>
        <Button type="submit" kind="primary" disabled={!props.verified}>
          Next
        </Button>
      </div>
    </form>
  );
}

function OnCallStep({ draft, set, back }: StepProps & { back: () => void }) {
  const create = useAction();
  const problems = problemsByField(create.error);
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      name: draft.name,
      description: draft.description,
      servicenow: { instanceUrl: draft.instanceUrl, username: draft.username, password: draft.password },
      oncall: {
        apiUrl: draft.apiUrl,
        apiToken: draft.apiToken,
        ...(draft.integrationId.trim() ? { integrationId: draft.integrationId.trim() } : {}),
        ...(draft.uiUrl.trim() ? { uiUrl: draft.uiUrl.trim() } : {}),
      },
      createDefaultWebhooks: draft.createDefaultWebhooks,
    };
    const created = await create.run(() => api<IntegrationResource>('POST', '/api/v1/integrations', body));
    if (created) navigate(`/integrations/${seg(created.id)}/setup/states`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} class="card">
      <h2>OnCall and its outgoing webhooks</h2>
      <TextField
        label="OnCall API URL"
        type="url"
        value={draft.apiUrl}
        onValue={set('apiUrl')}
        required
        placeholder="https://oncall-prod-us-central-0.grafana.net/oncall"
        error={problems['oncall.apiUrl']}
      />
      <TextField
        label="OnCall API key"
        type="password"
        value={draft.apiToken}
        onValue={set('apiToken')}
        required
        autoComplete="new-password"
        hint="A person's API key (a service account's key cannot acknowledge or resolve). The bridge acts as this user."
        error={problems['oncall.apiToken']}
      />
      <TextField
        label="OnCall integration ID"
        value={draft.integrationId}
        onValue={set('integrationId')}
        hint="The OnCall integration (Webhook or Formatted webhook) that receives alerts for incidents born in ServiceNow. Leave empty to have one created."
        error={problems['oncall.integrationId']}
      />
      <TextField
        label="OnCall web URL"
        type="url"
        value={draft.uiUrl}
        onValue={set('uiUrl')}
        placeholder="https://grafana.example.com"
        hint="Where people open Grafana/OnCall. Only needed when OnCall's alert group links are relative (an organization without a Grafana URL); the bridge never calls it."
        error={problems['oncall.uiUrl']}
      />
      <Checkbox
        label="Create default outgoing webhooks in OnCall"
        checked={draft.createDefaultWebhooks}
        onChecked={set('createDefaultWebhooks')}
        hint="Two webhooks (alert group created, status change) that tell the bridge about OnCall's changes."
      />
      <ErrorNote
        error={problems[''] || Object.keys(problems).some((k) => k.startsWith('servicenow')) ? create.error : undefined}
      />
      <StatusNote
        text={create.busy ? 'Creating the integration: checking both systems and creating the webhooks…' : null}
      />
      <div class="actions">
        <Button onClick={back}>Back</Button>
        <Button type="submit" kind="primary" busy={create.busy}>
          Create integration
        </Button>
      </div>
    </form>
  );
}
