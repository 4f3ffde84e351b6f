/**
 * Headless Chromium for the browser tests, obtained from the npm registry like every other dependency:
 * `@sparticuz/chromium` ships, brotli-compressed inside the package, a headless-shell build, the NSS and
 * expat libraries it loads (built for Amazon Linux, whose glibc is older than Debian 12's), SwiftShader for
 * its GL, and a few fonts. With those unpacked next to it the browser needs only libc and libgcc from the
 * machine. No system Chromium and no download from elsewhere: `npm ci` is all a fresh machine needs.
 *
 * The package's own `executablePath()` inflates into the shared `/tmp/chromium` without a lock, so two
 * test processes (or two checkouts) could launch a half-written binary. Here it is inflated once per
 * package version under `node_modules/.cache`, into a private directory renamed into place when complete.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { extract } from 'tar-fs';
import { PROJECT_ROOT } from './processes';

/** The package's `bin/` folder: the compressed browser and fonts. */
function packageBin(): { bin: string; version: string } {
  const root = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '../..');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { bin: path.join(root, 'bin'), version };
}

function untar(archive: string, into: string): Promise<void> {
  return pipeline(createReadStream(archive), createBrotliDecompress(), extract(into));
}

/** Unpacks into `dir`, which is renamed to `final` afterwards (the fonts' configuration names `final`). */
async function inflateInto(dir: string, final: string, bin: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const executable = createWriteStream(path.join(dir, 'chromium'), { mode: 0o755 });
  await pipeline(createReadStream(path.join(bin, 'chromium.br')), createBrotliDecompress(), executable);
  // SwiftShader's libraries go next to the binary, where Chromium looks for its GL; al2023 holds `lib/`.
  await untar(path.join(bin, 'swiftshader.tar.br'), dir);
  await untar(path.join(bin, 'al2023.tar.br'), dir);
  await untar(path.join(bin, 'fonts.tar.br'), path.join(dir, 'fonts'));
  // The package's fonts.conf names Lambda's folders; this one names the bundled fonts and keeps the
  // system's configuration (where a machine has one) for everything else.
  await writeFile(
    path.join(dir, 'fonts', 'fonts.conf'),
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      `  <dir>${path.join(final, 'fonts')}</dir>`,
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
      `  <cachedir>${path.join(final, 'fonts-cache')}</cachedir>`,
      '</fontconfig>',
      '',
    ].join('\n'),
  );
}

let inflated: Promise<string> | undefined;

/** The folder holding `chromium` and `fonts/`, inflated on first use. */
export function chromiumDir(): Promise<string> {
  inflated ??= (async () => {
    const { bin, version } = packageBin();
    const dir = path.join(PROJECT_ROOT, 'node_modules', '.cache', `sparticuz-chromium-${version}`);
    if (existsSync(path.join(dir, 'chromium'))) return dir;
    const partial = `${dir}.partial-${process.pid}-${Date.now()}`;
    try {
      await inflateInto(partial, dir, bin);
      renameSync(partial, dir);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      // Another process finished first: its copy is as good as ours.
      if (!existsSync(path.join(dir, 'chromium'))) throw error;
    }
    return dir;
  })();
  return inflated;
}

/** Launches headless Chromium; close it in the test's teardown. */
export async function launchChromium(): Promise<Browser> {
  const dir = await chromiumDir();
  return chromium.launch({
    executablePath: path.join(dir, 'chromium'),
    // Tests run as root on CI, where Chromium's sandbox cannot start.
    args: ['--no-sandbox'],
    env: {
      ...process.env,
      FONTCONFIG_PATH: path.join(dir, 'fonts'),
      LD_LIBRARY_PATH: [path.join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    },
  });
}
