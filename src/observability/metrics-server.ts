/**
 * The metrics listener (`BRIDGE_METRICS_PORT`), apart from the webhook port: `/metrics` is for the
 * Prometheus next to the bridge, not for the internet the webhooks face, and Prometheus scrapes it without
 * the admin token. It serves the bridge's registry followed by the Temporal SDK runtime's own metrics
 * (the worker's task slots, polls, latencies), which the SDK's Rust core exports on a loopback port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { exchange } from '../http/outbound';

export interface MetricsServerDeps {
  port: number;
  registry: Registry;
  /** The SDK runtime's Prometheus endpoint (worker roles), appended to every scrape. */
  sdkMetricsUrl?: string;
  /** Runs before each scrape (e.g. reads the open pairs from visibility); a failure leaves old values. */
  beforeScrape?: () => Promise<void>;
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(deps: MetricsServerDeps): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the metrics listener serves GET /metrics\n');
      return;
    }
    scrape(deps).then(
      (text) => res.writeHead(200, { 'content-type': deps.registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, () => resolve());
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, close: () => close(server) };
}

async function scrape(deps: MetricsServerDeps): Promise<string> {
  await deps.beforeScrape?.().catch(() => undefined);
  const own = await deps.registry.metrics();
  return deps.sdkMetricsUrl ? `${own}\n${await sdkMetrics(deps.sdkMetricsUrl)}` : own;
}

/** The SDK's exposition text; empty when it cannot be read (the bridge's own metrics still answer). */
async function sdkMetrics(url: string): Promise<string> {
  try {
    const response = await exchange({ method: 'GET', url, headers: {}, timeoutMs: 2000 });
    return response.status === 200 ? response.text : '';
  } catch {
    return '';
  }
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A loopback port free right now, for the SDK runtime's exporter (it takes an address, not port 0). */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
