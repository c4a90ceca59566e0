/**
 * Every value we put into a shell command is quoted: a configuration whose names use every
 * character Azure allows in them (resource groups: letters, digits, "_", "-", ".", "(" and ")"),
 * and every command it outputs or prints as a hint, parsed by `bash -n`.
 */
import { spawnSync } from 'child_process';
import { rejectCommand } from '../../lib/approval/approve';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { DestroyRefusedError, unreadableStateFix } from '../../lib/lifecycle/destroy-plan';
import { RunProgress, renderReport, renderWhatIsLeft } from '../../lib/lifecycle/end-to-end';
import { RetireFirstError } from '../../lib/lifecycle/retired-stacks';
import { commandLine, stepCommand } from '../../lib/lifecycle/steps';
import { hintForAzError } from '../../lib/probe/az-executor';
import { hintForPlsError } from '../../lib/approval/pls-client';
import { shellQuote } from '../../lib/shell/shell-quote';
import { NATIVE_COMMAND_SEPARATOR } from '../../lib/stacks/operator-outputs';
import { synth } from '../helpers/synth';

/** Every character a resource group name may hold (but a final "."): https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules */
const PROVIDER_RG = 'rg-(provider).net_1';
const CONSUMER_RG = 'rg.(team)-a_2';
const SUB = '22222222-2222-2222-2222-222222222222';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLEexampleEXAMPLEexampleEXAMPLEexample0 ops@example';

const config: DoubleNatConfig = {
  provider: {
    resourceGroupName: PROVIDER_RG,
    // VM and Bastion names allow ".", "_" and "-" (no parentheses); the Linux host name only "-".
    backendVms: [{ name: 'web.1_a', computerName: 'web-1', os: 'linux', adminSshPublicKey: KEY } as never],
    operatorAccess: { sku: 'Standard', nativeClient: true, name: 'bastion.b_1' },
  },
  consumers: [
    {
      name: 'team-a',
      subscriptionId: SUB,
      resourceGroupName: CONSUMER_RG,
      privateEndpoint: { manualApproval: true },
      operatorAccess: { sku: 'Standard', nativeClient: true, name: 'bastion-a.x_2' },
    },
  ],
};

