/**
 * The failure converter module for `failureConverterPath`. Temporal loads it by path (not as an object)
 * because it also runs inside the workflow sandbox, so this file may import only `@temporalio/common`.
 */
import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Moves failure messages and stack traces into an encoded payload, so the encryption codec covers them
 * too; without it they sit in history as plain text.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
