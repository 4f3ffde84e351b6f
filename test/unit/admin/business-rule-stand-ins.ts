/**
 * Hand-written stand-ins for the ServiceNow globals a Business Rule sees (`current`, `previous`, `gs`,
 * `sn_ws`), recording what the script does with them, so the generated script can run in node:vm.
 */
import vm from 'node:vm';

export interface RecordedRequest {
  calls: [string, ...unknown[]][];
  headers: Record<string, string>;
  endpoint?: string;
  method?: string;
  timeout?: number;
  body?: string;
}

export interface RuleRun {
  requests: RecordedRequest[];
  logs: [level: string, message: string][];
  journalArgs: unknown[];
}

export interface IncidentStandIn {
  user: string;
  operation?: 'insert' | 'update';
  sysId?: string;
  values?: Record<string, string | null>;
  changed?: string[];
  workNote?: string;
  /** What `execute()` does: return a status code, or throw. */
  execute?: () => number;
}

function element(name: string, incident: IncidentStandIn, run: RuleRun) {
  return {
    changes: () => (incident.changed ?? []).includes(name),
    getJournalEntry: (n: unknown) => {
      run.journalArgs.push(n);
      return incident.workNote ?? '';
    },
  };
}

function restMessage(incident: IncidentStandIn, run: RuleRun) {
  return class RESTMessageV2 {
    private readonly recorded: RecordedRequest = { calls: [], headers: {} };
    constructor() {
      run.requests.push(this.recorded);
    }
    setEndpoint(url: string) {
      this.recorded.endpoint = url;
    }
    setHttpMethod(method: string) {
      this.recorded.method = method;
    }
    setRequestHeader(name: string, value: string) {
      this.recorded.headers[name] = value;
    }
    setHttpTimeout(ms: number) {
      this.recorded.timeout = ms;
    }
    setRequestBody(body: string) {
      this.recorded.body = body;
    }
    execute() {
      this.recorded.calls.push(['execute']);
      const status = (incident.execute ?? (() => 202))();
      return { getStatusCode: () => status, getBody: () => `{"error":{"code":"status_${status}"}}` };
    }
  };
}

/** Runs `script` once as a Business Rule on `incident`, returning what it did. */
export function runRule(script: string, incident: IncidentStandIn): RuleRun {
  const run: RuleRun = { requests: [], logs: [], journalArgs: [] };
  const values: Record<string, string | null> = { number: 'INC0010001', ...incident.values };
  const current: Record<string, unknown> = {
    getValue: (name: string) => values[name] ?? null,
    getDisplayValue: (name: string) => values[name] ?? '',
    getUniqueValue: () => incident.sysId ?? 'a1b2c3',
    operation: () => incident.operation ?? 'update',
  };
  for (const name of ['state', 'short_description', 'description', 'work_notes', 'comments']) {
    current[name] = element(name, incident, run);
  }
  const log = (level: string) => (message: string) => run.logs.push([level, String(message)]);
  const gs = { getUserName: () => incident.user, info: log('info'), warn: log('warn'), error: log('error') };
  vm.runInNewContext(script, { current, previous: null, gs, sn_ws: { RESTMessageV2: restMessage(incident, run) } });
  return run;
}
