export { createOnCallClient } from './client';
export { classifyOnCallError } from './classify';
export { planAlertGroupMove } from './plan';
export * from './schemas';
export type * from './types';
