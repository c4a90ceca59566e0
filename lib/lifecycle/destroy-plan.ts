/**
 * Which stacks a destroy runs, in which order, and whether the provider may go: deleting a Private
 * Link Service fails while private endpoints are still connected to it (reported in
 * hashicorp/terraform-provider-azurerm#18328), leaving a half-destroyed provider; the consumers'
 * state files show those endpoints before Terraform runs.
 * The cdktf CLI passes the app neither the command nor its stacks (cli-core synth-stack.ts sets only
 * CDKTF_OUTDIR and the context), so this is checked by `npm run destroy`/`retire`, not by synth.
 */
import { dependentsOf, destroyOrder } from './stack-order';
import { DeployedResource, SynthesizedStack, localStateStacks, readLocalState, readManifest, stateLocation } from './stack-state';
import { shellQuote } from '../shell/shell-quote';
import { toolCommand } from '../shell/tool-command';

/** Why a stack cannot be destroyed yet: another stack still uses it, or a state cannot be read. */
export interface Blocker {
  readonly stack: string;
  /** The stack that uses it (a consumer), to destroy first; or the stack whose state cannot be read. */
  readonly by: string;
  readonly reason: string;
  /** Set when `by`'s local state file cannot be read or parsed: the file, to repair before anything is destroyed. */
  readonly unreadableState?: string;
}

export interface DestroyPlan {
  /** The stacks to destroy, consumers before their provider. */
  readonly order: string[];
  readonly blockers: Blocker[];
  /** Requested stacks the manifest does not list. */
  readonly unknown: string[];
}

/** Plans destroying `requested` (every synthesized stack when empty) from the app synthesized into `outdir`. */
export function planDestroy(outdir: string, requested: readonly string[]): DestroyPlan {
  const stacks = readManifest(outdir);
  const names = requested.length > 0 ? [...new Set(requested)] : stacks.map((s) => s.name);
  const unknown = names.filter((name) => !stacks.some((s) => s.name === name));
  const order = destroyOrder(stacks, names.filter((name) => !unknown.includes(name)));
  const blockers = order.flatMap((stack, i) => blockersOf(outdir, stacks, stack, order.slice(0, i)));
  return { order, blockers, unknown };
}

/**
 * Consumers that still hold a private endpoint connected to a PLS in `stack`'s state, other than
 * those destroyed before it (`destroyedBefore`). A remote state cannot be read offline: a consumer
 * of `stack` with one blocks it unless it is destroyed first, which is harmless when it is empty.
 */
export function blockersOf(outdir: string, stacks: readonly SynthesizedStack[], stack: string, destroyedBefore: readonly string[]): Blocker[] {
  const dependents = dependentsOf(stacks, stack);
  const own = stateLocation(outdir, stack);
  let services: { aliases: string[]; ids: string[] } | undefined;
  if (own.kind === 'local') {
    const ownState = readLocalState(own.file);
    // Fail closed: a state that cannot be read may record a Private Link Service with endpoints connected.
    if (ownState.unreadable) return [unreadableBlocker(stack, stack, own.file, ownState.problem)];
    const links = ownState.resources.filter((r) => r.type === 'azurerm_private_link_service');
    if (links.length === 0) return [];
    services = { aliases: links.map((r) => String(r.attributes.alias ?? '')), ids: links.map((r) => String(r.attributes.id ?? '')) };
  }
  const candidates = [...new Set([...dependents, ...localStateStacks(outdir)])].filter((c) => c !== stack && !destroyedBefore.includes(c)).sort();
  const blockers: Blocker[] = [];
  for (const consumer of candidates) {
    const location = stateLocation(outdir, consumer);
    if (location.kind === 'remote') {
      if (dependents.includes(consumer)) {
        blockers.push({ stack, by: consumer, reason: `its state is in the ${location.backend} backend, which cannot be read offline; it may hold a private endpoint connected to ${stack}` });
      }
      continue;
    }
    const state = readLocalState(location.file);
    if (state.unreadable) {
      // It may hold an endpoint connected to `stack`: never guess that it does not.
      blockers.push(unreadableBlocker(stack, consumer, location.file, state.problem));
      continue;
    }
    const connected = state.resources.filter(
      (r) => r.type === 'azurerm_private_endpoint' && (services ? connectsTo(r, services) : dependents.includes(consumer)),
    );
    if (connected.length > 0) {
      blockers.push({ stack, by: consumer, reason: `its state holds the private endpoint ${connected.map((r) => String(r.attributes.name ?? r.name)).join(', ')}, connected to ${stack}'s Private Link Service` });
    }
  }
  return blockers;
}

function unreadableBlocker(stack: string, by: string, file: string, problem: string | undefined): Blocker {
  return {
    stack,
    by,
    unreadableState: file,
    reason: `the state file ${file} of ${by} cannot be read or parsed (${problem ?? 'unknown problem'}), so nobody can tell what it still holds`,
  };
}

/** What to do about a state file that cannot be read, for a person. */
export function unreadableStateFix(file: string): string {
  return (
    `Repair ${file} before destroying anything: Terraform keeps its previous copy beside it (${file}.backup); ` +
    'restore that (or your own copy), check it with `terraform show -json ' + shellQuote(file) + '`, then run this again. ' +
    'Do not delete the file: it is the only record of what that stack deployed.'
  );
}

function connectsTo(endpoint: DeployedResource, services: { aliases: string[]; ids: string[] }): boolean {
  const connections = (endpoint.attributes.private_service_connection as Record<string, unknown>[] | undefined) ?? [];
  return connections.some(
    (c) =>
      services.aliases.includes(String(c.private_connection_resource_alias ?? '')) ||
      services.ids.some((id) => id !== '' && id.toLowerCase() === String(c.private_connection_resource_id ?? '').toLowerCase()),
  );
}

/** Refuses a destroy that Azure would fail half-way, with the command that works. */
export class DestroyRefusedError extends Error {
  constructor(plan: DestroyPlan, known: readonly string[]) {
    const lines: string[] = [];
    for (const name of plan.unknown) lines.push(`  - ${name}: not a stack of cdktf.out/manifest.json (${known.join(', ') || 'none'}): run ${toolCommand('synth')}, or check the name`);
    for (const b of plan.blockers) lines.push(b.unreadableState ? `  - ${b.stack}: ${b.reason}` : `  - ${b.stack}: ${b.by} first: ${b.reason}`);
    const unreadable = [...new Set(plan.blockers.flatMap((b) => (b.unreadableState ? [b.unreadableState] : [])))];
    const first = [...new Set(plan.blockers.filter((b) => !b.unreadableState).map((b) => b.by))];
    const gone = first.filter((stack) => !known.includes(stack));
    const fix =
      (first.length > 0 ? `\nDestroy the consumers first, in one command (each is destroyed before the provider):\n    ${toolCommand('destroy', [...first, ...plan.order])}` : '') +
      (gone.length > 0 ? `\n${gone.join(', ')} ${gone.length === 1 ? 'is' : 'are'} no longer in cdktf.out: put ${gone.length === 1 ? 'it' : 'them'} back in the configuration and run ${toolCommand('synth')} first.` : '');
    const repair = unreadable.map((file) => `\n${unreadableStateFix(file)}`).join('');
    super(`refused, nothing was destroyed:\n${lines.join('\n')}${repair}${fix}`);
    this.name = 'DestroyRefusedError';
  }
}
