/**
 * Serves the admin web UI's static files at `/`. They hold no data: every figure the UI shows comes from
 * the admin API with the token the person typed in, so these routes need no auth. The UI's pages get a
 * CSP of their own (the app-wide one forbids everything, as fits JSON): scripts, styles and API calls
 * from this origin only, no inline script or style, no framing.
 */
import express, { Router } from 'express';
import { UI_ASSETS_DIR } from './assets';

export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function createUiRouter(assetsDir: string = UI_ASSETS_DIR): Router {
  const router = Router();
  // Only a file actually served gets the UI's policy; a miss falls through to the JSON 404 and its headers.
  router.use(
    express.static(assetsDir, {
      index: 'index.html',
      redirect: false,
      dotfiles: 'ignore',
      setHeaders: (res) => res.setHeader('Content-Security-Policy', UI_CONTENT_SECURITY_POLICY),
    }),
  );
  return router;
}
