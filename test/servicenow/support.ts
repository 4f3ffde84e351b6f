import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  startServiceNowEmulator,
  type ServiceNowEmulator,
  type ServiceNowEmulatorOptions,
} from '../../src/emulators/servicenow';

export const ADMIN = { user_name: 'admin', password: 'admin', roles: ['admin'], name: 'System Administrator' };
export const INTEGRATION = {
  user_name: 'grafana.oncall',
  password: 'integration-secret-1',
  roles: ['itil', 'personalize_choices'],
  name: 'Grafana OnCall',
};
export const PLAIN_ITIL = { user_name: 'itil.only', password: 'itil-secret-1', roles: ['itil'], name: 'Itil Only' };
export const PERSON = { user_name: 'beth.anglin', password: 'beth-secret-1', roles: ['itil'], name: 'Beth Anglin' };

export function startEmulator(options: ServiceNowEmulatorOptions = {}): Promise<ServiceNowEmulator> {
  return startServiceNowEmulator({ users: [ADMIN, INTEGRATION, PLAIN_ITIL, PERSON], ...options });
}

export function basic(user: { user_name: string; password: string } = ADMIN): string {
  return `Basic ${Buffer.from(`${user.user_name}:${user.password}`).toString('base64')}`;
}

/** A parsed JSON body: tests assert its shape, so it is deliberately untyped. */
export type Json = any;

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

/** One HTTP call to the emulator as an outside client would make it. */
export async function api(
  emulator: { url: string },
  method: string,
  pathAndQuery: string,
  options: { body?: unknown; auth?: string | null; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.auth !== null) headers.authorization = options.auth ?? basic();
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${emulator.url}${pathAndQuery}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (the hibernation page): keep the text.
  }
  return { status: response.status, headers: response.headers, body, text };
}

export type Row = Record<string, string>;
/** A rendered record whose identity fields are known to be there. */
export type RecordRow = Row & { sys_id: string; number: string };

export const control = (emulator: { url: string }, method: string, route: string, body?: unknown) =>
  api(emulator, method, `/__emulator${route}`, { body, auth: null });

/** A recorded exchange from test/fixtures/servicenow (see its README). */
export function recorded(
  name: string,
  index = 0,
): { request: Json; response: { status: number; headers: Record<string, string>; body: Json } } {
  const file = path.join(__dirname, '../fixtures/servicenow', `${name}.json`);
  const exchange = JSON.parse(readFileSync(file, 'utf8'))[index];
  return {
    request: exchange.request,
    response: { ...exchange.response, body: JSON.parse(exchange.response.payload || 'null') },
  };
}
