/**
 * The "Outgoing" tab: other OnCall integrations (Alertmanager, Grafana Alerting, ...) whose alert groups
 * also create incidents, each with its backsync switch and a demo-alert button to watch the whole path.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { IntegrationResource } from '../../api-types';
import { Button, Checkbox, ErrorNote, StatusNote, TextField } from '../../components/form';
import { useAction } from '../../components/load';
import { href } from '../../route';

interface Props {
  integration: IntegrationResource;
  onChanged: () => void;
}

export function Connections({ integration, onChanged }: Props) {
  const base = `/api/v1/integrations/${seg(integration.id)}/connections`;
  const action = useAction();
  const [status, setStatus] = useState<string | null>(null);
  const act = async (what: () => Promise<unknown>, done: string) => {
    setStatus(null);
    if ((await action.run(what)) === undefined) return;
    setStatus(done);
    onChanged();
  };
  return (
    <>
      <section class="card">
        <h2>Connected OnCall integrations</h2>
        <p>
          Alert groups of these OnCall integrations create incidents too. With backsync on, ServiceNow's changes flow
          back to them.
        </p>
        {integration.connections.length === 0 ? <p>No connected integration yet.</p> : null}
        {integration.connections.length > 0 ? (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Connected OnCall integrations</caption>
              <thead>
                <tr>
                  <th scope="col">OnCall integration</th>
                  <th scope="col">Backsync</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {integration.connections.map((c) => (
                  <tr key={c.oncallIntegrationId}>
                    <th scope="row">
                      <code>{c.oncallIntegrationId}</code>
                    </th>
                    <td>
                      <Checkbox
                        asSwitch
                        label={`Backsync for ${c.oncallIntegrationId}`}
                        checked={c.backsync}
                        disabled={action.busy}
                        onChecked={(backsync) =>
                          void act(
                            () => api('PATCH', `${base}/${seg(c.oncallIntegrationId)}`, { backsync }),
                            `Backsync for ${c.oncallIntegrationId} is ${backsync ? 'on' : 'off'}.`,
                          )
                        }
                      />
                    </td>
                    <td class="row-actions">
                      <Button
                        onClick={() =>
                          void act(
                            () => api('POST', `${base}/${seg(c.oncallIntegrationId)}/demo-alert`),
                            `Demo alert sent to ${c.oncallIntegrationId}: its alert group and incident appear under Pairs.`,
                          )
                        }
                        aria-label={`Send demo alert to ${c.oncallIntegrationId}`}
                      >
                        Send demo alert
                      </Button>
                      <Button
                        kind="danger"
                        onClick={() =>
                          void act(
                            () => api('DELETE', `${base}/${seg(c.oncallIntegrationId)}`),
                            `${c.oncallIntegrationId} is no longer connected.`,
                          )
                        }
                        aria-label={`Disconnect ${c.oncallIntegrationId}`}
                      >
                        Disconnect
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <ErrorNote error={action.error} />
        <StatusNote text={status} />
        {status?.startsWith('Demo alert') ? (
          <p>
            <a href={href(`/integrations/${seg(integration.id)}/pairs`)}>See the pairs</a>
          </p>
        ) : null}
      </section>
      <ConnectForm base={base} onConnected={onChanged} />
    </>
  );
}

function ConnectForm({ base, onConnected }: { base: string; onConnected: () => void }) {
  const [oncallIntegrationId, setId] = useState('');
  const [backsync, setBacksync] = useState(true);
  const action = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const done = await action.run(() =>
      api('POST', base, { oncallIntegrationId: oncallIntegrationId.trim(), backsync }),
    );
    if (done === undefined) return;
    setId('');
    onConnected();
  };
  const fieldError = action.error?.fieldProblems().find((p) => p.field === 'oncallIntegrationId')?.reason;
  return (
    <form class="card" onSubmit={(e) => void submit(e)}>
      <h2>Connect an OnCall integration</h2>
      <TextField
        label="OnCall integration ID to connect"
        value={oncallIntegrationId}
        onValue={setId}
        required
        hint="The ID shown in OnCall's integration page or API, e.g. CFRPV98RPR1U8."
        error={fieldError ?? (action.error && !fieldError ? action.error.message : undefined)}
      />
      <Checkbox
        label="Backsync: send ServiceNow's changes back to this integration's alert groups"
        checked={backsync}
        onChecked={setBacksync}
      />
      <div class="actions">
        <Button type="submit" kind="primary" busy={action.busy}>
          Connect
        </Button>
      </div>
    </form>
  );
}
