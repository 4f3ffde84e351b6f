import type { Response } from 'express';

/** A refusal in ServiceNow's own envelope (servicenow.md §1.5), thrown by handlers and rendered once. */
export class SnApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail: string | null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** `{"error":{"message","detail"},"status":"failure"}`. */
export function errorEnvelope(message: string, detail: string | null): unknown {
  return { error: { message, detail }, status: 'failure' };
}

/** The headers every recorded Table API response carries. */
export function setStandardHeaders(res: Response): void {
  res.setHeader('Server', 'ServiceNow');
  res.setHeader('Cache-control', 'no-cache,no-store,must-revalidate,max-age=-1');
  res.setHeader('Pragma', 'no-store,no-cache');
  res.setHeader('Expires', '0');
}

export function sendJson(res: Response, status: number, body: unknown): void {
  setStandardHeaders(res);
  res.status(status).setHeader('Content-Type', 'application/json;charset=UTF-8');
  // A Buffer keeps the Content-Type exactly as ServiceNow spells it (a string would be re-charset by Express).
  res.send(Buffer.from(JSON.stringify(body)));
}

export function sendError(res: Response, error: SnApiError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendJson(res, error.status, errorEnvelope(error.message, error.detail));
}

/** The envelope fault injection answers with, per status. */
export function faultBody(status: number): unknown {
  if (status === 401) return errorEnvelope('User Not Authenticated', 'Required to provide Auth information');
  if (status === 403)
    return errorEnvelope('Operation Failed', 'ACL Exception Update Failed due to security constraints');
  if (status === 404)
    return errorEnvelope('No Record found', "Record doesn't exist or ACL restricts the record retrieval");
  if (status === 429)
    return errorEnvelope('Rate limit exceeded', 'Rate limit of 100 requests per hour for Table API exceeded');
  if (status >= 500) return errorEnvelope('Internal Server Error', 'The server encountered an unexpected condition');
  return errorEnvelope('Operation Failed', null);
}

export const notFound = (): SnApiError =>
  new SnApiError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");

export const aclUpdateDenied = (): SnApiError =>
  new SnApiError(403, 'Operation Failed', 'ACL Exception Update Failed due to security constraints');
