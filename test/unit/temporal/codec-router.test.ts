import { randomBytes } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { defaultPayloadConverter } from '@temporalio/common';
import { createCodecRouter } from '../../../src/temporal/codec-router';
import { EncryptionCodec } from '../../../src/temporal/codec';
import { createEncryptionKey } from '../../../src/security/keyring';

const uiOrigin = 'http://localhost:8233';
const adminToken = 'admin-token-for-tests';
const codecToken = 'codec-token-for-tests-0123456789';

function appWith(options: { codecToken?: string } = { codecToken }) {
  const codec = new EncryptionCodec({ current: createEncryptionKey(randomBytes(32)) });
  const app = express();
  app.use(createCodecRouter({ codec, uiOrigin, adminToken, ...options }));
  return app;
}

function jsonPayload(value: unknown) {
  const payload = defaultPayloadConverter.toPayload(value);
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  return { metadata, data: Buffer.from(payload.data!).toString('base64') };
}

describe('the codec endpoint', () => {
  it('encodes then decodes back to the same payloads for a bearer of the admin token', async () => {
    const app = appWith();
    const original = { payloads: [jsonPayload({ hello: 'world' }), jsonPayload(42)] };
    const encoded = await request(app)
      .post('/codec/encode')
      .set('Authorization', `Bearer ${adminToken}`)
      .send(original)
      .expect(200);
    expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(encoded.body.payloads[0].data, 'base64').toString()).not.toContain('world');
    const decoded = await request(app)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${adminToken}`)
      .send(encoded.body)
      .expect(200);
    expect(decoded.body).toEqual(original);
  });

  it('decodes for the Web UI through the codec token in the path, and allows it through CORS', async () => {
    const res = await request(appWith())
      .post(`/codec/${codecToken}/decode`)
      .set('Origin', uiOrigin)
      .set('X-Namespace', 'default')
      .send({ payloads: [jsonPayload('plain')] })
      .expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(uiOrigin);
    expect(res.body.payloads).toEqual([jsonPayload('plain')]);
  });

  it('refuses the UI origin without a credential: an Origin header proves nothing', async () => {
    const app = appWith();
    for (const op of ['decode', 'encode']) {
      const res = await request(app)
        .post(`/codec/${op}`)
        .set('Origin', uiOrigin)
        .send({ payloads: [jsonPayload('plain')] })
        .expect(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(JSON.stringify(res.body)).not.toContain(Buffer.from('"plain"').toString('base64'));
    }
  });

  it('answers 401 without a token, with a wrong token, and from another origin', async () => {
    const app = appWith();
    const body = { payloads: [] };
    const none = await request(app).post('/codec/decode').send(body).expect(401);
    expect(none.body.error.code).toBe('unauthorized');
    await request(app).post('/codec/decode').set('Authorization', 'Bearer wrong').send(body).expect(401);
    await request(app).post('/codec/decode').set('Authorization', adminToken).send(body).expect(401);
    await request(app).post(`/codec/${codecToken}x/decode`).send(body).expect(401);
    const other = await request(app).post('/codec/encode').set('Origin', 'http://evil.example').send(body).expect(401);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('accepts the codec token as a bearer, and the bearer scheme in any case', async () => {
    const app = appWith();
    const body = { payloads: [jsonPayload(7)] };
    await request(app).post('/codec/decode').set('Authorization', `Bearer ${codecToken}`).send(body).expect(200);
    await request(app).post('/codec/decode').set('Authorization', `bearer ${adminToken}`).send(body).expect(200);
    await request(app).post('/codec/encode').set('Authorization', `BEARER ${codecToken}`).send(body).expect(200);
  });

  it('never takes the admin token in the path (a URL ends up in logs and browser history)', async () => {
    await request(appWith()).post(`/codec/${adminToken}/decode`).send({ payloads: [] }).expect(401);
  });

  it('serves no path route when no codec token is configured', async () => {
    const app = appWith({});
    await request(app).post('/codec/undefined/decode').send({ payloads: [] }).expect(401);
    await request(app)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ payloads: [] })
      .expect(200);
  });

  it('answers a CORS preflight from the UI origin without credentials', async () => {
    const res = await request(appWith())
      .options('/codec/decode')
      .set('Origin', uiOrigin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'x-namespace, content-type')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(uiOrigin);
    expect(res.headers['access-control-allow-headers']).toBe('x-namespace, content-type, authorization');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
  });

  it('answers 400 in the error envelope for a malformed body or an undecryptable payload', async () => {
    const app = appWith();
    const auth = { Authorization: `Bearer ${adminToken}` };
    const shape = await request(app).post('/codec/decode').set(auth).send({ nope: 1 }).expect(400);
    expect(shape.body.error.code).toBe('invalid_request');
    const json = await request(app)
      .post('/codec/decode')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send('{not json')
      .expect(400);
    expect(json.body.error.code).toBe('invalid_json');
    const foreign = await request(appWith())
      .post('/codec/encode')
      .set(auth)
      .send({ payloads: [jsonPayload(1)] });
    const undecryptable = await request(app).post('/codec/decode').set(auth).send(foreign.body).expect(400);
    expect(undecryptable.body.error.code).toBe('codec_failed');
  });
});
