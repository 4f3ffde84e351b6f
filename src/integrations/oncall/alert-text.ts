/**
 * The title and message of an alert group as an incident shows them. OnCall's title is its web title
 * template's output, which for several integration types says little: a plain webhook's is always
 * "Incident", formatted webhooks without a title get "Title undefined (...)", Alertmanager's keeps a trailing
 * space. So the title is trimmed, and a type default gives way to the alert payload's own title or summary.
 * The webhook receiver and reconciliation both call these, so a pair gets the same text either way.
 */

/** Titles an integration type gives whatever the alert says (`engine/config_integrations/*.py`). */
const TYPE_DEFAULT_TITLES = [/^incident$/i, /^title undefined\b/i, /^no title\b/i, /^maintenance$/i];

/** Bounds the text a pair carries in its history; ServiceNow's description takes far more than this. */
const MAX_MESSAGE = 4000;

type Json = Record<string, unknown>;
const record = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const firstAlert = (payload: Json): Json => record(Array.isArray(payload.alerts) ? payload.alerts[0] : undefined);
const clean = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

export function isTypeDefaultTitle(title: string): boolean {
  return title === '' || TYPE_DEFAULT_TITLES.some((pattern) => pattern.test(title));
}

/** The alert's own title: formatted webhook, e-mail subject, Alertmanager summary, manual alert, alert name. */
function payloadTitle(payload: unknown): string {
  const p = record(payload);
  const candidates = [
    p.title,
    p.subject,
    p.summary,
    record(p.commonAnnotations).summary,
    record(p.annotations).summary,
    record(firstAlert(p).annotations).summary,
    record(p.oncall).title,
    record(p.commonLabels).alertname,
    record(p.labels).alertname,
  ];
  return candidates.map(clean).find((text) => text !== '') ?? '';
}

/** A useful one-line title for the incident of alert group `groupId`. */
export function alertGroupTitle(groupId: string, groupTitle: string | null | undefined, payload: unknown): string {
  const title = clean(groupTitle);
  if (!isTypeDefaultTitle(title)) return title;
  const own = payloadTitle(payload);
  if (own) return own;
  return title ? `${title} (alert group ${groupId})` : `Alert group ${groupId}`;
}

/** The alert's own message: formatted webhook or e-mail `message`, Alertmanager description, manual alert. */
export function alertGroupMessage(payload: unknown): string {
  const p = record(payload);
  const candidates = [
    p.message,
    record(p.commonAnnotations).description,
    record(p.annotations).description,
    record(firstAlert(p).annotations).description,
    record(p.oncall).message,
  ];
  const found = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
  return typeof found === 'string' ? found.trim().slice(0, MAX_MESSAGE) : '';
}
