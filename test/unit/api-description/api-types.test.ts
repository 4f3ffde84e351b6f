/**
 * The web UI's API types are generated from the OpenAPI document: the committed file must be the current
 * one. The generator runs in its own Node process (openapi-typescript's dependencies are ES modules, which
 * jest's module system does not load), bundled by esbuild from the script's source.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');

describe('web/src/openapi.gen.ts', () => {
  it('is what openapi-typescript generates from the OpenAPI document now (else run `npm run api-types`)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'api-types-'));
    try {
      const script = path.join(dir, 'api-types.js');
      await build({
        entryPoints: [path.join(ROOT, 'scripts', 'api-types.ts')],
        outfile: script,
        bundle: true,
        platform: 'node',
        packages: 'external',
        logLevel: 'warning',
      });
      const generated = execFileSync(process.execPath, [script, '--print'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      });
      expect(generated).toContain("'/api/v1/integrations/{id}/state-mapping'");
      const committed = readFileSync(path.join(ROOT, 'web', 'src', 'openapi.gen.ts'), 'utf8');
      expect(committed === generated).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
