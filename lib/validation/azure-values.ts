/**
 * Rules for values Azure takes in a fixed form: regions, VM sizes, subscription and tenant ids, tags.
 */
import { ProblemList } from './problems';
import { isToken } from './tokens';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

export function checkGuid(problems: ProblemList, prop: string, value: unknown, what: string): void {
  problems.check(isToken(value) || isGuid(value), prop, value, `a ${what} GUID such as 00000000-0000-0000-0000-000000000000`);
}

/**
 * Regions in the form ARM uses in resource ids and the CLI prints (`az account list-locations`):
 * lower case letters and digits, e.g. "japaneast". Display names ("Japan East") are refused with a hint.
 */
export function checkLocation(problems: ProblemList, prop: string, value: unknown): void {
  if (isToken(value) || (typeof value === 'string' && /^[a-z][a-z0-9]*$/.test(value))) return;
  const hint = typeof value === 'string' ? value.toLowerCase().replace(/\s+/g, '') : '';
  problems.add(
    prop,
    value,
    `an Azure region name in lower case without spaces, e.g. "japaneast"` +
      (hint && /^[a-z][a-z0-9]*$/.test(hint) ? ` (did you mean "${hint}"?)` : ''),
  );
}

/** VM sizes as Azure names them: Standard_B2s, Standard_D2s_v5, Standard_M416-208ms_v2. */
export function checkVmSize(problems: ProblemList, prop: string, value: unknown): void {
  problems.check(
    typeof value === 'string' && /^(Standard|Basic)_[A-Za-z0-9]+([_-][A-Za-z0-9]+)*$/.test(value),
    prop,
    value,
    'a VM size name such as "Standard_B2s" or "Standard_D2s_v5" (see `az vm list-sizes`)',
  );
}

/**
 * Tags: at most 50 per resource, names 1-512 characters without <>%&\?/, values at most 256 characters.
 * https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
 */
export function checkTags(problems: ProblemList, prop: string, tags: unknown): void {
  if (tags === undefined) return;
  if (!problems.check(typeof tags === 'object' && tags !== null && !Array.isArray(tags), prop, tags, 'an object of tag names to string values')) {
    return;
  }
  const entries = Object.entries(tags as Record<string, unknown>);
  problems.check(entries.length <= 50, prop, `${entries.length} tags`, 'at most 50 tags');
  for (const [name, value] of entries) {
    problems.check(name.length >= 1 && name.length <= 512 && !/[<>%&\\?/]/.test(name), `${prop}.${name}`, name, 'a tag name of 1-512 characters without < > % & \\ ? /');
    problems.check(typeof value === 'string' && value.length <= 256, `${prop}.${name}`, value, 'a string of at most 256 characters');
  }
}
