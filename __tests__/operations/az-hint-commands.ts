/**
 * The `az` commands our hints tell people to run name the resource they act on. Found by
 * `npm run check:az` (the real CLI refused them): "az vm get-instance-view --query ..." and
 * "az network private-endpoint show" had neither -g/-n nor --ids. The real CLI's own check runs in
 * check:az; this is the part that runs with npm test.
 */
import { extractAzCommands } from '../../checkers/azure-cli/az-commands';
import { hintForAzError } from '../../lib/probe/az-executor';
import { Executor, HostRef } from '../../lib/probe/executor';
import { probe } from '../../lib/probe/probe';
import { target } from '../helpers/probe-target';

/** Commands on one named resource: the CLI needs -g and -n (or --ids) for each. */
const ON_ONE_RESOURCE = [['vm', 'get-instance-view'], ['vm', 'start'], ['vm', 'show'], ['network', 'private-endpoint', 'show']];

function commandsOn(text: string) {
  return extractAzCommands(text, 'hint').filter((c) => ON_ONE_RESOURCE.some((words) => words.every((w, i) => c.argv[i] === w)));
}

const namesItsResource = (argv: string[]) => argv.includes('--ids') || (['-g', '--resource-group'].some((o) => argv.includes(o)) && ['-n', '--name'].some((o) => argv.includes(o)));

test.each([
  '(VMAgentStatusCommunicationError) VM has reported a failure',
  "Operation 'runCommand' is not allowed on VM 'vm-a' since the VM is deallocated",
])('the hint for "%s" holds a command that names its VM', (stderr) => {
  const commands = commandsOn(hintForAzError(stderr));
  expect(commands.length).toBeGreaterThan(0);
  for (const command of commands) expect(namesItsResource(command.argv)).toBe(true);
});

test('the hint of a failed connection names the private endpoint it asks to show', async () => {
  const silent: Executor = { run: async (_host: HostRef) => '' };
  const result = await probe(target, silent);
  const commands = commandsOn(result.checks[0].hint ?? '');
  expect(commands.map((c) => c.argv.slice(0, 3))).toEqual([['network', 'private-endpoint', 'show']]);
  expect(namesItsResource(commands[0].argv)).toBe(true);
});
