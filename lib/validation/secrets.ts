/**
 * Secrets never reach a message: a problem's value is hidden when its setting carries a secret, or
 * when it sits under one, and secrets nested in a larger value are hidden inside it. Nothing here
 * knows the configuration file's format: the secret settings are the library's own props.
 */

/** What a message shows instead of a secret. */
export const HIDDEN = '(hidden)';

/**
 * The props that carry a secret: those marked `@writeOnly` in the library's types (`VmSettings`), and
 * so in the configuration schema generated from them, where a test holds this list against it
 * (config/config-file.ts). A new secret prop is marked `@writeOnly` and named here.
 */
export const SECRET_SETTINGS: readonly string[] = ['adminPassword'];

/**
 * Keys that look like a secret though no type declares them, e.g. a misspelt "adminPasword" or an
 * invented "password". Not the defence against a misspelt secret (an unknown key's value is never
 * printed at all: config/known-settings.ts); a second line for values code passes in.
 */
const SECRET_LOOKING = /pa?s+w|pwd|secret|token|credential/i;

export function isSecretKey(key: string): boolean {
  return SECRET_SETTINGS.includes(key) || SECRET_LOOKING.test(key);
}

/** True when a prop path ("backendVms[0].adminPassword.value") goes through a secret setting. */
export function isSecretPath(prop: string): boolean {
  return prop.split(/[.[\]]+/).some((segment) => segment !== '' && isSecretKey(segment));
}

/** The value to show for `prop`: hidden under a secret, else with any nested secret hidden. */
export function redactValue(prop: string, value: unknown): unknown {
  if (isSecretPath(prop)) return value === undefined ? undefined : HIDDEN;
  return hideNested(value);
}

function hideNested(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hideNested);
  // Plain data only: a problem's value is JSON from the configuration or props, never a graph.
  if (typeof value !== 'object' || value === null) return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, isSecretKey(key) ? HIDDEN : hideNested(child)]),
  );
}
