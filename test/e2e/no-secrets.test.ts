/**
 * After a full run (setup, both seed flows, every read route), no secret the run used appears in any log
 * line the bridge wrote or in any response it gave: admin API responses and the webhook answers that
 * OnCall and the Business Rule received.
 */
import { INTEGRATION_USER, oncallAction, setUpIntegration, snAsPerson, startRig, type Rig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { integrationWorkflowId } from '../../workflows/ids';
import { decodedHistoryText } from './support/decoded-history';

describe('secrets stay secret', () => {
  let rig: Rig;
  afterAll(async () => {
    await rig?.close();
  });

  it('appear in no log line and no API response of a full end-to-end run', async () => {
    rig = await startRig();
    const responses: string[] = [];
    const admin = rig.admin;
    rig.admin = async (method, route, body) => {
      const reply = await admin(method, route, body);
      responses.push(JSON.stringify(reply.body));
      return reply;
    };
    const integration = await setUpIntegration(rig);

    const send = (payload: unknown) =>
      fetch(integration.inboundUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    await send({ alert_uid: 'secret-check', title: 'Queue backlog', message: 'lag 10 min', state: 'alerting' });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title === 'Queue backlog'));
    await oncallAction(rig, group.id, 'acknowledge');
    const incident = await snAsPerson(rig, 'POST', '', { short_description: 'Printer on fire' });
    const born = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(incident.number!)));
    await snAsPerson(rig, 'PATCH', `/${incident.sys_id}`, {
      state: '6',
      close_code: 'Solution provided',
      close_notes: 'ok',
    });
    await waitFor(() => rig.oc.alertGroup(born.id)?.state === 'resolved');

    const pairs = await rig.admin('GET', `/api/v1/integrations/${integration.id}/pairs`);
    for (const pair of pairs.body.pairs as { pairId: string }[]) await rig.admin('GET', `/api/v1/pairs/${pair.pairId}`);
    await rig.admin('GET', '/api/v1/integrations');
    await rig.admin('GET', `/api/v1/integrations/${integration.id}/state-options`);
    await rig.admin('PATCH', `/api/v1/integrations/${integration.id}`, {
      servicenow: { password: INTEGRATION_USER.password },
    });
    await rig.oc.idle();

    const webhookAnswers = rig.oc.deliveries().map((d) => JSON.stringify((d as { response?: unknown }).response ?? ''));
    const ruleLog = JSON.stringify(await (await fetch(`${rig.sn.url}/__emulator/business-rules/log`)).json());
    const secrets = {
      servicenowPassword: INTEGRATION_USER.password,
      oncallApiKey: rig.botKey,
      webhookAuthorization: integration.webhookAuthorization.replace(/^Bearer /, ''),
      businessRuleToken: integration.businessRuleToken,
      adminToken: rig.config.adminToken,
      encryptionKey: rig.config.encryptionKeys[0]!,
    };
    const seenIn = (haystack: string[]) =>
      Object.entries(secrets)
        .filter(([, secret]) => haystack.some((text) => text.includes(secret)))
        .map(([name]) => name);

    expect(rig.logLines.length).toBeGreaterThan(10);
    expect(responses.length).toBeGreaterThan(8);
    expect(webhookAnswers.length).toBeGreaterThan(2);
    expect(seenIn(rig.logLines)).toEqual([]);
    expect(seenIn(responses.filter((r) => !r.includes('"script"')))).toEqual([]);
    expect(seenIn(webhookAnswers)).toEqual([]);
    // The rule log keeps the script's outbound calls; the emulator masks their Authorization header.
    expect(seenIn([ruleLog])).toEqual([]);

    // Opened with the codec, as an operator sees it in the Web UI, history holds the inbound URL's token
    // only sealed: not in the setup, the integration workflow, nor the pair that posted the alert.
    const inboundToken = new URL(integration.inboundUrl).pathname.split('/').filter(Boolean).pop()!;
    expect(inboundToken.length).toBeGreaterThan(8);
    const bornPair = (pairs.body.pairs as { pairId: string; incidentNumber?: string }[]).map((p) => p.pairId);
    const histories = await Promise.all(
      [`setup/${integration.id}`, integrationWorkflowId(integration.id), ...bornPair].map((id) =>
        decodedHistoryText(rig, id),
      ),
    );
    expect(histories.join('\n')).toContain(integration.id);
    expect(histories.filter((text) => text.includes(inboundToken))).toEqual([]);
  });
});
