/** Where `npm run build` puts the admin web UI (see scripts/build-ui.ts); one place for that path. */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The project root: the nearest folder above this file with a package.json (src/ui under jest, lib/src/ui built). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const UI_ASSETS_DIR = path.join(projectRoot(), 'lib', 'ui');

/** Whether the UI has been built (it is not when only `tsc` ran). */
export function uiAssetsBuilt(dir: string = UI_ASSETS_DIR): boolean {
  return existsSync(path.join(dir, 'index.html'));
}
