/**
 * Generates the Business Rule (bridge.md §5): the exact values of ServiceNow's form, the script with a
 * copy button. The script holds a fresh token and is shown only in this answer; generating again revokes
 * the previous token, so the page says so before the button is pressed.
 */
import { useState } from 'preact/hooks';
import { api, seg } from '../../api';
import type { BusinessRuleAnswer, IntegrationResource } from '../../api-types';
import { Button, ErrorNote, StatusNote } from '../../components/form';
import { useAction } from '../../components/load';
import { when } from '../../format';

export function BusinessRuleIssuer({ integration }: { integration: IntegrationResource }) {
  const issue = useAction();
  const [rule, setRule] = useState<BusinessRuleAnswer | undefined>(undefined);
  const [copied, setCopied] = useState<string | null>(null);
  const generate = async () => {
    setCopied(null);
    const answer = await issue.run(() =>
      api<BusinessRuleAnswer>('POST', `/api/v1/integrations/${seg(integration.id)}/business-rule`),
    );
    if (answer) setRule(answer);
  };
  const copy = async () => {
    if (!rule) return;
    try {
      await navigator.clipboard.writeText(rule.script);
      setCopied('Script copied to the clipboard.');
    } catch {
      setCopied('The browser did not allow copying: select the script and copy it by hand.');
    }
  };
  return (
    <div>
      {integration.businessRuleIssuedAt ? (
        <p class="warning">
          A Business Rule was generated {when(integration.businessRuleIssuedAt)}. Generating again revokes its token:
          replace the script in ServiceNow with the new one.
        </p>
      ) : null}
      {integration.businessRuleOutdated ? (
        <p class="warning" role="note">
          The incident filter reads a field this Business Rule does not send: generate it again and replace the script
          in ServiceNow.
        </p>
      ) : null}
      <div class="actions">
        <Button kind={rule ? 'plain' : 'primary'} onClick={() => void generate()} busy={issue.busy}>
          Generate Business Rule script
        </Button>
      </div>
      <ErrorNote error={issue.error} />
      {rule ? <RuleForm rule={rule} copy={() => void copy()} copied={copied} /> : null}
    </div>
  );
}

function RuleForm({ rule, copy, copied }: { rule: BusinessRuleAnswer; copy: () => void; copied: string | null }) {
  const yes = 'checked';
  const values: [string, string][] = [
    ['Name', rule.rule.name],
    ['Table', `Incident [${rule.rule.table}]`],
    ['Active', yes],
    ['Advanced', yes],
    ['When', rule.rule.when],
    ['Insert', rule.rule.insert ? yes : 'unchecked'],
    ['Update', rule.rule.update ? yes : 'unchecked'],
    ['Script (Advanced tab)', 'the script below, replacing what is there'],
  ];
  return (
    <section aria-labelledby="rule-form-title" class="rule">
      <h3 id="rule-form-title">In ServiceNow: System Definition → Business Rules → New</h3>
      <table class="form-values">
        <caption class="visually-hidden">Values of the Business Rule form</caption>
        <thead>
          <tr>
            <th scope="col">Form field</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {values.map(([field, value]) => (
            <tr key={field}>
              <th scope="row">{field}</th>
              <td>
                <code>{value}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>The bridge's instructions</summary>
        <pre class="instructions">{rule.instructions}</pre>
      </details>
      <label for="rule-script">Business Rule script</label>
      <textarea id="rule-script" class="script" readOnly rows={16} value={rule.script} spellcheck={false} />
      <div class="actions">
        <Button kind="primary" onClick={copy}>
          Copy script
        </Button>
      </div>
      <StatusNote text={copied} />
      <p class="hint">This script holds the rule's token and is shown only now. Keep it out of chats and tickets.</p>
    </section>
  );
}
