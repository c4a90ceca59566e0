import { VmOs } from '../private-vm/vm-settings';

/** A VM the probe runs a script on. */
export interface HostRef {
  readonly name: string;
  readonly resourceGroup: string;
  readonly os: VmOs;
  /** The subscription of the VM's stack, passed to every `az` call. @default - the one `az` has selected */
  readonly subscription?: string;
}

/**
 * Runs a probe script on a host and returns what it printed: through `az vm run-command` against
 * Azure, or `ip netns exec` in the local rehearsal.
 */
export interface Executor {
  run(host: HostRef, script: string): Promise<string>;
}
