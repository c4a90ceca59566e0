import { spawnSync } from 'child_process';
import { Executor, HostRef } from '../probe/executor';
import { ExecutorError } from '../shell/executor-error';
import { LabHost, hostKey } from './lab';

/** Runs probe scripts inside the lab's namespaces, where `az vm run-command` would run them on VMs. */
export class NetnsExecutor implements Executor {
  constructor(private readonly hosts: Map<string, LabHost>) {}

  async run(host: HostRef, script: string): Promise<string> {
    const lab = this.hosts.get(hostKey(host.resourceGroup, host.name));
    if (!lab) throw new ExecutorError(`no namespace stands for ${host.name}`, 'the rehearsal lab was built from another topology');
    const result = spawnSync('ip', ['netns', 'exec', lab.namespace, 'bash', '-c', script], { encoding: 'utf8', timeout: 30_000 });
    if (result.status !== 0) {
      throw new ExecutorError(`${host.name}: the probe script failed (${result.status}): ${result.stderr.trim()}`, 'run the rehearsal as root with iproute2 installed');
    }
    return result.stdout;
  }
}
