/**
 * An in-memory OnCall behind the `OnCallClient` contract: alert groups with the public API's guards
 * (oncall.md §4.4, a 400 "Can't ..." when an action is not allowed), grouping of inbound alerts by
 * `alert_uid`, and an outgoing webhook body (forward_all shape) for every status change.
 */
import { HttpError } from '../../src/integrations/http';
import type {
  AlertGroup,
  AlertGroupAction,
  AlertGroupState,
  OnCallAlert,
  OnCallClient,
  Page,
  ResolutionNote,
} from '../../src/integrations/oncall/types';

export interface OnCallWebhookBody {
  event: { type: string; time?: string };
  user: { id: string; username: string; email: string } | null;
  alert_group: Record<string, unknown>;
  alert_group_id: string;
  alert_payload: unknown;
  integration: { id: string; type: string; name: string; team: null };
}

export interface OnCallWrite {
  kind: AlertGroupAction | 'alert' | 'note';
  id: string;
}

const AFTER: Record<AlertGroupAction, AlertGroupState> = {
  acknowledge: 'acknowledged',
  unacknowledge: 'firing',
  resolve: 'resolved',
  unresolve: 'firing',
  silence: 'silenced',
  unsilence: 'firing',
};

/** Which actions the public API allows from which state (the §4.4 matrix). */
const ALLOWED: Record<AlertGroupAction, AlertGroupState[]> = {
  acknowledge: ['firing', 'silenced'],
  unacknowledge: ['acknowledged'],
  resolve: ['firing', 'acknowledged', 'silenced'],
  unresolve: ['resolved'],
  silence: ['firing', 'silenced'],
  unsilence: ['silenced'],
};

const PATH: Record<AlertGroupState, Partial<Record<AlertGroupState, AlertGroupAction[]>>> = {
  firing: { acknowledged: ['unacknowledge'], resolved: ['unresolve'], silenced: ['unsilence'] },
  acknowledged: { firing: ['acknowledge'], silenced: ['acknowledge'], resolved: ['unresolve', 'acknowledge'] },
  resolved: { firing: ['resolve'], acknowledged: ['resolve'], silenced: ['resolve'] },
  silenced: { firing: ['silence'], acknowledged: ['unacknowledge', 'silence'], resolved: ['unresolve', 'silence'] },
};

