/**
 * The codec endpoint the Temporal Web UI (and `temporal --codec-endpoint`) calls to show decrypted
 * payloads: `POST /codec/encode` and `POST /codec/decode` with the codec-server JSON shape of
 * `samples-typescript/encryption`.
 */
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { bearerToken, constantTimeEqual } from '../security/tokens';

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
   * The codec's own token: accepted as a bearer, and as the path segment of `/codec/<token>/...` for the
   * Web UI, which cannot send a header. Without it only bearers of the admin token are served.
   */
  codecToken?: string | undefined;
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

/**
 * Every request must carry a credential the bridge can verify: the admin or codec token as a bearer, or
 * the codec token as the `:token` path segment. Nothing else counts: an `Origin` header is chosen by the
 * caller, so it proves nothing.
 */
function authenticate({ adminToken, codecToken }: CodecRouterOptions) {
  const accepted = [adminToken, ...(codecToken ? [codecToken] : [])];
  return (req: Request, res: Response, next: NextFunction): void => {
    const pathToken = typeof req.params.token === 'string' ? req.params.token : undefined;
    const given = pathToken ?? bearerToken(req.headers.authorization);
    const tokens = pathToken === undefined ? accepted : codecToken ? [codecToken] : [];
    if (given && tokens.some((token) => constantTimeEqual(given, token))) return next();
    sendError(
      res,
      401,
      'unauthorized',
      'send Authorization: Bearer <admin or codec token>, or use /codec/<codec token>',
    );
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
 * The codec endpoint, to mount at the app root: `POST /codec/{encode,decode}` with a bearer token (the
 * `temporal` CLI's `--codec-auth`, a proxy in front of the UI), and `POST /codec/<codec token>/{encode,decode}`
 * for the Temporal Web UI, whose codec endpoint is then `<base>/codec/<codec token>` (a capability URL: the
 * UI hands it to whoever can open the UI, so the UI must be as closed as the data it shows).
 */
export function createCodecRouter(options: CodecRouterOptions): Router {
  const router = Router();
  const { codec, uiOrigin } = options;
  const paths = (op: string) => [`/codec/${op}`, `/codec/:token/${op}`];
  const chain = [cors(uiOrigin), authenticate(options), express.json({ limit: '4mb' }), bodyErrors];
  router.options([...paths('encode'), ...paths('decode')], cors(uiOrigin));
  router.post(
    paths('encode'),
    ...chain,
    handler((payloads) => codec.encode(payloads)),
  );
  router.post(
    paths('decode'),
    ...chain,
    handler((payloads) => codec.decode(payloads)),
  );
  return router;
}
