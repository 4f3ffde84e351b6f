/**
 * Rotating the secret OnCall's webhooks prove themselves with (`POST .../webhook-secret`). The bridge puts
 * the new one into its own OnCall webhooks; without webhooks of its own, the answer carries it once and the
 * page shows it once, with a copy button: the bridge keeps only its hash, so it cannot be shown again.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { IntegrationResource, WebhookSecretAnswer } from '../../api-types';
import { Button, ErrorNote, StatusNote } from '../../components/form';
import { useAction } from '../../components/load';

export function RotateWebhookSecret({ integration }: { integration: IntegrationResource }) {
  const action = useAction();
  const [header, setHeader] = useState<string | null | undefined>(undefined);
  const [copied, setCopied] = useState<string | null>(null);
  const ownWebhooks = integration.webhooks.length > 0;
  const rotate = async () => {
    setHeader(undefined);
    setCopied(null);
    const answer = await action.run(() =>
      api<WebhookSecretAnswer>('POST', `/api/v1/integrations/${seg(integration.id)}/webhook-secret`),
    );
    if (answer) setHeader(answer.authorizationHeader ?? null);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(header ?? '');
      setCopied('Header copied to the clipboard.');
    } catch {
      setCopied('The browser did not allow copying: select the header and copy it by hand.');
    }
  };
  return (
    <section class="card">
      <h2>OnCall webhook secret</h2>
      <p>OnCall's webhooks prove themselves to the bridge with a secret. A new one replaces it at once.</p>
      {ownWebhooks ? null : (
        <p class="warning">
          The bridge has no OnCall webhooks of its own here: the new secret is shown once, and your own webhooks are
          refused until they send it.
        </p>
      )}
      <div class="actions">
        <Button onClick={() => void rotate()} busy={action.busy}>
          Rotate webhook secret
        </Button>
      </div>
      <ErrorNote error={action.error} />
      <StatusNote
        text={header === null ? "New secret set in the bridge's OnCall webhooks; the old one is refused." : null}
      />
      {header ? (
        <div class="warning" role="alert">
          <p>
            <strong>Shown only this once.</strong> Put this as the Authorization header of your OnCall webhooks now; the
            old one is refused from now on, and the bridge keeps only a hash of this one.
          </p>
          <p>
            <label for="new-webhook-secret">New Authorization header</label>
          </p>
          <input id="new-webhook-secret" class="secret-once" type="text" readOnly value={header} spellcheck={false} />
          <div class="actions">
            <Button onClick={() => void copy()}>Copy header</Button>
          </div>
          <StatusNote text={copied} />
        </div>
      ) : null}
    </section>
  );
}