let clock = Date.parse('2026-12-01T10:00:00Z');
function isoNow(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

interface StoredGroup {
  group: AlertGroup;
  payload: unknown;
  alertUid: string | undefined;
}

export class FakeOnCall implements OnCallClient {
  readonly groups = new Map<string, StoredGroup>();
  readonly writes: OnCallWrite[] = [];
  /** Every `searchAlerts` text, to tell whether a create looked before posting. */
  readonly searches: string[] = [];
  onWebhook: (body: OnCallWebhookBody) => void = () => undefined;
  /** Runs before each bridge action, e.g. to let a person change the group first (a race). */
  beforeAction: (id: string, action: AlertGroupAction) => void = () => undefined;
  private seq = 0;

  constructor(
    readonly bridgeUserId = 'UBRIDGE0000001',
    readonly bridgeIntegrationId = 'CBRIDGE000001',
  ) {}

  getAlertGroup(id: string): Promise<AlertGroup> {
    return Promise.resolve(structuredClone(this.stored(id).group));
  }

  listAlertGroups(filter: { integration_id?: string } = {}): Promise<Page<AlertGroup>> {
    const results = [...this.groups.values()]
      .map((s) => s.group)
      .filter((g) => !filter.integration_id || g.integration_id === filter.integration_id)
      .reverse();
    return Promise.resolve({ results: structuredClone(results), count: results.length });
  }

  acknowledge = (id: string) => this.bridgeAction(id, 'acknowledge');
  unacknowledge = (id: string) => this.bridgeAction(id, 'unacknowledge');
  resolve = (id: string) => this.bridgeAction(id, 'resolve');
  unresolve = (id: string) => this.bridgeAction(id, 'unresolve');
  silence = (id: string) => this.bridgeAction(id, 'silence');
  unsilence = (id: string) => this.bridgeAction(id, 'unsilence');

  async moveAlertGroupTo(id: string, target: AlertGroupState) {
    const actions = PATH[target][this.stored(id).group.state] ?? [];
    for (const action of actions) await this.bridgeAction(id, action);
    return { actions, state: this.stored(id).group.state };
  }

  sendAlert(_inboundUrl: string, payload: unknown): Promise<void> {
    const alertUid = (payload as { alert_uid?: string }).alert_uid;
    this.writes.push({ kind: 'alert', id: alertUid ?? '' });
    const open = [...this.groups.values()].find((s) => s.alertUid === alertUid && s.group.state !== 'resolved');
    if (open) open.group.alerts_count += 1;
    else this.createGroup(this.bridgeIntegrationId, payload);
    return Promise.resolve();
  }

  searchAlerts(text: string): Promise<Page<OnCallAlert>> {
    this.searches.push(text);
    const results = [...this.groups.values()]
      .filter((s) => JSON.stringify(s.payload).toLowerCase().includes(text.toLowerCase()))
      .map((s) => ({
        id: `A${s.group.id}`,
        alert_group_id: s.group.id,
        created_at: s.group.created_at ?? '',
        payload: s.payload,
      }))
      .reverse();
    return Promise.resolve({ results: structuredClone(results), count: results.length });
  }

  /** An alert arrives from a monitoring integration and opens a group. */
  fireAlert(integrationId: string, payload: Record<string, unknown>): string {
    return this.createGroup(integrationId, payload);
  }

  /** A person acts on a group in the OnCall UI (guards apply, the webhook fires with that user). */
  humanAction(id: string, action: AlertGroupAction, userId = 'UALICE0000001'): void {
    this.act(id, action, userId);
  }

  getUser(id: string) {
    return Promise.resolve({ id, username: id.toLowerCase(), email: `${id.toLowerCase()}@example.com` });
  }

  getCurrentUser() {
    return Promise.resolve({ id: this.bridgeUserId, username: 'bridge', email: 'bridge@example.com' });
  }

  /** Resolution notes, oldest first; the bridge's are written with its user as author. */
  readonly notes: ResolutionNote[] = [];

  listResolutionNotes(alertGroupId: string): Promise<Page<ResolutionNote>> {
    const results = this.notes.filter((note) => note.alertGroupId === alertGroupId);
    return Promise.resolve({ results: structuredClone(results), count: results.length });
  }

  createResolutionNote(alertGroupId: string, text: string, author = this.bridgeUserId): Promise<ResolutionNote> {
    this.stored(alertGroupId);
    const note = {
      id: `M${++this.seq}`,
      alertGroupId,
      author,
      source: 'web',
      createdAt: new Date().toISOString(),
      text,
    };
    this.notes.push(note);
    if (author === this.bridgeUserId) this.writes.push({ kind: 'note', id: note.id });
    return Promise.resolve(structuredClone(note));
  }

  listIntegrations = () => Promise.reject(new Error('not used by the pair'));
  getIntegration = () => Promise.reject(new Error('not used by the pair'));
  createIntegration = () => Promise.reject(new Error('not used by the pair'));
  deleteIntegration = () => Promise.reject(new Error('not used by the pair'));
  listWebhooks = () => Promise.reject(new Error('not used by the pair'));
  createWebhook = () => Promise.reject(new Error('not used by the pair'));
  updateWebhook = () => Promise.reject(new Error('not used by the pair'));
  deleteWebhook = () => Promise.reject(new Error('not used by the pair'));

  private bridgeAction(id: string, action: AlertGroupAction): Promise<void> {
    this.beforeAction(id, action);
    this.act(id, action, this.bridgeUserId);
    this.writes.push({ kind: action, id });
    return Promise.resolve();
  }

  private act(id: string, action: AlertGroupAction, userId: string): void {
    const stored = this.stored(id);
    const group = stored.group;
    if (!ALLOWED[action].includes(group.state)) {
      const detail = `Can't ${action} a ${group.state} alert group`;
      throw new HttpError(400, detail, { detail }, undefined);
    }
    const time = isoNow();
    group.state = AFTER[action];
    if (action === 'acknowledge') group.acknowledged_at = time;
    if (action === 'resolve') group.resolved_at = time;
    if (action === 'silence') group.silenced_at = time;
    if (action === 'unresolve' || action === 'unacknowledge') {
      Object.assign(group, { resolved_at: null, acknowledged_at: null, silenced_at: null });
    }
    const timed = !action.startsWith('un');
    const user = { id: userId, username: userId.toLowerCase(), email: `${userId}@example.com` };
    this.emit(stored, { type: action, ...(timed ? { time: time.replace('Z', '+00:00') } : {}) }, user);
  }

  private createGroup(integrationId: string, payload: unknown): string {
    this.seq += 1;
    const id = `IFAKE${String(this.seq).padStart(8, '0')}`;
    const p = payload as { title?: string; alert_uid?: string };
    const group: AlertGroup = {
      id,
      integration_id: integrationId,
      state: 'firing',
      title: p.title ?? null,
      created_at: isoNow(),
      resolved_at: null,
      acknowledged_at: null,
      silenced_at: null,
      alerts_count: 1,
      permalinks: { web: `https://grafana.example.com/a/grafana-oncall-app/alert-groups/${id}` },
      labels: {},
      last_alert_payload: payload,
    };
    const stored = { group, payload, alertUid: p.alert_uid };
    this.groups.set(id, stored);
    this.emit(stored, { type: 'alert group created', time: (group.created_at ?? '').replace('Z', '+00:00') }, null);
    return id;
  }

  private emit(stored: StoredGroup, event: OnCallWebhookBody['event'], user: OnCallWebhookBody['user']): void {
    const { last_alert_payload: payload, ...rest } = stored.group;
    const alertGroup = { ...rest, last_alert: { id: 'AFAKE', alert_group_id: rest.id, payload } };
    this.onWebhook({
      event,
      user,
      alert_group: structuredClone(alertGroup),
      alert_group_id: rest.id,
      alert_payload: stored.payload,
      integration: { id: rest.integration_id, type: 'formatted_webhook', name: 'Fake', team: null },
    });
  }

  private stored(id: string): StoredGroup {
    const stored = this.groups.get(id);
    if (!stored) throw new HttpError(404, 'Not found.', { detail: 'Not found.' }, undefined);
    return stored;
  }
}
