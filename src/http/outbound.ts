/**
 * One outbound HTTP exchange on `node:http(s)` with keep-alive agents: the bridge's clients and the
 * emulators' webhook and Business Rule calls all go through it. The bench measured `fetch` at several times
 * the CPU per call, and every synced event makes several of these calls.
 */
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, urlProblem, UrlRefusedError } from './url-guard';

export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Bounds the whole exchange, from connecting to the last byte of the response. */
  timeoutMs: number;
  /**
   * Call only public https addresses (url-guard.ts): a URL that is not one, or a host name that resolves
   * to a private address, rejects with `UrlRefusedError` before anything is sent.
   */
  guarded?: boolean;
  /**
   * Send once more, on a new socket, a request that failed with ECONNRESET before any answer on a pooled
   * socket: the server closed that socket as it went idle, as the request was written (the race Node
   * documents with `request.reusedSocket`). Only for requests that may be repeated: the programs that
   * drive the bridge from outside, not the bridge's own writes, whose retries must know the outcome is
   * unknown.
   */
  retryStaleSocket?: boolean;
}

export interface OutboundResponse {
  status: number;
  /** By lower-case name; repeated headers joined with `, `. */
  headers: Record<string, string>;
  text: string;
}

/** The exchange took longer than its `timeoutMs`. */
export class OutboundTimeout extends Error {
  override readonly name = 'OutboundTimeout';
}

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** Guarded calls keep their own pool: each of its sockets was connected to an address the guard checked. */
const guardedAgent = new https.Agent({ keepAlive: true, lookup: guardedLookup });

/**
 * Sends one request and reads the whole response; redirects are not followed. Rejects with
 * `OutboundTimeout`, or with Node's own network error (its `code` says which: ECONNREFUSED...).
 */
export async function exchange(request: OutboundRequest): Promise<OutboundResponse> {
  try {
    return await exchangeOnce(request);
  } catch (error) {
    if (!(request.retryStaleSocket && error instanceof StaleSocketError)) throw unwrapped(error);
    // Once more only: the second attempt may take another stale socket, and its caller gets Node's error.
    return exchangeOnce(request).catch((again: unknown) => {
      throw unwrapped(again);
    });
  }
}

function unwrapped(error: unknown): unknown {
  return error instanceof StaleSocketError ? error.cause : error;
}

/** The request died with its pooled socket before any answer (see `retryStaleSocket`). */
class StaleSocketError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

function exchangeOnce(request: OutboundRequest): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return reject(new Error(`unsupported protocol ${url.protocol}`));
    }
    if (request.guarded) {
      const problem = urlProblem(request.url, false);
      if (problem) return reject(new UrlRefusedError(`${url.origin} ${problem}`));
    }
    const send = url.protocol === 'https:' ? https.request : http.request;
    const agent = request.guarded ? guardedAgent : agents[url.protocol];
    const options = { method: request.method, headers: request.headers, agent };
    const outgoing = send(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: response.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    const timer = setTimeout(() => outgoing.destroy(new OutboundTimeout()), request.timeoutMs);
    let answered = false;
    outgoing.once('response', () => (answered = true));
    function fail(error: Error): void {
      clearTimeout(timer);
      const stale = outgoing.reusedSocket && !answered && networkErrorCode(error) === 'ECONNRESET';
      reject(stale ? new StaleSocketError(error) : error);
    }
    outgoing.on('error', fail);
    outgoing.end(request.body);
  });
}

/** Node's network errors carry a code (ECONNREFUSED, ECONNRESET, ENOTFOUND...) beside their message. */
export function networkErrorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
