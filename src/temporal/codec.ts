/**
 * The payload codec that encrypts every workflow payload (inputs, results, signals, memo, failure
 * details) with AES-256-GCM before it leaves the process, following `samples-typescript/encryption`.
 */
import { type DataConverter, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { decryptBytes, encryptBytes } from '../security/aes-gcm';
import { findKey, type Keyring } from '../security/keyring';

/** Metadata `encoding` of an encrypted payload. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata key naming the keyring key that encrypted a payload. */
export const KEY_ID_METADATA = 'encryption-key-id';

const ProtoPayload = temporal.api.common.v1.Payload;

const encode = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const decode = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/**
 * Encrypts the whole serialised payload (metadata included, so even the `json/plain` encoding is
 * hidden) with the keyring's current key; decrypts with whichever key the payload names, so payloads
 * written before a key rotation stay readable. Payloads that are not encrypted pass through decode.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: Keyring) {}

  /** The id new payloads are marked with. */
  get currentKeyId(): string {
    return this.keyring.current.id;
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keyring.current;
    return Promise.resolve(
      payloads.map((payload) => ({
        metadata: { encoding: encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encode(id) },
        data: encryptBytes(ProtoPayload.encode(payload).finish(), key),
      })),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    // Promise.resolve().then turns a throw into a rejection, which is what PayloadCodec callers expect.
    return Promise.resolve().then(() => payloads.map((payload) => this.decodeOne(payload)));
  }

  private decodeOne(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding;
    if (!encoding || decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
    if (!keyIdBytes) throw new ValueError('encrypted payload has no encryption-key-id');
    const keyId = decode(keyIdBytes);
    const key = findKey(this.keyring, keyId);
    if (!key) throw new ValueError(`encrypted payload uses unknown key ${keyId}`);
    if (!payload.data) throw new ValueError('encrypted payload has no data');
    try {
      return ProtoPayload.decode(decryptBytes(payload.data, key.key));
    } catch (error) {
      throw new ValueError(`encrypted payload (key ${keyId}) could not be decrypted`, error);
    }
  }
}

/**
 * The module path of the failure converter that encodes failure messages and stack traces, for
 * `failureConverterPath`. A prebuilt workflow bundle must be built with the same path
 * (`bundleWorkflowCode({ failureConverterPath })`), since the sandbox converts failures too.
 */
export const failureConverterPath = require.resolve('./failure-converter');

/**
 * The data converter for every Client and Worker of the bridge: the encryption codec, plus the failure
 * converter that moves failure messages into payloads so the codec encrypts them as well.
 */
export function createDataConverter(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath };
}
