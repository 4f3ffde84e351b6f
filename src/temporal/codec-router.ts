/**
 * The codec endpoint the Temporal Web UI (and `temporal --codec-endpoint`) calls to show decrypted
 * payloads: `POST /codec/encode` and `POST /codec/decode` with the codec-server JSON shape of
 * `samples-typescript/encryption`.
 */
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { constantTimeEqual } from '../security/tokens';

/** `{ payloads: [{ metadata: { key: base64 }, data: base64 }] }`. */
export const CodecRequestSchema = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), z.string()).optional(),
      data: z.string().optional(),
    }),
  ),
});
export type CodecRequest = z.infer<typeof CodecRequestSchema>;
type JsonPayload = CodecRequest['payloads'][number];

export interface CodecRouterOptions {
  codec: PayloadCodec;
  /** Origin of the Temporal Web UI, e.g. `http://localhost:8233`; the only origin CORS admits. */
  uiOrigin: string;
  /** The admin API's bearer token, also accepted here. */
  adminToken: string;
  /**
   * Accept requests whose `Origin` is `uiOrigin` without a token (default `true`). See
   * {@link createCodecRouter} for why, and turn it off where the UI passes a token.
   */
  trustUiOrigin?: boolean;
}

const ALLOW_HEADERS = 'x-namespace, content-type, authorization';

function fromJson(payload: JsonPayload): Payload {
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  );
  return { metadata, data: Buffer.from(payload.data ?? '', 'base64') };
}

function toJson(payload: Payload): JsonPayload {
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  );
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

function cors(uiOrigin: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.vary('Origin');
    if (req.headers.origin === uiOrigin) {
      res.setHeader('Access-Control-Allow-Origin', uiOrigin);
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    // A preflight never carries credentials, so it is answered before the auth check.
    if (req.method === 'OPTIONS') res.sendStatus(204);
    else next();
  };
}

function authenticate({ uiOrigin, adminToken, trustUiOrigin = true }: CodecRouterOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const bearer = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (bearer && constantTimeEqual(bearer, adminToken)) return next();
    if (trustUiOrigin && req.headers.origin === uiOrigin) return next();
    sendError(res, 401, 'unauthorized', 'send Authorization: Bearer <admin token>');
  };
}

function handler(run: (payloads: Payload[]) => Promise<Payload[]>) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = CodecRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'invalid_request', 'expected {"payloads": [{"metadata": {...}, "data": "<base64>"}]}');
      return;
    }
    try {
      const result = await run(parsed.data.payloads.map(fromJson));
      res.json({ payloads: result.map(toJson) });
    } catch (error) {
      // Codec errors name a key id at most, never payload content, so the message is safe to return.
      const message = error instanceof Error ? error.message : 'codec failed';
      sendError(res, 400, 'codec_failed', message);
    }
  };
}

function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const status = (error as { status?: unknown }).status;
  if (status === 413) sendError(res, 413, 'payload_too_large', 'the request body is too large');
  else if (status === 400) sendError(res, 400, 'invalid_json', 'the request body is not valid JSON');
  else next(error);
}

/**
 * The codec endpoint, to mount at the app root (the UI's codec endpoint is then `<base>/codec`).
 *
 * Authentication accepts either `Authorization: Bearer <admin token>` or a request whose `Origin` is
 * the configured UI origin. The second exists because the dev server's embedded Web UI sends no
 * credential to a codec endpoint by default: trusting its origin is what makes decrypted payloads show
 * in the UI on a laptop. `Origin` is set by browsers but can be forged by any other HTTP client, so
 * this is only acceptable where the endpoint is reachable from the operator's machine alone. In
 * production, set `TEMPORAL_CODEC_PASS_ACCESS_TOKEN` on the UI and `trustUiOrigin: false` here.
 */
export function createCodecRouter(options: CodecRouterOptions): Router {
  const router = Router();
  const { codec, uiOrigin } = options;
  const chain = [cors(uiOrigin), authenticate(options), express.json({ limit: '4mb' }), bodyErrors];
  router.options(['/codec/encode', '/codec/decode'], cors(uiOrigin));
  router.post(
    '/codec/encode',
    ...chain,
    handler((payloads) => codec.encode(payloads)),
  );
  router.post(
    '/codec/decode',
    ...chain,
    handler((payloads) => codec.decode(payloads)),
  );
  return router;
}
