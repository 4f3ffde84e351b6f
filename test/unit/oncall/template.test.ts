import { passesTriggerTemplate, renderTemplate } from '../../../src/emulators/oncall/webhooks/template';

const bot = { user: { id: 'UBOT', username: 'bot', email: 'b@x' } };
const alice = { user: { id: 'UALICE', username: 'alice', email: 'a@x' } };
const nobody = { user: null };

describe('trigger template evaluator', () => {
  it.each([
    "{{ user is none or user.id != 'UBOT' }}",
    "{{ user.id != 'UBOT' }}",
    '{{ not user or user.id != "UBOT" }}',
  ])('%s suppresses the bot, passes others and null users', (template) => {
    expect(passesTriggerTemplate(template, bot)).toBe(false);
    expect(passesTriggerTemplate(template, alice)).toBe(true);
    expect(passesTriggerTemplate(template, nobody)).toBe(true);
  });
  it('passes without a template and fails on a non-true rendering', () => {
    expect(passesTriggerTemplate(null, bot)).toBe(true);
    expect(passesTriggerTemplate('{{ user.username }}', bot)).toBe(false);
    expect(passesTriggerTemplate('1', bot)).toBe(true);
  });
  it('renders url templates', () => {
    expect(renderTemplate('https://x/{{ alert_group_id }}/{{ user.id }}', { alert_group_id: 'I1', ...alice })).toBe(
      'https://x/I1/UALICE',
    );
  });
});
