/**
 * A stand-in for the `java.lang.String` that Rhino hands a global-scope script from many GlideSystem and
 * GlideElement getters. It is an object, so `===` with a JS string is false and `typeof` is 'object';
 * `==`, `+` and `String()` see its text through valueOf/toString; it carries a few Java methods
 * (`equals`, `length()`, `contains`...); `JSON.stringify` does not give its text (its methods are not
 * enumerable, so it serialises as `{}`). Like the other sandbox builders, it runs inside the rule worker
 * from its source text, so it must not reference anything outside its own body.
 */
export function makeJavaString(value: string): object {
  // Scripts pass JS strings, numbers or other Java strings, whose toString() is their text.
  /* eslint-disable @typescript-eslint/no-base-to-string */
  const methods = {
    toString: () => value,
    valueOf: () => value,
    equals: (other: unknown) => other !== null && other !== undefined && String(other) === value,
    equalsIgnoreCase: (other: unknown) =>
      other !== null && other !== undefined && String(other).toLowerCase() === value.toLowerCase(),
    length: () => value.length,
    isEmpty: () => value.length === 0,
    contains: (part: unknown) => value.indexOf(String(part)) !== -1,
    indexOf: (part: unknown) => value.indexOf(String(part)),
    startsWith: (part: unknown) => value.indexOf(String(part)) === 0,
    trim: () => value.trim(),
  };
  /* eslint-enable @typescript-eslint/no-base-to-string */
  const javaString = Object.create(null) as Record<string, unknown>;
  for (const [name, method] of Object.entries(methods)) {
    Object.defineProperty(javaString, name, { value: method, enumerable: false });
  }
  return javaString;
}
