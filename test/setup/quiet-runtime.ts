import { DefaultLogger, Runtime } from '@temporalio/worker';

// Worker state changes are logged at INFO for every test; keep the output to warnings and errors.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this module registry: keep the first one.
}
