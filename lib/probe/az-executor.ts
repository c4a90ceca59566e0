/**
 * Runs probe scripts on Azure VMs with `az vm run-command invoke` (RunPowerShellScript on Windows,
 * RunShellScript on Linux): no inbound access to the VMs is needed, only the VM agent.
 */
import { runAz } from '../shell/run-az';
import { shellQuote } from '../shell/shell-quote';
import { Executor, HostRef } from './executor';

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

/** What to do about a failed `az vm run-command` on `host`, from its error text. */
export function hintForAzError(stderr: string, host?: HostRef): string {
  const where = host
    ? `-g ${shellQuote(host.resourceGroup)} -n ${shellQuote(host.name)}${host.subscription ? ` --subscription ${shellQuote(host.subscription)}` : ''}`
    : '-g <group> -n <vm>';
  if (/az login|Please run 'az login'|AADSTS/i.test(stderr)) return 'sign in first: az login';
  if (/SubscriptionNotFound|subscription .* (not found|doesn't exist|does not exist)/i.test(stderr)) {
    return `az cannot see ${host?.subscription ? `subscription ${host.subscription}` : 'that subscription'}: sign in with an identity that has access to it (az account list -o table)`;
  }
  if (/VMAgent|agent.*not ready|Provisioning of VM extension|VM has reported a failure/i.test(stderr)) {
    return `the VM agent is not ready: wait a few minutes after deploy, then check it with az vm get-instance-view ${where} --query instanceView.vmAgent`;
  }
  if (/AuthorizationFailed|does not have authorization/i.test(stderr)) return 'your identity needs Virtual Machine Contributor (or runCommand/action) on the VM';
  if (/Conflict|another operation|in progress/i.test(stderr)) return 'another run command is still running on that VM: retry in a minute';
  if (/ResourceNotFound|ResourceGroupNotFound|was not found/i.test(stderr)) return `is that stack deployed, in that subscription? (az vm show ${where} -o table)`;
  if (/deallocated|not running|PowerState/i.test(stderr)) return `start the VM: az vm start ${where}`;
  return 'see the az error above';
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
      // The VM's own stack's subscription, not whichever one az has selected.
      ...(host.subscription ? ['--subscription', host.subscription] : []),
    ];
    return parseRunCommandOutput(runAz(this.command, args, `az vm run-command on ${host.name}`, (stderr) => hintForAzError(stderr, host)));
  }
}
