/**
 * The pure parts of `npm run check:az` (checkers/azure-cli): finding `az` commands in printed text,
 * and reading the real CLI's answer. The CLI itself runs only in `npm run check:az` (it needs Python).
 */
import { SAMPLE, extractAzCommands } from '../../checkers/azure-cli/az-commands';
import { parseVerdict } from '../../checkers/azure-cli/parse-verdict';
import { brokenVariant, distinct } from '../../checkers/azure-cli/parser-check';

const argvs = (text: string) => extractAzCommands(text, 'test').map((c) => c.argv);

describe('extractAzCommands', () => {
  test('a command ends at prose, brackets and sentence ends', () => {
    expect(argvs('sign in first: az login (and az account set -s <subscription>)')).toEqual([['login'], ['account', 'set', '-s', SAMPLE.subscription]]);
    expect(argvs('check that it is Approved (az network private-endpoint show), that the NSG admits it')).toEqual([['network', 'private-endpoint', 'show']]);
    expect(argvs('left Pending (reject it with az network private-link-service connection update --connection-status Rejected if you do not know it)')).toEqual([
      ['network', 'private-link-service', 'connection', 'update', '--connection-status', 'Rejected'],
    ]);
    expect(argvs('is that stack deployed? (az vm list -g <group> -o table)')).toEqual([['vm', 'list', '-g', 'sample-group', '-o', 'table']]);
    expect(argvs('Find anything else of this run with: az resource list --tag double-nat-e2e=e2e1 -o table')).toEqual([['resource', 'list', '--tag', 'double-nat-e2e=e2e1', '-o', 'table']]);
  });

  test('shell quoting, variables and Terraform interpolations become one argument each', () => {
    const loop = `pending=$(az network private-link-service show -g 'rg (x)' -n 'pls-b' --query "a[?b=='Pending'].[name, c]" -o tsv) && while read -r c pe; do az network private-link-service connection update -g 'rg (x)' --service-name 'pls-b' -n "$c" --connection-status Approved -o none < /dev/null && echo "approved $pe";; esac`;
    expect(argvs(loop)).toEqual([
      ['network', 'private-link-service', 'show', '-g', 'rg (x)', '-n', 'pls-b', '--query', "a[?b=='Pending'].[name, c]", '-o', 'tsv'],
      ['network', 'private-link-service', 'connection', 'update', '-g', 'rg (x)', '--service-name', 'pls-b', '-n', 'sample-c', '--connection-status', 'Approved', '-o', 'none'],
    ]);
    expect(argvs('or: az network bastion rdp --name bas --resource-group rg --target-resource-id ${azurerm_windows_virtual_machine.vm.id}')).toEqual([
      ['network', 'bastion', 'rdp', '--name', 'bas', '--resource-group', 'rg', '--target-resource-id', SAMPLE.vmId],
    ]);
    expect(argvs('az network bastion ssh --auth-type ssh-key --ssh-key <private key file>')[0].slice(-1)).toEqual([SAMPLE.file]);
  });

  test('text without a command gives none; "az" inside a word is no command', () => {
    expect(argvs('the hazard of a blaze: Azure, az, Gaza strip')).toEqual([]);
    expect(argvs('run npm run approve')).toEqual([]);
    expect(argvs('is that stack deployed, in the subscription az is using?')).toEqual([]);
  });

  test('the name of a failed run in an error message is no command to type (the run is recorded whole)', () => {
    expect(argvs('az vm run-command on vm-a failed: ERROR: (Conflict)')).toEqual([]);
    expect(argvs('az network private-link-service connection update on pls-b failed: ERROR: x')).toEqual([]);
    expect(argvs('what to do: az vm start -g <group> -n <vm>')).toEqual([['vm', 'start', '-g', 'sample-group', '-n', 'sample-vm']]);
  });
});

describe('parseVerdict', () => {
  test('signed out: a command that wants a login was parsed', () => {
    expect(parseVerdict(1, "ERROR: Please run 'az login' to setup account.\n").kind).toBe('accepted');
    expect(parseVerdict(0, '').kind).toBe('accepted');
  });

  test('usage errors are refusals, whatever the exit code says', () => {
    expect(parseVerdict(2, 'ERROR: the following arguments are required: --resource-group/-g\n').kind).toBe('usage-error');
    expect(parseVerdict(2, 'ERROR: unrecognized arguments: --no-such-option x\n').kind).toBe('usage-error');
    expect(parseVerdict(1, "ERROR: 'frobnicate' is misspelled or not recognized by the system.\n").kind).toBe('usage-error');
    // A usage error beside a login message is still a usage error.
    expect(parseVerdict(1, "ERROR: unrecognized arguments: --x\nPlease run 'az login'\n").kind).toBe('usage-error');
  });

  test('a command of an extension is told apart, with the extension', () => {
    const verdict = parseVerdict(2, "ERROR: 'bastion' is misspelled or not recognized by the system.\nThe command requires the extension bastion. It will be installed first.\n");
    expect(verdict).toMatchObject({ kind: 'extension', extension: 'bastion' });
  });

  test('anything else is unknown, not accepted', () => {
    expect(parseVerdict(1, 'ERROR: connection refused\n').kind).toBe('unknown');
    expect(parseVerdict(1, 'ERROR: The command failed with an unexpected error.\n').kind).toBe('unknown');
  });

  test('signed out, past the parser: account set finds no subscription, login tries the closed sign-in port', () => {
    expect(parseVerdict(1, "ERROR: The subscription of 'x' doesn't exist in cloud 'DoubleNatNowhere'.\n").kind).toBe('accepted');
    expect(parseVerdict(1, "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='127.0.0.1', port=9): Max retries exceeded (Caused by NewConnectionError(\"... [Errno 111] Connection refused\"))\n").kind).toBe('accepted');
  });

  test('an AAZ command missing a required option is a usage error (exit 1, not 2), and so is a missing option group', () => {
    expect(parseVerdict(1, 'ERROR: InvalidArgumentValue: Missing required field: -n\n').kind).toBe('usage-error');
    expect(parseVerdict(1, 'ERROR: (--resource-group --name | --ids) are required\n').kind).toBe('usage-error');
  });

  test('a group of an extension, unknown to the core CLI, is told apart only where it is one', () => {
    const stderr = "ERROR: 'bastion' is misspelled or not recognized by the system.\n";
    expect(parseVerdict(2, stderr, ['network', 'bastion', 'rdp'])).toMatchObject({ kind: 'extension', extension: 'bastion' });
    expect(parseVerdict(2, stderr, ['vm', 'bastion']).kind).toBe('usage-error');
  });
});

describe('the parser check can fail', () => {
  test('the broken variant drops the resource group and adds an unknown option', () => {
    expect(brokenVariant(['network', 'private-link-service', 'show', '-g', 'rg', '-n', 'pls'])).toEqual(['network', 'private-link-service', 'show', '-n', 'pls', '--no-such-option', 'x']);
  });

  test('distinct keeps one command per argument vector', () => {
    const a = { source: 'a', argv: ['vm', 'list'] };
    expect(distinct([a, { source: 'b', argv: ['vm', 'list'] }, { source: 'c', argv: ['vm', 'show'] }]).map((c) => c.source)).toEqual(['a', 'c']);
  });
});
