import type { Request } from 'express';
import { SnApiError } from './envelope';

/** A JSON field value as the Table API stores it: a string; `undefined` for objects and arrays (ignored). */
export function fieldText(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
}

/** The JSON object of a request (raw-parsed so the request log keeps it); only the first of an array counts. */
export function jsonBody(req: Request): Record<string, unknown> {
  const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SnApiError(400, 'Exception while reading request', 'The payload is not valid JSON.');
  }
  const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  if (first === null || typeof first !== 'object') {
    throw new SnApiError(400, 'Exception while reading request', 'The payload is not a JSON object.');
  }
  return first as Record<string, unknown>;
}
