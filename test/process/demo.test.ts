import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../bench/common/ports';
import { descendants, isAlive, spawnNode } from '../helpers/processes';
import { waitFor } from '../helpers/wait';

describe('npm run demo', () => {
  it('plays the seed scenario through the bridge and both emulators, prints the pair link, and cleans up', async () => {
    const ports = { http: await freePort(), temporal: await freePort(), ui: await freePort() };
    const demo = spawnNode(
      'lib/scripts/demo.js',
      {
        BRIDGE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bridge-demo-')),
        BRIDGE_HTTP_PORT: String(ports.http),
        BRIDGE_TEMPORAL_PORT: String(ports.temporal),
        BRIDGE_TEMPORAL_UI_PORT: String(ports.ui),
        TEMPORAL_ADDRESS: '',
      },
      ['--exit'],
    );
    // The demo's bridge runs in a child process: remember it to check nothing outlives the demo.
    const children = await waitFor(() => {
      const found = descendants(demo.child.pid!);
      return found.length > 0 ? found : undefined;
    });
    const code = await demo.exited;
    const out = demo.output();
    expect([code, out]).toEqual([0, expect.any(String)]);
    expect(out).toContain('creates an incident in ServiceNow');
    expect(out).toMatch(/alert group \w+ appeared in OnCall: "INC\d{7}: Checkout is down"/);
    expect(out).toMatch(/INC\d{7} is now In Progress in ServiceNow/);
    expect(out).toMatch(/alert group \w+ is resolved in OnCall/);
    expect(out).toContain(`http://localhost:${ports.ui}/namespaces/default/workflows/pair%2F`);
    expect(out).toContain(`the admin UI: http://localhost:${ports.http}/ (sign in with the admin token from`);
    expect(out).toContain(`the pair in the admin UI: http://localhost:${ports.http}/#/pairs/pair%2F`);
    await waitFor(() => children.every((pid) => !isAlive(pid)), { timeoutMs: 15_000, what: 'the bridge to exit' });
  });
});
