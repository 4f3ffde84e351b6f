/**
 * The webhook endpoints of bridge.md §4.3. Thin on purpose: size limit, credential check in constant time,
 * JSON and schema parsing, mapping to the bridge's own event, and `signalWithStart`. Every decision about
 * what the event means is the pair workflow's.
 */
import express, { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { IntegrationSettings, PairSettings } from '../../workflows/settings';
import { toPairSettings } from '../../workflows/settings';
import type { IntegrationDirectory } from '../directory/integration-directory';
import { ApiError } from '../http/errors';
import { parseInput } from '../http/validate';
import type { Logger } from '../logger';
import { UNKNOWN_INTEGRATION, type BridgeMetrics } from '../observability/metrics';
import { traceWebhook } from '../observability/webhook-span';
import { bearerToken, verifyToken } from '../security/tokens';
import type { PairStarter } from '../temporal/pair-starter';
import { OnCallWebhookSchema, ServiceNowWebhookSchema } from './schemas';
import { oncallWebhookToEvent, serviceNowWebhookToEvent, type MappedWebhook } from './to-events';
import type { RateLimiter } from './rate-limit';

export interface ReceiverDeps {
  directory: IntegrationDirectory;
  starter: PairStarter;
  logger: Logger;
  taskQueue: string;
  rateLimiter?: RateLimiter;
  /** Counts every answered webhook by source, integration and status. */
  metrics?: Pick<BridgeMetrics, 'webhooks'>;
}

interface Source<S extends z.ZodType> {
  name: 'oncall' | 'servicenow';
  schema: S;
  /** The stored hash the request's credential must match. */
  hashOf(settings: IntegrationSettings): string | null;
  /** The credential the request presents. */
  credentialOf(req: Request): string | undefined;
  toEvent(body: z.output<S>, settings: PairSettings): MappedWebhook;
}

const MAX_BODY = '1mb';

export function createReceiverRouter(deps: ReceiverDeps): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: MAX_BODY });
  router.post('/webhooks/:source/:integrationId', (req, res, next) => {
    countWhenAnswered(deps, req, res);
    next();
  });
  // The span starts once the body is read: Node emits the body's events outside the request's context.
  router.post('/webhooks/oncall/:integrationId', raw, traceWebhook('oncall'), (req, res, next) =>
    handle(deps, oncallSource, req).then((result) => res.status(202).json(result), next),
  );
  router.post('/webhooks/servicenow/:integrationId', raw, traceWebhook('servicenow'), (req, res, next) =>
    handle(deps, serviceNowSource, req).then((result) => res.status(202).json(result), next),
  );
  return router;
}

const oncallSource: Source<typeof OnCallWebhookSchema> = {
  name: 'oncall',
  schema: OnCallWebhookSchema,
  hashOf: (settings) => settings.webhookSecretHash,
  // The bridge put this exact value into the webhook's `authorization_header`.
  credentialOf: (req) => req.headers.authorization,
  toEvent: oncallWebhookToEvent,
};

const serviceNowSource: Source<typeof ServiceNowWebhookSchema> = {
  name: 'servicenow',
  schema: ServiceNowWebhookSchema,
  hashOf: (settings) => settings.businessRuleTokenHash,
  credentialOf: (req) => bearerToken(req.headers.authorization),
  toEvent: serviceNowWebhookToEvent,
};

async function handle<S extends z.ZodType>(deps: ReceiverDeps, source: Source<S>, req: Request) {
  const integrationId = String(req.params.integrationId);
  const settings = await lookup(deps.directory, integrationId);
  // Counted under its id only now that it is known: a caller cannot create labels by inventing ids.
  req.res!.locals.integrationId = integrationId;
  const hash = source.hashOf(settings);
  const credential = source.credentialOf(req);
  if (!hash || !credential || !verifyToken(credential, hash)) {
    throw new ApiError(401, 'unauthorized', `Missing or wrong credential for the ${source.name} webhook`);
  }
  deps.rateLimiter?.take(`${source.name}:${integrationId}`);
  const body = parseInput(source.schema, parseJson(req.body), `${source.name} webhook body`);
  const mapped = source.toEvent(body, toPairSettings(settings));
  if (mapped.kind === 'ignored') return { accepted: false, reason: mapped.reason };
  // A failure here is answered by the error handler: 503 only when Temporal is unreachable.
  if (mapped.start === false) {
    if (!(await deps.starter.deliverIfRunning(mapped.workflowId, mapped.event))) {
      return { accepted: false, reason: 'the incident does not match the incident filter' };
    }
  } else await deps.starter.deliver(mapped.workflowId, mapped.key, mapped.event);
  logOf(deps, req).debug({ source: source.name, integrationId, pairId: mapped.workflowId }, 'webhook accepted');
  return { accepted: true, pairId: mapped.workflowId };
}

function countWhenAnswered(deps: ReceiverDeps, req: Request, res: Response): void {
  const source = req.params.source;
  if (!deps.metrics || (source !== 'oncall' && source !== 'servicenow')) return;
  const { webhooks } = deps.metrics;
  res.on('finish', () => {
    const integration = typeof res.locals.integrationId === 'string' ? res.locals.integrationId : UNKNOWN_INTEGRATION;
    webhooks.inc({ source, integration, status: String(res.statusCode) });
  });
}

/** The request's own logger (it carries the request id) when the app installed one. */
function logOf(deps: ReceiverDeps, req: Request): Logger {
  return (req as { log?: Logger }).log ?? deps.logger;
}

async function lookup(directory: IntegrationDirectory, integrationId: string): Promise<IntegrationSettings> {
  const settings = await directory.get(integrationId);
  if (!settings) throw new ApiError(404, 'not_found', 'No such integration');
  return settings;
}

function parseJson(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
  if (text.trim() === '')
    throw new ApiError(400, 'invalid_json', 'The request body is empty; a JSON object is expected');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON');
  }
}
