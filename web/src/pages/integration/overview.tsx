/**
 * An integration's settings (secrets only as "set"), the form to change them (a blank secret keeps the
 * stored one; new credentials are checked before they are stored), "Reconcile now" and deletion.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { IntegrationResource, PatchIntegrationBody, ReconcileResult } from '../../api-types';
import { Button, ErrorNote, StatusNote, TextArea, TextField } from '../../components/form';
import { useAction } from '../../components/load';
import { SaveActions, useSettingsSave } from '../../components/save-form';
import { when } from '../../format';
import { navigate } from '../../route';
import { problemsByField } from '../wizard/connection-problems';
import { RotateWebhookSecret } from './webhook-secret';

export function Overview({ integration, onChanged }: { integration: IntegrationResource; onChanged: () => void }) {
  return (
    <>
      <section class="card">
        <h2>Settings</h2>
        <dl class="settings">
          <dt>Status</dt>
          <dd>{integration.status}</dd>
          <dt>ServiceNow instance</dt>
          <dd>{integration.servicenow.instanceUrl}</dd>
          <dt>ServiceNow user</dt>
          <dd>{integration.servicenow.username}</dd>
          <dt>ServiceNow password</dt>
          <dd>{integration.servicenow.passwordSet ? 'set' : 'not set'}</dd>
          <dt>OnCall API URL</dt>
          <dd>{integration.oncall.apiUrl}</dd>
          <dt>OnCall API key</dt>
          <dd>{integration.oncall.apiTokenSet ? 'set' : 'not set'}</dd>
          <dt>OnCall web URL</dt>
          <dd>{integration.oncall.uiUrl ?? 'not set'}</dd>
          <dt>Close code</dt>
          <dd>
            {integration.closeCode.label}
            {integration.closeCode.chosen ? '' : ' (default)'}
          </dd>
          <dt>OnCall integration</dt>
          <dd>
            <code>{integration.oncall.integrationId}</code>
          </dd>
          <dt>Outgoing webhooks in OnCall</dt>
          <dd>
            {integration.webhooks.length === 0
              ? 'none'
              : integration.webhooks.map((w) => `${w.triggerType} (${w.id})`).join(', ')}
          </dd>
          <dt>Business Rule</dt>
          <dd>
            {integration.businessRuleIssuedAt
              ? `generated ${when(integration.businessRuleIssuedAt)}`
              : 'not generated yet'}
          </dd>
          <dt>Created</dt>
          <dd>{when(integration.createdAt)}</dd>
        </dl>
      </section>
      <ReconcileNow integration={integration} />
      <RotateWebhookSecret integration={integration} />
      <EditSettings integration={integration} onChanged={onChanged} />
      <DeleteIntegration integration={integration} />
    </>
  );
}

function ReconcileNow({ integration }: { integration: IntegrationResource }) {
  const action = useAction();
  const [result, setResult] = useState<ReconcileResult | undefined>(undefined);
  const run = async () => {
    setResult(undefined);
    const answer = await action.run(() =>
      api<ReconcileResult>('POST', `/api/v1/integrations/${seg(integration.id)}/reconcile`),
    );
    if (answer) setResult(answer);
  };
  return (
    <section class="card">
      <h2>Reconciliation</h2>
      <p>
        The bridge compares both systems on a schedule and repairs what a lost webhook left behind. Run it now to repair
        at once (it can take up to two minutes).
      </p>
      <div class="actions">
        <Button onClick={() => void run()} busy={action.busy}>
          Reconcile now
        </Button>
      </div>
      <ErrorNote error={action.error} />
      <StatusNote
        text={
          result
            ? `Reconciled: ${result.incidentsScanned} incidents and ${result.groupsScanned} alert groups scanned, ` +
              `${result.inSync} in sync, ${result.missedChanges} missed changes delivered, ` +
              `${result.orphansAdopted} orphans adopted, ${result.busy} busy${result.more ? '; more in the next run' : ''}.`
            : action.busy
              ? 'Reconciling…'
              : null
        }
      />
    </section>
  );
}

function EditSettings({ integration, onChanged }: { integration: IntegrationResource; onChanged: () => void }) {
  const [form, setForm] = useState({
    name: integration.name,
    description: integration.description,
    instanceUrl: integration.servicenow.instanceUrl,
    username: integration.servicenow.username,
    password: '',
    apiUrl: integration.oncall.apiUrl,
    apiToken: '',
    uiUrl: integration.oncall.uiUrl ?? '',
    closeCode: integration.closeCode.chosen ? integration.closeCode.value : '',
  });
  const save = useSettingsSave('Settings saved.', () => {
    setForm((f) => ({ ...f, password: '', apiToken: '' }));
    onChanged();
  });
  const problems = problemsByField(save.error);
  const set = (field: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const patch = settingsPatch(integration, form);
  const call = () => api<IntegrationResource>('PATCH', `/api/v1/integrations/${seg(integration.id)}`, patch);
  return (
    <form class="card" onSubmit={(e) => void save.submit(e, call)}>
      <h2>Change settings</h2>
      <div class="grid-2">
        <TextField label="Name" value={form.name} onValue={set('name')} required error={problems.name} />
        <TextArea label="Description" value={form.description} onValue={set('description')} rows={2} />
        <TextField
          label="ServiceNow instance URL"
          type="url"
          value={form.instanceUrl}
          onValue={set('instanceUrl')}
          required
          error={problems['servicenow.instanceUrl']}
        />
        <TextField
          label="ServiceNow user"
          value={form.username}
          onValue={set('username')}
          required
          error={problems['servicenow.username']}
        />
        <TextField
          label="New ServiceNow password"
          type="password"
          value={form.password}
          onValue={set('password')}
          autoComplete="new-password"
          hint="Leave empty to keep the stored password."
          error={problems['servicenow.password']}
        />
        <TextField
          label="OnCall API URL"
          type="url"
          value={form.apiUrl}
          onValue={set('apiUrl')}
          required
          error={problems['oncall.apiUrl']}
        />
        <TextField
          label="New OnCall API key"
          type="password"
          value={form.apiToken}
          onValue={set('apiToken')}
          autoComplete="new-password"
          hint="Leave empty to keep the stored key. A new key must belong to the same OnCall user."
          error={problems['oncall.apiToken']}
        />
        <TextField
          label="OnCall web URL"
          type="url"
          value={form.uiUrl}
          onValue={set('uiUrl')}
          hint="Completes OnCall's relative alert group links. Empty clears it."
          error={problems['oncall.uiUrl']}
        />
        <TextField
          label="Close code"
          value={form.closeCode}
          onValue={set('closeCode')}
          hint={`The ServiceNow close code a resolve from OnCall writes (one of the instance's codes). Empty: the default.`}
          error={problems.closeCode}
        />
      </div>
      <SaveActions save={save} label="Save settings" errorShown={problems[''] === undefined} />
    </form>
  );
}

/** Only what changed; ServiceNow credentials go together, since the bridge checks them together. */
type SettingsField =
  | 'name'
  | 'description'
  | 'instanceUrl'
  | 'username'
  | 'password'
  | 'apiUrl'
  | 'apiToken'
  | 'uiUrl'
  | 'closeCode';

