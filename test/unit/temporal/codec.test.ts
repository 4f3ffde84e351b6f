import { randomBytes } from 'node:crypto';
import { DefaultFailureConverter, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { ENCRYPTED_ENCODING, EncryptionCodec, KEY_ID_METADATA, createDataConverter } from '../../../src/temporal/codec';
import { createEncryptionKey } from '../../../src/security/keyring';

const newKey = () => createEncryptionKey(randomBytes(32));
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const toPayload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);

describe('the encryption codec', () => {
  const key = newKey();
  const codec = new EncryptionCodec({ current: key });

  it('round-trips payloads and hides their content and encoding', async () => {
    const originals = [toPayload({ password: 'hunter2', n: 1 }), toPayload('plain text'), toPayload(null)];
    const encoded = await codec.encode(originals);
    for (const payload of encoded) {
      expect(text(payload.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(text(payload.metadata?.[KEY_ID_METADATA])).toBe(key.id);
      expect(text(payload.data)).not.toContain('hunter2');
      expect(text(payload.data)).not.toContain('json/plain');
    }
    const decoded = await codec.decode(encoded);
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([
      { password: 'hunter2', n: 1 },
      'plain text',
      null,
    ]);
  });

  it('passes payloads that are not encrypted through decode unchanged', async () => {
    const plain = toPayload({ a: 1 });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('rejects a tampered payload', async () => {
    const [encoded] = await codec.encode([toPayload('secret')]);
    const data = Buffer.from(encoded!.data!);
    data[data.length - 1]! ^= 0xff;
    await expect(codec.decode([{ ...encoded!, data }])).rejects.toThrow(`key ${key.id}`);
  });

  it('rejects a payload of a key it does not hold', async () => {
    const [encoded] = await new EncryptionCodec({ current: newKey() }).encode([toPayload('x')]);
    await expect(codec.decode([encoded!])).rejects.toThrow('unknown key');
  });

  it('after rotation, decodes payloads of the old key and encodes with the new one', async () => {
    const [old] = await codec.encode([toPayload('from before')]);
    const next = newKey();
    const rotated = new EncryptionCodec({ current: next, previous: [key] });
    const [decoded] = await rotated.decode([old!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toBe('from before');
    const [fresh] = await rotated.encode([toPayload('after')]);
    expect(text(fresh!.metadata?.[KEY_ID_METADATA])).toBe(next.id);
    expect(rotated.currentKeyId).toBe(next.id);
  });
});

describe('the data converter', () => {
  it('loads with the codec and a failure converter that encodes failure messages', () => {
    const codec = new EncryptionCodec({ current: newKey() });
    const loaded = loadDataConverter(createDataConverter(codec));
    expect(loaded.payloadCodecs).toEqual([codec]);
    expect(loaded.failureConverter).toBeInstanceOf(DefaultFailureConverter);
    const failure = loaded.failureConverter.errorToFailure(new Error('password=hunter2'), loaded.payloadConverter);
    expect(failure.message).not.toContain('hunter2');
    expect(failure.encodedAttributes).toBeDefined();
  });
});
