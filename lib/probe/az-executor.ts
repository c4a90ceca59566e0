/**
 * Runs probe scripts on Azure VMs with `az vm run-command invoke` (RunPowerShellScript on Windows,
 * RunShellScript on Linux): no inbound access to the VMs is needed, only the VM agent.
 */
import { spawnSync } from 'child_process';
import { Executor, ExecutorError, HostRef } from './executor';

/** What `az vm run-command invoke -o json` printed → the script's standard output. */
export function parseRunCommandOutput(json: string): string {
  const parsed = JSON.parse(json) as { value?: { code?: string; message?: string }[] };
  const values = parsed.value ?? [];
  // Windows: one entry per stream, "ComponentStatus/StdOut/succeeded" and ".../StdErr/...".
  const stdout = values.find((v) => /StdOut/i.test(v.code ?? ''));
  if (stdout) return stdout.message ?? '';
  // Linux: one entry, "Enable succeeded: \n[stdout]\n...\n[stderr]\n...".
  const message = values[0]?.message ?? '';
  const match = /\[stdout\]\n?([\s\S]*?)(?:\n?\[stderr\][\s\S]*)?$/.exec(message);
  return match ? match[1] : message;
}

/** What to do about a failed `az vm run-command`, from its error text. */
export function hintForAzError(stderr: string): string {
  if (/az login|Please run 'az login'|AADSTS/i.test(stderr)) return 'sign in first: az login (and az account set -s <subscription>)';
  if (/VMAgent|agent.*not ready|Provisioning of VM extension|VM has reported a failure/i.test(stderr)) {
    return "the VM agent is not ready: wait a few minutes after deploy, then check it with az vm get-instance-view -g <group> -n <vm> --query instanceView.vmAgent";
  }
  if (/AuthorizationFailed|does not have authorization/i.test(stderr)) return 'your identity needs Virtual Machine Contributor (or runCommand/action) on the VM';
  if (/Conflict|another operation|in progress/i.test(stderr)) return 'another run command is still running on that VM: retry in a minute';
  if (/ResourceNotFound|ResourceGroupNotFound|was not found/i.test(stderr)) return 'is that stack deployed, in the subscription az is using? (az vm list -g <group> -o table)';
  if (/deallocated|not running|PowerState/i.test(stderr)) return 'start the VM: az vm start -g <group> -n <vm>';
  return 'see the az error above';
}

/**
 * Runs the Azure CLI and returns what it printed; a missing CLI or a failed command becomes an
 * `ExecutorError` naming `what` failed, with the hint for its error text.
 */
export function runAz(command: string, args: string[], what: string, timeoutMs = 10 * 60_000): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new ExecutorError('the Azure CLI (az) is not installed', 'install it (https://aka.ms/azcli) and run az login');
  }
  if (result.status !== 0) {
    const first = (result.stderr ?? '').trim().split('\n').find((line) => line.trim()) ?? `exit ${result.status}`;
    throw new ExecutorError(`${what} failed: ${first}`, hintForAzError(result.stderr ?? ''));
  }
  return result.stdout;
}

export class AzExecutor implements Executor {
  constructor(private readonly command = 'az') {}

  async run(host: HostRef, script: string): Promise<string> {
    const args = [
      'vm', 'run-command', 'invoke',
      '--resource-group', host.resourceGroup,
      '--name', host.name,
      '--command-id', host.os === 'windows' ? 'RunPowerShellScript' : 'RunShellScript',
      '--scripts', script,
      '--output', 'json',
    ];
    return parseRunCommandOutput(runAz(this.command, args, `az vm run-command on ${host.name}`));
  }
}
