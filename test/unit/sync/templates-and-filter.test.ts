/** Field templates (bridge.md §8.2) and the incident filter (§8.3), without Temporal. */
import { FieldMappingSchema, IncidentFilterSchema } from '../../../src/admin/field-schemas';
import { businessRuleOutdated, incidentMatches } from '../../../src/sync/incident-filter';
import { renderTemplate, templateProblem } from '../../../src/sync/templates';

const context = { alert_group: { title: 'Disk full', labels: { severity: 'critical', team: 'Network' } } };

describe('field templates', () => {
  it.each([
    ["{% if alert_group.labels.severity == 'critical' %}1{% else %}2{% endif %}", '1'],
    ["{{ 1 if alert_group.labels.severity == 'critical' else 2 }}", '1'],
    ["{{ alert_group.labels.team | default('Service Desk') }}", 'Network'],
    ["{{ alert_group.labels.owner | default('Service Desk') }}", 'Service Desk'],
    ['{{ alert_group.title | upper }}', 'DISK FULL'],
  ])('renders Jinja2 %s as %s', (template, expected) => {
    expect(renderTemplate(template, context)).toEqual({ ok: true, value: expected });
  });

  it('reaches nothing outside its context (no host Function, no process)', () => {
    const escape = "{{ range.constructor('return typeof process + typeof require')() }}";
    expect(renderTemplate(escape, context)).toEqual({ ok: true, value: 'undefinedundefined' });
  });

  it('stops a runaway loop and refuses an oversized result', () => {
    expect(renderTemplate('{% for i in range(100000000) %}x{% endfor %}', {})).toEqual({
      ok: false,
      problem: expect.stringContaining('took longer'),
    });
    expect(renderTemplate('{{ long }}', { long: 'x'.repeat(5000) })).toEqual({
      ok: false,
      problem: expect.stringContaining('more than'),
    });
  });

  it('says where a template does not parse', () => {
    expect(templateProblem('{% if %}x{% endif %}')).toMatch(/Line 1, Column \d+/);
    expect(templateProblem('{{ alert_group.title }}')).toBeUndefined();
  });

  it('finds an unknown filter when rendering', () => {
    expect(renderTemplate('{{ x | nosuchfilter }}', {})).toEqual({
      ok: false,
      problem: expect.stringMatching(/filter not found/),
    });
  });

  it('refuses a bad template, a bridge-owned field and an updateOnChange without template, naming each', () => {
    const parsed = FieldMappingSchema.safeParse({
      incident: { urgency: '{{ oops', state: '1', impact: '{% endif %}' },
      updateOnChange: ['category'],
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths.sort()).toEqual(['incident.impact', 'incident.state', 'incident.urgency', 'updateOnChange.0']);
  });
});

describe('incident filter', () => {
  const incident = {
    priority: { value: '2', display: '2 - High' },
    assignment_group: { value: 'a'.repeat(32), display: 'Network' },
  };

  it('matches by value, and by display value through a dot-walk', () => {
    expect(incidentMatches('priority<=2^assignment_group.name=Network', incident)).toBe(true);
    expect(incidentMatches('priority<=1', incident)).toBe(false);
    expect(incidentMatches('priority=1^ORassignment_group.name=Network', incident)).toBe(true);
    expect(incidentMatches('', incident)).toBe(true);
  });

  it('refuses a malformed condition with the term and its position', () => {
    const parsed = IncidentFilterSchema.safeParse({ condition: 'priority<=2^bogus term' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/term 2 at character 13/);
  });

  it('needs the rule re-issued only for fields the rule does not send', () => {
    expect(businessRuleOutdated('priority<=2^assignment_group.name=Network', [])).toBe(false);
    expect(businessRuleOutdated('u_region=EU', [])).toBe(true);
    expect(businessRuleOutdated('u_region=EU', ['u_region'])).toBe(false);
  });
});