function settingsPatch(integration: IntegrationResource, form: Record<SettingsField, string>): PatchIntegrationBody {
  const patch: PatchIntegrationBody = {};
  if (form.name !== integration.name) patch.name = form.name;
  if (form.description !== integration.description) patch.description = form.description;
  const sn = integration.servicenow;
  if (form.instanceUrl !== sn.instanceUrl || form.username !== sn.username || form.password) {
    patch.servicenow = {
      instanceUrl: form.instanceUrl,
      username: form.username,
      ...(form.password ? { password: form.password } : {}),
    };
  }
  const oncall: NonNullable<PatchIntegrationBody['oncall']> = {};
  if (form.apiUrl !== integration.oncall.apiUrl) oncall.apiUrl = form.apiUrl;
  if (form.apiToken) oncall.apiToken = form.apiToken;
  if (form.uiUrl.trim() !== (integration.oncall.uiUrl ?? '')) oncall.uiUrl = form.uiUrl.trim() || null;
  if (Object.keys(oncall).length > 0) patch.oncall = oncall;
  const chosenCode = integration.closeCode.chosen ? integration.closeCode.value : '';
  if (form.closeCode.trim() !== chosenCode) patch.closeCode = form.closeCode.trim() || null;
  return patch;
}

function DeleteIntegration({ integration }: { integration: IntegrationResource }) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const remove = async () => {
    const done = await action.run(() => api('DELETE', `/api/v1/integrations/${seg(integration.id)}`));
    if (done !== undefined) navigate('/');
  };
  return (
    <section class="card danger-zone">
      <h2>Delete integration</h2>
      <p>
        Stops syncing and removes the webhooks the bridge created in OnCall. Existing incidents and alert groups stay.
      </p>
      {confirming ? (
        <div class="actions" role="group" aria-label="Confirm deletion">
          <span>Delete “{integration.name}” for good?</span>
          <Button kind="danger" onClick={() => void remove()} busy={action.busy}>
            Yes, delete it
          </Button>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
        </div>
      ) : (
        <div class="actions">
          <Button kind="danger" onClick={() => setConfirming(true)}>
            Delete integration…
          </Button>
        </div>
      )}
      <ErrorNote error={action.error} />
    </section>
  );
}
