import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { EnvSchema } from '../../../src/config';

const root = path.resolve(__dirname, '../../..');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`service ${name} is missing`);
  return found;
};

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, the schema job, the server, the namespace job, the UI and both bridge roles', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'bridge-server',
        'bridge-worker',
        'grafana',
        'postgresql',
        'prometheus',
        'temporal',
        'temporal-create-namespace',
        'temporal-schema-setup',
        'temporal-ui',
      ].sort(),
    );
    expect(service('postgresql').image).toMatch(/^postgres:/);
    expect(service('temporal-schema-setup').image).toMatch(/^temporalio\/admin-tools:/);
    expect(service('temporal').image).toMatch(/^temporalio\/server:/);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:/);
  });

  it('never uses the deprecated auto-setup image', () => {
    for (const [name, s] of Object.entries(services))
      expect([name, s.image ?? '']).not.toEqual([name, expect.stringContaining('auto-setup')]);
  });

  it('starts the server only after the schema is set up, and the bridge only after the namespace exists', () => {
    expect(service('temporal').depends_on?.['temporal-schema-setup']?.condition).toBe('service_completed_successfully');
    for (const role of ['bridge-server', 'bridge-worker']) {
      expect(service(role).depends_on?.['temporal-create-namespace']?.condition).toBe('service_completed_successfully');
    }
  });

  it('sets on the bridge only variables the config schema knows, and the ones a cluster requires', () => {
    const known = new Set(Object.keys(EnvSchema.shape));
    for (const role of ['bridge-server', 'bridge-worker']) {
      const env = service(role).environment ?? {};
      for (const name of Object.keys(env)) expect([role, name, known.has(name)]).toEqual([role, name, true]);
      expect(Object.keys(env)).toEqual(
        expect.arrayContaining([
          'TEMPORAL_ADDRESS',
          'BRIDGE_ADMIN_TOKEN',
          'BRIDGE_ENCRYPTION_KEY',
          'BRIDGE_CODEC_TOKEN',
        ]),
      );
      // The local server unless the operator points the bridge elsewhere (Temporal Cloud).
      expect(env.TEMPORAL_ADDRESS).toBe('${TEMPORAL_ADDRESS:-temporal:7233}');
    }
  });

  it('runs the two roles from one image with commands that the build produces', () => {
    expect(service('bridge-server').image).toBe(service('bridge-worker').image);
    expect(service('bridge-server').command).toEqual(['node', 'lib/src/server.js']);
    expect(service('bridge-worker').command).toEqual(['node', 'lib/src/worker.js']);
    expect(existsSync(path.join(root, 'src/server.ts'))).toBe(true);
    expect(existsSync(path.join(root, 'src/worker.ts'))).toBe(true);
    expect(readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toContain('npm run build');
  });

  it('publishes the frontend, the UI and the bridge HTTP port, and points the UI at the codec endpoint', () => {
    expect(service('temporal').ports).toContain('7233:7233');
    expect(service('temporal-ui').ports).toContain('8233:8233');
    expect(service('bridge-server').ports).toContain('8080:8080');
    expect(service('temporal-ui').environment?.TEMPORAL_CODEC_ENDPOINT).toMatch(
      /\/codec\/\$\{BRIDGE_CODEC_TOKEN:\?[^}]+\}$/,
    );
  });

  // What create-namespace.sh registers is checked by running it: test/deploy/create-namespace.test.ts.
  it('mounts scripts that exist', () => {
    for (const s of Object.values(services)) {
      for (const volume of s.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./')) expect([source, existsSync(path.join(root, source))]).toEqual([source, true]);
      }
    }
  });
});
