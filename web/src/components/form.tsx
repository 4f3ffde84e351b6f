/** Labelled form controls: every control has a visible label, its hint and its error tied to it for screen readers. */
import type { ButtonHTMLAttributes, ComponentChildren, InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

interface FieldProps {
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'password' | 'url';
  hint?: ComponentChildren;
  /** The problem with this field, shown right under it. */
  error?: string | undefined;
  required?: boolean;
  autoComplete?: string;
  placeholder?: string;
  disabled?: boolean;
}

export function TextField(props: FieldProps) {
  const id = useId();
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? null : <span class="optional"> (optional)</span>}
      </label>
      <Input
        type={props.type ?? 'text'}
        id={id}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        required={props.required}
        autoComplete={props.autoComplete ?? 'off'}
        placeholder={props.placeholder}
        disabled={props.disabled}
        spellcheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
      />
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** Preact's types tie each input `type` to its own attributes (a password field takes no role), hence one branch each. */
function Input({ type, ...rest }: { type: 'text' | 'password' | 'url' } & Omit<InputHTMLAttributes, 'type' | 'role'>) {
  if (type === 'password') return <input type="password" {...rest} />;
  if (type === 'url') return <input type="url" {...rest} />;
  return <input type="text" {...rest} />;
}

export function TextArea(props: Omit<FieldProps, 'type'> & { rows?: number; monospace?: boolean }) {
  const id = useId();
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? null : <span class="optional"> (optional)</span>}
      </label>
      <textarea
        id={id}
        class={props.monospace ? 'mono' : undefined}
        spellcheck={props.monospace ? false : undefined}
        rows={props.rows ?? 3}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
      />
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function Select(props: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: { label: string; value: string }[];
  hint?: string;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onValue(e.currentTarget.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
    </div>
  );
}

/** One choice of a few, as native radio buttons (arrow keys move between them) in a labelled group. */
export function RadioGroup(props: {
  legend: string;
  value: string;
  onValue: (value: string) => void;
  options: { label: string; value: string }[];
}) {
  const name = useId();
  return (
    <fieldset class="radio-group">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} class="radio">
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={props.value === o.value}
            onChange={() => props.onValue(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function Checkbox(props: {
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  hint?: string;
  /** Shown as an on/off switch (same control, announced as a switch). */
  asSwitch?: boolean;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div class="field field-check">
      <input
        id={id}
        type="checkbox"
        role={props.asSwitch ? 'switch' : undefined}
        class={props.asSwitch ? 'switch' : undefined}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChecked(e.currentTarget.checked)}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** A button that shows it is working and cannot be pressed twice meanwhile. */
export function Button(
  props: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; kind?: 'primary' | 'danger' | 'plain' },
) {
  const { busy, kind, children, ...rest } = props;
  return (
    <button
      type="button"
      {...rest}
      class={`button button-${kind ?? 'plain'}`}
      disabled={busy || props.disabled}
      aria-busy={busy ? true : undefined}
    >
      {children}
    </button>
  );
}

/** A problem for the whole form or page, announced at once. */
export function ErrorNote({ error }: { error: { message: string } | undefined | null }) {
  return error ? (
    <p class="error-note" role="alert">
      {error.message}
    </p>
  ) : null;
}

/** A success or progress line, announced politely. */
export function StatusNote({ text }: { text: string | undefined | null }) {
  return (
    <p class="status-note" role="status">
      {text ?? ''}
    </p>
  );
}
