/**
 * Masks credentials in text that leaves the process (error answers, failure messages, log lines). An
 * upstream system may echo a credential in any encoding it received or re-serialised it in, so each secret
 * is masked in every form it can take there: as is, JSON-escaped (also with `\/`), URL- and form-encoded,
 * HTML-escaped, and base64 (standard and URL-safe alphabet, at any of the three alignments inside a longer
 * encoded text, as `Basic base64(user:password)` carries a password).
 */

const MASK = '[redacted]';

/** Secrets shorter than this are not masked: they would mask ordinary words. */
const MIN_LENGTH = 4;

/** Every form of `secret` to mask, longest first so a longer form is masked before a part of it. */
export function credentialForms(secret: string): string[] {
  if (secret.length < MIN_LENGTH) return [];
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  const forms = new Set<string>([
    secret,
    json,
    json.replace(/\//g, '\\/'),
    url,
    url.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    htmlEscaped(secret),
    ...base64Cores(secret),
  ]);
  return [...forms].filter((form) => form.length >= MIN_LENGTH).sort((a, b) => b.length - a.length);
}

/** A function that masks every form of every secret; the forms are computed once. */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap(credentialForms))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(MASK);
    return out;
  };
}

/** Replaces every form of each secret with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  return redactor(secrets)(text);
}

/**
 * The base64 characters that depend only on the secret, for each of the three byte offsets at which it can
 * start inside a longer encoded value (a prefix such as `user:` shifts it).
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    // Characters that mix in the zero prefix, or the bytes after the secret, are left out.
    const start = Math.ceil((offset * 4) / 3);
    const end = Math.floor((padded.length * 4) / 3);
    const core = encoded.slice(start, end);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    if (offset === 0) cores.push(padded.toString('base64'));
  }
  return cores;
}

function htmlEscaped(secret: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return secret.replace(/[&<>"']/g, (c) => entities[c]!);
}
