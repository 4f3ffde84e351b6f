/**
 * The admin web UI's routes serve static files only, built by `npm run build` (which `npm test` runs
 * first): no data without the token, a CSP that allows no inline script or style, and the app-wide JSON
 * headers everywhere else.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import request from 'supertest';
import { requireAdminToken } from '../../src/admin/auth';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/logger';
import { UI_ASSETS_DIR, uiAssetsBuilt } from '../../src/ui/assets';
import { createUiRouter, UI_CONTENT_SECURITY_POLICY } from '../../src/ui/router';

const TOKEN = 'ui-static-test-token';

function app() {
  // An admin route beside the UI, as in the bridge: the UI's files must not open it.
  const api = Router();
  api.use('/api/v1', requireAdminToken(TOKEN));
  api.get('/api/v1/integrations', (_req, res) => {
    res.json({ integrations: [] });
  });
  return createApp({
    logger: createLogger({ level: 'error', destination: { write: () => undefined } }),
    readiness: { temporal: () => Promise.resolve(true) },
    routers: [api, createUiRouter()],
  });
}

describe('the admin web UI’s static routes', () => {
  it('are built by npm run build', () => {
    expect(uiAssetsBuilt()).toBe(true);
  });

  it('serve the page at / with the UI’s CSP and the security headers', async () => {
    const res = await request(app()).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(UI_CONTENT_SECURITY_POLICY);
    expect(UI_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(UI_CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('page holds no inline script, style or event handler (the CSP would block them)', () => {
    const html = readFileSync(path.join(UI_ASSETS_DIR, 'index.html'), 'utf8');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\/[^"]+"/);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  });

  it('keeps the token in the tab’s sessionStorage only: the bundle touches no localStorage or cookie', () => {
    const bundle = readFileSync(path.join(UI_ASSETS_DIR, 'app.js'), 'utf8');
    expect(bundle).toContain('sessionStorage');
    expect(bundle).not.toMatch(/localStorage|document\.cookie/);
  });

  it('serve the bundle and stylesheet, and nothing outside the UI folder', async () => {
    const server = app();
    expect((await request(server).get('/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await request(server).get('/app.css')).headers['content-type']).toMatch(/^text\/css/);
    for (const probe of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/.env']) {
      expect((await request(server).get(probe)).status).toBe(404);
    }
  });

  it('leave every other path to the API: a miss is the JSON 404 with the app-wide CSP, data needs the token', async () => {
    const server = app();
    const miss = await request(server).get('/no-such-page');
    expect(miss.status).toBe(404);
    expect(miss.body).toEqual({ error: expect.objectContaining({ code: 'not_found' }) });
    expect(miss.headers['content-security-policy']).toContain("default-src 'none'");
    expect(miss.headers['content-security-policy']).not.toContain('script-src');
    expect((await request(server).post('/').send({})).status).toBe(404);
    expect((await request(server).get('/api/v1/integrations')).status).toBe(401);
    const authorized = await request(server).get('/api/v1/integrations').set('authorization', `Bearer ${TOKEN}`);
    expect(authorized.status).toBe(200);
  });
});
