/**
 * The `az` commands the project prints for people to run, collected at run time from what the code
 * produced: every string output of every synthesized stack (the Bastion connect command, the approval
 * command), what approve and verify printed (hints), and the end-to-end report's cleanup commands.
 */
import { renderReport } from '../../lib/lifecycle/end-to-end';
import { Stacks } from '../../lib/topology/read-synth';
import { Topology } from '../../lib/topology/model';
import { PrintedAzCommand, extractAzCommands } from './az-commands';

/** `az` commands in the stacks' Terraform outputs (strings, or strings inside lists and maps). */
export function commandsInOutputs(stacks: Stacks): PrintedAzCommand[] {
  const found: PrintedAzCommand[] = [];
  for (const [stack, json] of Object.entries(stacks)) {
    const outputs = ((json as { output?: Record<string, { value?: unknown }> }).output ?? {}) as Record<string, { value?: unknown }>;
    for (const [name, output] of Object.entries(outputs)) {
      for (const text of strings(output.value)) found.push(...extractAzCommands(text, `output ${stack}.${name}`));
    }
  }
  return found;
}

/** The commands the end-to-end run prints when it could not clean up, for this topology's groups. */
export function commandsInEndToEndReport(topology: Topology): PrintedAzCommand[] {
  const leftovers = [topology.provider, ...topology.consumers].map((side) => ({ stack: side.stack, resourceGroup: side.resourceGroup, why: 'destroy failed' }));
  const text = renderReport({ passed: false, failure: 'destroy', leftovers, cleanupCommand: 'npm run destroy' }, 'e2e0check');
  return extractAzCommands(text, 'npm run e2e report (leftovers)');
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