/** bash parses `command` (exit 0 of `bash -n`). */
function parses(command: string): { status: number | null; stderr: string } {
  const run = spawnSync('bash', ['-n', '-c', command], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

/** A Terraform reference as Azure resolves it at deploy: an id that holds the resource group's name. */
const resolved = (text: string) => text.replace(/\$\{[^}]*\}/g, `/subscriptions/${SUB}/resourceGroups/${PROVIDER_RG}/providers/Microsoft.Compute/virtualMachines/web.1_a`);

describe('shellQuote', () => {
  test.each([
    ['plain', 'rg-double-nat_1.x', 'rg-double-nat_1.x'],
    ['parentheses', 'rg-(a)', "'rg-(a)'"],
    ['a quote', "it's", "'it'\\''s'"],
    ['Unicode letters and digits', 'rg-ñandú-٣', "'rg-ñandú-٣'"],
    ['empty', '', "''"],
    ['an assignment-looking word', 'a=b', "'a=b'"],
    ['a Terraform reference', '${azurerm_linux_virtual_machine.vm.id}', "'${azurerm_linux_virtual_machine.vm.id}'"],
  ])('%s', (_case, value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
    // bash reads it back as exactly one word, the value itself.
    const echoed = spawnSync('bash', ['-c', `printf '%s\\0' ${quoted}`], { encoding: 'utf8' });
    expect(echoed.stdout).toBe(`${value}\0`);
  });
});

describe('a configuration using every character Azure allows in names', () => {
  const { stacks } = synth(config);
  /** Every output that holds a command: the approve command, the Bastion native-client commands, the checks to run on VMs. */
  const commands = Object.entries(stacks).flatMap(([stack, json]) =>
    Object.entries(json.output ?? {}).flatMap(([name, out]) => {
      const value = String((out as { value: unknown }).value);
      if (name.endsWith('_bastion_connect')) return value.includes(NATIVE_COMMAND_SEPARATOR) ? [[`${stack}.${name}`, value.split(NATIVE_COMMAND_SEPARATOR)[1]]] : [];
      if (/_command$|_check$|^rdp_target$/.test(name)) return [[`${stack}.${name}`, value]];
      return [];
    }),
  );

  test('finds the commands', () => {
    expect(commands.map(([name]) => name).sort()).toEqual([
      'double-nat-provider.approve_pending_connections_command',
      'double-nat-provider.vm_b_bastion_connect',
      'double-nat-team-a.rdp_target',
      'double-nat-team-a.vm_a_bastion_connect',
      'double-nat-team-a.vm_b_peer_check',
    ]);
  });

  test('every command output parses, with the names in one word each, also once Terraform resolved the references', () => {
    for (const [name, command] of commands) {
      expect({ name, ...parses(resolved(command)) }).toEqual({ name, status: 0, stderr: '' });
    }
    const providerConnect = commands.find(([name]) => name === 'double-nat-provider.vm_b_bastion_connect')![1];
    expect(providerConnect).toContain(`--name bastion.b_1 --resource-group '${PROVIDER_RG}' --target-resource-id '\${azurerm_linux_virtual_machine.`);
    expect(commands.find(([name]) => name === 'double-nat-team-a.vm_a_bastion_connect')![1]).toContain(`--resource-group '${CONSUMER_RG}'`);
  });

  test('every hint that prints a command parses', () => {
    const leftovers = [
      { stack: 'double-nat-team-a', resourceGroup: CONSUMER_RG, subscription: SUB, why: 'its destroy failed' },
      { stack: 'double-nat-provider', resourceGroup: PROVIDER_RG, why: 'not destroyed' },
    ];
    const progress = new RunProgress();
    progress.outdir = '.e2e/run (1)/cdktf.out';
    progress.attempted.push('double-nat-provider', 'double-nat-team-a');
    progress.stacks.set('double-nat-provider', { resourceGroup: PROVIDER_RG });
    progress.stacks.set('double-nat-team-a', { resourceGroup: CONSUMER_RG, subscription: SUB });
    const report = renderReport({ passed: false, leftovers, cleanupCommand: 'npm run destroy -- x' }, 'e2eabc123');
    const told = renderWhatIsLeft(progress, 'e2eabc123');
    const host = { name: 'web.1_a', resourceGroup: PROVIDER_RG, os: 'linux' as const, subscription: SUB };
    const pls = { resourceGroup: PROVIDER_RG, name: 'pls-b', subscription: SUB };
    const inParentheses = (hint: string) => hint.slice(hint.indexOf('(az ') + 1, hint.lastIndexOf(')'));
    const afterColon = (hint: string) => hint.slice(hint.lastIndexOf(': ') + 2);
    const linesOf = (text: string) => text.split('\n').filter((l) => /^\s*(az|npm) /.test(l) || /: (npm|az) /.test(l)).map((l) => l.replace(/^.*?: (?=(npm|az) )/, '').trim());
    const hints: [string, string][] = [
      ...linesOf(report).map((c): [string, string] => ['e2e report', c]),
      ...linesOf(told).map((c): [string, string] => ['e2e interrupt', c]),
      ['reject', rejectCommand(pls, 'conn.(1)')],
      ['verify: not found', inParentheses(hintForAzError('(ResourceNotFound) was not found', host))],
      ['verify: VM stopped', afterColon(hintForAzError('VM is deallocated', host))],
      ['verify: agent', hintForAzError('(VMAgentStatusCommunicationError) VM has reported a failure', host).replace(/^.*check it with /, '')],
      ['approve: not found', inParentheses(hintForPlsError('(ResourceNotFound) was not found', pls))],
      ['step', commandLine(stepCommand({ kind: 'destroy', stack: 'double-nat-team-a' }, { outdir: '.e2e/run (1)/cdktf.out', configFile: "it's (1).json" }))],
      ['repair', /`(terraform show[^`]*)`/.exec(unreadableStateFix('/tmp/state (1)/terraform.x.tfstate'))![1]],
    ];
    expect(hints.filter(([what]) => what === 'e2e report').length).toBeGreaterThanOrEqual(4);
    expect(hints.filter(([what]) => what === 'e2e interrupt').length).toBeGreaterThanOrEqual(3);
    for (const [what, command] of hints) expect({ what, command, ...parses(command) }).toEqual({ what, command, status: 0, stderr: '' });
    expect(report).toContain(`az group delete --name '${CONSUMER_RG}' --yes --subscription ${SUB}`);
    expect(told).toContain(`az group delete --name '${PROVIDER_RG}' --yes`);
    // The destroy guard's and synth's retire commands name stacks, quoted by the same helper.
    const refused = new DestroyRefusedError({ order: ['double-nat-provider'], blockers: [{ stack: 'double-nat-provider', by: 'double-nat-team-a', reason: 'r' }], unknown: [] }, ['double-nat-provider', 'double-nat-team-a']).message;
    expect(parses(/npm run destroy -- .*/.exec(refused)![0]).status).toBe(0);
    const retire = new RetireFirstError([{ stack: 'double-nat-team-b', evidence: 'e', folderExists: true }]).message;
    expect(parses(/npm run retire -- .*/.exec(retire)![0]).status).toBe(0);
  });
});
