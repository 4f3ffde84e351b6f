/**
 * The OnCall webhook secret is rotatable through the admin API: the bridge's webhooks get the new
 * `authorization_header`, the receiver refuses the old one and takes the new one, and no answer shows it.
 */
import { setUpIntegration, startRig, type Rig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';

async function webhookPatches(rig: Rig): Promise<string[]> {
  const requests = (await (await fetch(`${rig.oc.url}/__emulator/requests`)).json()) as {
    method: string;
    path: string;
    body: { authorization_header?: string } | undefined;
  }[];
  return requests
    .filter((r) => r.method === 'PATCH' && r.path.includes('/webhooks/') && r.body?.authorization_header)
    .map((r) => r.body!.authorization_header!);
}

describe('rotating the OnCall webhook secret', () => {
  let rig: Rig;
  afterAll(async () => {
    await rig?.close();
  });

  it('when an admin rotates it, then OnCall sends the new secret and the old one is refused', async () => {
    rig = await startRig();
    const integration = await setUpIntegration(rig);
    const old = integration.webhookAuthorization;
    expect(old).toMatch(/^Bearer .{16,}/);
    const deliver = (authorization: string) =>
      fetch(`${rig.bridgeUrl}/webhooks/oncall/${integration.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: '{}',
      });
    // Past the credential check, an empty body is a 400: the old secret works before the rotation.
    expect((await deliver(old)).status).toBe(400);

    const rotated = await rig.admin('POST', `/api/v1/integrations/${integration.id}/webhook-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ id: integration.id });
    expect(rotated.body.authorizationHeader).toBeUndefined();

    const patches = await webhookPatches(rig);
    // Setup created the default webhooks; each was patched with the same new value.
    expect(patches.length).toBeGreaterThan(0);
    const fresh = patches.at(-1)!;
    expect(new Set(patches)).toEqual(new Set([fresh]));
    expect(fresh).not.toBe(old);
    expect(JSON.stringify(rotated.body)).not.toContain(fresh.replace(/^Bearer /, ''));

    // The directory re-reads the settings within its cache time.
    await waitFor(async () => (await deliver(old)).status === 401, {
      timeoutMs: 15_000,
      what: 'the old secret refused',
    });
    expect((await deliver(fresh)).status).toBe(400);
  });
});
