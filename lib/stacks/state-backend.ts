/**
 * Where each stack keeps its Terraform state. Cross-stack references read the provider's state from
 * the same backend, so consumers find the alias wherever the team keeps state.
 */
import { AzurermBackend, CloudBackend, LocalBackend, NamedCloudWorkspace, TerraformStack } from 'cdktf';
import { checkName } from '../validation/names';
import { ProblemList } from '../validation/problems';
import { checkGuid } from '../validation/azure-values';
import { localStatePath } from './local-state-path';

// Framework-free, in its own file so the tools read it without loading cdktf.
export { localStatePath };

export type StateBackendSettings =
  /** A file per stack at the project root: terraform.<stack>.tfstate. */
  | { readonly type: 'local' }
  /**
   * An Azure Storage blob per stack, "<keyPrefix><stack>.tfstate", locked by blob leases while
   * Terraform runs. The storage account and container must exist before the first deploy.
   */
  | {
      readonly type: 'azurerm';
      /** Resource group of the storage account. */
      readonly resourceGroupName: string;
      /** Storage account: 3-24 lower case letters and digits. */
      readonly storageAccountName: string;
      /** Blob container of the state files. */
      readonly containerName: string;
      /** @default - the subscription of your login (ARM_SUBSCRIPTION_ID) */
      readonly subscriptionId?: string;
      /** @default "double-nat/" */
      readonly keyPrefix?: string;
      /** Sign in to storage with Entra ID instead of account keys. @default true */
      readonly useAzureadAuth?: boolean;
    }
  /** An HCP Terraform (or Terraform Enterprise) workspace per stack, "<workspacePrefix><stack>". */
  | {
      readonly type: 'cloud';
      /** HCP Terraform organization. */
      readonly organization: string;
      /** @default "app.terraform.io" */
      readonly hostname?: string;
      /** @default "" */
      readonly workspacePrefix?: string;
    };

/** Gives a stack its backend. */
export function applyStateBackend(stack: TerraformStack, stackName: string, backend: StateBackendSettings = { type: 'local' }): void {
  switch (backend.type) {
    case 'azurerm':
      new AzurermBackend(stack, {
        resourceGroupName: backend.resourceGroupName,
        storageAccountName: backend.storageAccountName,
        containerName: backend.containerName,
        key: `${backend.keyPrefix ?? 'double-nat/'}${stackName}.tfstate`,
        subscriptionId: backend.subscriptionId,
        useAzureadAuth: backend.useAzureadAuth ?? true,
      });
      return;
    case 'cloud':
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix ?? ''}${stackName}`),
      });
      return;
    default:
      new LocalBackend(stack, { path: localStatePath(stackName) });
  }
}

/** Storage account names: 3-24 lower case letters and digits. */
const STORAGE_ACCOUNT = /^[a-z0-9]{3,24}$/;
/** Blob container names: 3-63 lower case letters, digits and single hyphens, starting and ending alphanumeric. */
const CONTAINER = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

export function checkStateBackend(problems: ProblemList, backend: unknown): void {
  if (backend === undefined) return;
  const type = (backend as { type?: unknown })?.type;
  if (type === 'local') return;
  if (type === 'azurerm') {
    const b = backend as Extract<StateBackendSettings, { type: 'azurerm' }>;
    checkName(problems, 'backend.resourceGroupName', b.resourceGroupName, 'resourceGroup');
    problems.check(typeof b.storageAccountName === 'string' && STORAGE_ACCOUNT.test(b.storageAccountName), 'backend.storageAccountName', b.storageAccountName, '3-24 lower case letters and digits');
    problems.check(typeof b.containerName === 'string' && CONTAINER.test(b.containerName), 'backend.containerName', b.containerName, '3-63 lower case letters, digits and single "-", starting and ending with a letter or digit');
    if (b.subscriptionId !== undefined) checkGuid(problems, 'backend.subscriptionId', b.subscriptionId, 'subscription');
    problems.check(b.keyPrefix === undefined || (typeof b.keyPrefix === 'string' && /^[A-Za-z0-9._/-]{0,200}$/.test(b.keyPrefix)), 'backend.keyPrefix', b.keyPrefix, 'letters, digits, ".", "_", "-" and "/"');
    return;
  }
  if (type === 'cloud') {
    const b = backend as Extract<StateBackendSettings, { type: 'cloud' }>;
    problems.check(typeof b.organization === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(b.organization), 'backend.organization', b.organization, 'an HCP Terraform organization name');
    problems.check(b.workspacePrefix === undefined || (typeof b.workspacePrefix === 'string' && /^[A-Za-z0-9_-]{0,40}$/.test(b.workspacePrefix)), 'backend.workspacePrefix', b.workspacePrefix, 'letters, digits, "_" and "-" (workspace names allow no more)');
    problems.check(b.hostname === undefined || (typeof b.hostname === 'string' && /^[A-Za-z0-9.-]+$/.test(b.hostname)), 'backend.hostname', b.hostname, 'a host name');
    return;
  }
  problems.add('backend.type', type, 'one of "local", "azurerm" or "cloud"');
}
