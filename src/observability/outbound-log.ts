import type { Logger } from '../logger';
import { outboundCalls, type OutboundCall } from '../integrations/calls';
import { currentActivityIds } from './activity-ids';

/**
 * Logs every outbound call at debug with the activity, integration and pair that made it. Returns the
 * unsubscribe function.
 */
export function logOutboundCalls(logger: Logger): () => void {
  if (!logger.isLevelEnabled('debug')) return () => undefined;
  const listener = (message: unknown) => {
    const call = message as OutboundCall;
    logger.debug({ ...currentActivityIds(), ...call }, 'outbound call');
  };
  outboundCalls.subscribe(listener);
  return () => void outboundCalls.unsubscribe(listener);
}
