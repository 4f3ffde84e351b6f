/**
 * OnCall builds an alert group's web permalink by joining the organization's Grafana URL with
 * `a/grafana-oncall-app/alert-groups/<id>` (`UIURLBuilder`); an organization without a Grafana URL gets the
 * relative path alone. An incident gets an absolute link or none, never a broken one.
 */

/** The absolute permalink, completed with the integration's `oncall.uiUrl` when OnCall's is relative. */
export function absolutePermalink(permalink: string | null, uiUrl: string | undefined): string | null {
  if (!permalink) return null;
  if (/^https?:\/\//i.test(permalink)) return permalink;
  if (!uiUrl) return null;
  return `${uiUrl.replace(/\/+$/, '')}/${permalink.replace(/^\/+/, '')}`;
}
