/**
 * The shipped Grafana dashboard, Prometheus config and alert rules only query metrics the bridge exports:
 * its own registry (built here, not a copied list), histogram series, and the SDK worker metric the
 * metrics-listener process test sees on a real worker.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createMetrics } from '../../../src/observability/metrics';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Panel {
  title: string;
  targets: { expr: string }[];
}

/** Every name the bridge exports, with a histogram's `_bucket`, `_sum` and `_count` series. */
async function exported(): Promise<Set<string>> {
  const names = new Set(['temporal_worker_task_slots_available', 'up']);
  for (const metric of await createMetrics().registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
  }
  return names;
}

/** The metric names a PromQL expression selects (bridge_*, temporal_* and up). */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b(bridge_[a-z0-9_]+|temporal_[a-z0-9_]+|up(?=\{))/g)].map((match) => match[1]!);
}

describe('the Grafana dashboard and the alert rules', () => {
  const dashboard = JSON.parse(read('deploy/grafana/bridge-dashboard.json')) as { panels: Panel[] };

  it('has the panels README lists, each with a query', () => {
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
    for (const panel of dashboard.panels) expect([panel.title, panel.targets.length > 0]).toEqual([panel.title, true]);
    const tableRows = read('README.md')
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split('|')[1]?.trim());
    for (const panel of dashboard.panels) expect(tableRows).toContain(panel.title);
  });

  it('queries only metrics the bridge exports', async () => {
    const names = await exported();
    const queried = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricsIn(target.expr)));
    expect(queried.length).toBeGreaterThanOrEqual(dashboard.panels.length);
    expect(queried.filter((name) => !names.has(name))).toEqual([]);
  });

  it('alerts on sync lag and failing writes, over exported metrics only', async () => {
    const names = await exported();
    const rules = (
      parse(read('deploy/prometheus/rules.yml')) as { groups: { rules: { alert: string; expr: string }[] }[] }
    ).groups.flatMap((group) => group.rules);
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining(['BridgeSyncLagHigh', 'BridgeWritesFailing']),
    );
    const queried = rules.flatMap((rule) => metricsIn(rule.expr));
    expect(queried).toEqual(expect.arrayContaining(['bridge_sync_lag_seconds_bucket', 'bridge_writes_total']));
    expect(queried.filter((name) => !names.has(name))).toEqual([]);
  });

  it('is what the compose Prometheus scrapes and Grafana loads', () => {
    const compose = read('docker-compose.yml');
    expect(compose).toContain('./deploy/prometheus/rules.yml:/etc/prometheus/rules.yml');
    expect(compose).toContain('./deploy/grafana/bridge-dashboard.json:/var/lib/grafana/dashboards/');
    const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    expect(prometheus.scrape_configs[0]?.static_configs[0]?.targets).toEqual([
      'bridge-server:9464',
      'bridge-worker:9464',
    ]);
  });
});
