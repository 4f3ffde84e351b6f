/**
 * The setup workflow's input for a create body: a fresh integration id, every credential sealed before it
 * enters Temporal, and a fresh secret for the OnCall webhooks (sealed for setup to put into OnCall, hashed
 * for the receiver to check).
 */
import { randomBytes } from 'node:crypto';
import type { SetupIntegrationInput } from '../../workflows/setup';
import { generateToken, hashToken } from '../security/tokens';
import type { CreateIntegrationBody } from './schemas';

export function setupInputFor(
  body: CreateIntegrationBody,
  seal: (secret: string) => string,
  publicUrl: string,
): SetupIntegrationInput {
  const id = `i${randomBytes(6).toString('hex')}`;
  const webhookSecret = `Bearer ${generateToken()}`;
  return {
    id,
    name: body.name,
    description: body.description,
    servicenow: {
      instanceUrl: body.servicenow.instanceUrl,
      username: body.servicenow.username,
      passwordSealed: seal(body.servicenow.password),
    },
    oncall: {
      apiUrl: body.oncall.apiUrl,
      apiTokenSealed: seal(body.oncall.apiToken),
      integrationId: body.oncall.integrationId,
      ...(body.oncall.uiUrl ? { uiUrl: body.oncall.uiUrl } : {}),
    },
    createDefaultWebhooks: body.createDefaultWebhooks,
    stateMapping: body.stateMapping,
    webhookUrl: `${publicUrl}/webhooks/oncall/${id}`,
    webhookSecretSealed: seal(webhookSecret),
    webhookSecretHash: hashToken(webhookSecret),
    createdAt: new Date().toISOString(),
  };
}
