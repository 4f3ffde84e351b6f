export { createServiceNowClient } from './client';
export { classifyServiceNowError, ServiceNowError, envelopeOf } from './errors';
export type * from './types';
