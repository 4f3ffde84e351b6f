/** The relay's own OnCall integration and webhook, so its traffic never reaches the bridge. */
import { INTEGRATION_USER, type Emulators } from '../common/emulators';
import { expectJson } from '../common/http';
import { freePort } from '../common/ports';
import { spawnNode, type Child } from '../common/proc';

export interface Relay {
  child: Child;
  inboundUrl: string;
  stop(): Promise<void>;
}

export async function startRelay(emulators: Emulators): Promise<Relay> {
  const port = await freePort();
  const child = spawnNode('relay', 'bench/relay/main.js', [
    String(port),
    emulators.snUrl,
    INTEGRATION_USER.user_name,
    INTEGRATION_USER.password,
  ]);
  await child.waitForLine(/relay listening/);
  const integration = await expectJson<{ id: string; link: string }>(
    'POST',
    `${emulators.ocUrl}/__emulator/integrations`,
    // Formatted, as the bridge's: a plain webhook integration titles every group "Incident" (as OnCall
    // does), and the steps find their incidents by the alert's title.
    { type: 'formatted_webhook', name: 'bench relay' },
  );
  await expectJson(
    'POST',
    `${emulators.ocUrl}/api/v1/webhooks/`,
    {
      name: 'bench relay created',
      url: `http://127.0.0.1:${port}/hook`,
      http_method: 'POST',
      trigger_type: 'alert group created',
      forward_all: true,
      is_webhook_enabled: true,
      integration_filter: [integration.id],
    },
    { headers: { authorization: emulators.botKey } },
  );
  return { child, inboundUrl: integration.link, stop: () => child.stop() };
}
