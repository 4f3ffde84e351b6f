import { randomBytes } from 'node:crypto';

/** A ServiceNow sys_id: 32 lowercase hex characters. */
export function newSysId(): string {
  return randomBytes(16).toString('hex');
}

/** `YYYY-MM-DD HH:mm:ss` in UTC, the Table API's raw date-time format. */
export function glideDateTime(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
