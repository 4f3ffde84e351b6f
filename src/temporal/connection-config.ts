/**
 * How the bridge reaches a Temporal cluster that wants more than an address: TLS, mTLS (client certificate
 * and key), a server name override and an API key (Temporal Cloud). Configured in the SDK's own conventions:
 * the `TEMPORAL_*` variables `@temporalio/envconfig` reads, as the `temporal` CLI and the other SDKs do, and
 * the TOML profile file when `TEMPORAL_CONFIG_FILE` names one (a service should not pick up a developer's
 * `~/.config/temporalio/temporal.toml` by accident). Environment variables override the profile's values.
 */
import type { TLSConfig } from '@temporalio/client';
import { loadClientConfigProfile, toClientOptions, type ClientConfigProfile } from '@temporalio/envconfig';
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** The variables, for the bridge's env schema (validation and documentation; envconfig reads them). */
export const TemporalConnectionEnvSchema = z.object({
  /** Temporal Cloud API key, sent as `Authorization: Bearer`; turns TLS on. */
  TEMPORAL_API_KEY: optionalText,
  /** `true` for TLS with the system's CAs, `false` to force plain gRPC. @default on when any TLS file or an API key is set */
  TEMPORAL_TLS: z.enum(['true', 'false', '1', '0', '']).optional(),
  /** mTLS client certificate (PEM), as a file path or as the PEM text itself (`..._DATA`). */
  TEMPORAL_TLS_CLIENT_CERT_PATH: optionalText,
  TEMPORAL_TLS_CLIENT_CERT_DATA: optionalText,
  /** mTLS client private key (PEM), as a file path or as the PEM text itself (`..._DATA`). */
  TEMPORAL_TLS_CLIENT_KEY_PATH: optionalText,
  TEMPORAL_TLS_CLIENT_KEY_DATA: optionalText,
  /** CA that signed the server's certificate, when it is not one the system trusts. */
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: optionalText,
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: optionalText,
  /** The name to check the server's certificate against (and send as SNI) instead of the address's host. */
  TEMPORAL_TLS_SERVER_NAME: optionalText,
  /** A TOML file of connection profiles in the Temporal CLI's format. @default none */
  TEMPORAL_CONFIG_FILE: optionalText,
  /** The profile to use from TEMPORAL_CONFIG_FILE. @default default */
  TEMPORAL_PROFILE: optionalText,
});

/** Where and how to connect; `address` is undefined when neither the environment nor a profile names one. */
export interface TemporalConnectionConfig {
  address: string | undefined;
  namespace: string | undefined;
  tls: TLSConfig | boolean | undefined;
  apiKey: string | undefined;
  metadata: Record<string, string> | undefined;
}

/**
 * Loads the connection settings from `env` (the process environment, passed in by config.ts). Returns the
 * problems instead when a setting cannot be used, so the config reports them with the others.
 */
export function loadTemporalConnection(
  env: NodeJS.ProcessEnv,
): { connection: TemporalConnectionConfig } | { problems: string[] } {
  // Blank values count as unset (compose passes `${VAR:-}`), as everywhere else in the config.
  const temporalEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('TEMPORAL_') && value !== undefined && value.trim() !== '') temporalEnv[name] = value.trim();
  }
  let profile: ClientConfigProfile;
  let options: ReturnType<typeof toClientOptions>;
  try {
    profile = loadClientConfigProfile({
      overrideEnvVars: temporalEnv,
      disableFile: temporalEnv.TEMPORAL_CONFIG_FILE === undefined,
    });
    // Reads the certificate and key files now, so a wrong path fails at start rather than at connect.
    options = toClientOptions(profile);
  } catch (error) {
    return { problems: [`Temporal connection: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const problems = checkProfile(profile);
  if (problems.length > 0) return { problems };
  const { address, tls, apiKey } = options.connectionOptions;
  return {
    connection: { address, namespace: options.namespace, tls: tls ?? undefined, apiKey, metadata: profile.grpcMeta },
  };
}

function checkProfile(profile: ClientConfigProfile): string[] {
  const problems: string[] = [];
  const tls = profile.tls;
  // envconfig drops a certificate without its key (and the reverse) silently: the server would then
  // refuse the connection with a handshake error that names neither.
  if (tls && !tls.disabled && Boolean(tls.clientCert) !== Boolean(tls.clientKey)) {
    problems.push(
      'TEMPORAL_TLS_CLIENT_CERT_* and TEMPORAL_TLS_CLIENT_KEY_*: set both or neither (mTLS needs the pair)',
    );
  }
  const secured = profile.apiKey !== undefined || (tls !== undefined && !tls.disabled);
  if (secured && profile.address === undefined) {
    problems.push(
      'TEMPORAL_TLS_* / TEMPORAL_API_KEY: need TEMPORAL_ADDRESS (the embedded dev server speaks plain gRPC)',
    );
  }
  return problems;
}

/** The options both connections (the client's `Connection` and the worker's `NativeConnection`) take. */
export function connectionOptions(temporal: {
  address: string;
  tls: TemporalConnectionConfig['tls'];
  apiKey: string | undefined;
  metadata: Record<string, string> | undefined;
}): { address: string; tls?: TLSConfig | boolean; apiKey?: string; metadata?: Record<string, string> } {
  return {
    address: temporal.address,
    ...(temporal.tls !== undefined ? { tls: temporal.tls } : {}),
    ...(temporal.apiKey !== undefined ? { apiKey: temporal.apiKey } : {}),
    ...(temporal.metadata !== undefined ? { metadata: temporal.metadata } : {}),
  };
}
