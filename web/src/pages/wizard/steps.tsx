/** Where the person is in the setup: the seed's steps, in its order. */
export const WIZARD_STEPS = [
  'Name',
  'ServiceNow connection',
  'OnCall and webhooks',
  'State mapping',
  'Business Rule',
] as const;

export function WizardSteps({ current }: { current: number }) {
  return (
    <ol class="wizard-steps" aria-label="Setup steps">
      {WIZARD_STEPS.map((name, i) => (
        <li
          key={name}
          class={i === current ? 'current' : i < current ? 'done' : ''}
          aria-current={i === current ? 'step' : undefined}
        >
          <span class="step-number">{i + 1}</span> {name}
          {i < current ? <span class="visually-hidden"> (done)</span> : null}
        </li>
      ))}
    </ol>
  );
}
