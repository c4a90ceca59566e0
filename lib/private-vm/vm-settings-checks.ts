/**
 * Checks of a VM's resolved settings, run before any resource exists.
 */
import { checkVmSize } from '../validation/azure-values';
import {
  checkLinuxAdminUsername,
  checkLinuxComputerName,
  checkName,
  checkSshPublicKey,
  checkWindowsAdminPassword,
  checkWindowsAdminUsername,
  checkWindowsComputerName,
} from '../validation/names';
import { ProblemList } from '../validation/problems';
import { HIDDEN } from '../validation/secrets';
import { isToken } from '../validation/tokens';
import { AdminPasswordSource, ResolvedVmSettings } from './vm-settings';

/** What a plain-text admin password is refused with, wherever it arrives. */
export const PLAIN_TEXT_PASSWORD_REFUSED =
  'a token (a Key Vault secret, a Terraform variable), not plain text, which would be written into cdk.tf.json and the state: ' +
  'leave adminPassword out for a generated one, use { source: "variable" }, or, for a caller who means it, AdminPassword.unsafePlainText(...)';

export const OS_DISK_TYPES = ['Standard_LRS', 'StandardSSD_LRS', 'Premium_LRS', 'StandardSSD_ZRS', 'Premium_ZRS'];

/** Checks everything but the private IP, which the side checks against its address plan. */
export function checkVmSettings(problems: ProblemList, vm: ResolvedVmSettings): void {
  if (!problems.check(vm.os === 'windows' || vm.os === 'linux', 'os', vm.os, '"windows" or "linux"')) return;
  checkName(problems, 'name', vm.name, vm.os === 'windows' ? 'windowsVm' : 'linuxVm');
  checkName(problems, 'nicName', vm.nicName, 'networkInterface');
  checkName(problems, 'osDiskName', vm.osDiskName, 'osDisk');
  checkVmSize(problems, 'size', vm.size);
  problems.check(OS_DISK_TYPES.includes(vm.osDiskType), 'osDiskType', vm.osDiskType, `one of ${OS_DISK_TYPES.join(', ')}`);
  for (const key of ['publisher', 'offer', 'sku', 'version'] as const) {
    const value = vm.image?.[key];
    problems.check(typeof value === 'string' && value.length > 0, `image.${key}`, value, 'a non-empty string');
  }
  if (vm.os === 'windows') {
    checkWindowsComputerName(problems, 'computerName', vm.computerName);
    checkWindowsAdminUsername(problems, 'adminUsername', vm.adminUsername);
    checkPasswordSource(problems, vm.adminPassword);
    problems.check(vm.adminSshPublicKey === undefined, 'adminSshPublicKey', '(set)', 'left out for Windows, which signs in with a password');
  } else {
    checkLinuxComputerName(problems, 'computerName', vm.computerName);
    checkLinuxAdminUsername(problems, 'adminUsername', vm.adminUsername);
    checkSshPublicKey(problems, 'adminSshPublicKey', vm.adminSshPublicKey);
  }
}

function checkPasswordSource(problems: ProblemList, password: AdminPasswordSource): void {
  const source = (password as { source?: unknown })?.source;
  if (source === 'generated') return;
  if (source === 'variable') {
    const name = (password as { variableName?: unknown }).variableName;
    problems.check(
      name === undefined || (typeof name === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)),
      'adminPassword.variableName',
      name,
      'a Terraform variable name: a letter or "_" followed by letters, digits, "_" or "-"',
    );
    return;
  }
  if (source === 'value') {
    const value = (password as { value?: unknown }).value;
    problems.check(isToken(value), 'adminPassword.value', HIDDEN, PLAIN_TEXT_PASSWORD_REFUSED);
    return;
  }
  if (source === 'unsafePlainText') {
    const value = (password as { value?: unknown }).value;
    if (!problems.check(typeof value === 'string', 'adminPassword.value', HIDDEN, 'a string')) return;
    checkWindowsAdminPassword(problems, 'adminPassword.value', value as string);
    return;
  }
  problems.add('adminPassword.source', source, 'one of "generated", "variable", "value" (a token) or "unsafePlainText"');
}
