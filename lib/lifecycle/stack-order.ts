/**
 * The order stacks deploy and are destroyed in: a consumer reads the provider's outputs, so the
 * provider deploys first; a PLS with endpoints still connected cannot be deleted, so consumers are
 * destroyed first.
 */
import { SynthesizedStack } from './stack-state';

/** `names` in deploy order: every stack after the stacks it depends on; otherwise as given. */
export function deployOrder(stacks: readonly SynthesizedStack[], names: readonly string[]): string[] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const ordered: string[] = [];
  const visit = (name: string, trail: string[]) => {
    if (ordered.includes(name) || !names.includes(name)) return;
    if (trail.includes(name)) throw new Error(`stacks depend on each other in a cycle: ${[...trail, name].join(' → ')}`);
    for (const dependency of byName.get(name)?.dependencies ?? []) visit(dependency, [...trail, name]);
    ordered.push(name);
  };
  names.forEach((name) => visit(name, []));
  return ordered;
}

/** `names` in destroy order: every stack before the stacks it depends on. */
export function destroyOrder(stacks: readonly SynthesizedStack[], names: readonly string[]): string[] {
  return deployOrder(stacks, names).reverse();
}

/** The stacks that read from `name` (for the provider: its consumers). */
export function dependentsOf(stacks: readonly SynthesizedStack[], name: string): string[] {
  return stacks.filter((s) => s.dependencies.includes(name)).map((s) => s.name);
}
