/**
 * The admin web UI's build, run by `npm run build` after tsc: esbuild bundles web/src (Preact, TSX) into
 * one ES module and the static files are copied beside it, into lib/ui, which the bridge serves at `/`.
 * Types are checked by `npm run typecheck` (web/tsconfig.json), not here: esbuild only strips them.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'lib', 'ui');
const STATIC_FILES = ['index.html', 'app.css', 'favicon.svg'];

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, 'web', 'src', 'main.tsx')],
    outfile: path.join(OUT, 'app.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'linked',
    logLevel: 'warning',
  });
  for (const file of STATIC_FILES) cpSync(path.join(ROOT, 'web', file), path.join(OUT, file));
}

main().catch((error: unknown) => {
  process.stderr.write(`UI build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
