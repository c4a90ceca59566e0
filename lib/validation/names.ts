/**
 * Azure's naming rules for the resources we create, and the Windows/Linux account rules of VMs.
 * Source: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 * (Microsoft.Resources, Microsoft.Network, Microsoft.Compute) and
 * https://learn.microsoft.com/azure/virtual-machines/windows/faq (user names, passwords).
 */
import { ProblemList } from './problems';
import { isToken } from './tokens';

interface NameRule {
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
  readonly describe: string;
}

// Most Microsoft.Network names: alphanumerics, underscores, periods and hyphens;
// start with an alphanumeric, end with an alphanumeric or underscore.
const NETWORK_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const NETWORK_CHARS = 'letters, digits, "_", "." and "-", starting with a letter or digit and ending with a letter, digit or "_"';

function networkRule(min: number, max: number): NameRule {
  return { min, max, pattern: NETWORK_NAME, describe: NETWORK_CHARS };
}

export const NAME_RULES = {
  // Azure itself also takes Unicode letters and digits, but azurerm refuses them before any API
  // call: its check (go-azure-helpers resourcegroups.ValidateName) is Go's ASCII `^[-\w._()]+$`.
  resourceGroup: {
    min: 1,
    max: 90,
    pattern: /^[-\w.()]*[-\w()]$/u,
    describe: 'letters, digits, "_", "-", ".", "(" and ")", not ending with "."',
  },
  virtualNetwork: networkRule(2, 64),
  subnet: networkRule(1, 80),
  networkInterface: networkRule(1, 80),
  networkSecurityGroup: networkRule(1, 80),
  securityRule: networkRule(1, 80),
  loadBalancer: networkRule(1, 80),
  loadBalancerChild: networkRule(1, 80),
  privateLinkService: networkRule(1, 80),
  privateEndpoint: networkRule(2, 64),
  ipConfiguration: networkRule(1, 80),
  natGateway: networkRule(1, 80),
  publicIp: networkRule(1, 80),
  networkWatcher: networkRule(1, 80),
  // azurerm monitor_action_group: name 1-260 characters; Azure refuses the characters below.
  actionGroup: { min: 1, max: 260, pattern: /^[^<>*%&:\\?+\/]+$/, describe: 'characters other than < > * % & : \\ ? + /' },
  // Windows VM resource names: no spaces or `~!@#$%^&*()=+_[]{}\|;:.'",<>/?, not ending with "-".
  windowsVm: {
    min: 1,
    max: 64,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    describe: 'letters, digits and "-", starting and ending with a letter or digit',
  },
  // Linux VM resource names: the same characters, and "." and "_" too, not ending with "." or "-".
  linuxVm: {
    min: 1,
    max: 64,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/,
    describe: 'letters, digits, "_", "." and "-", starting with a letter or digit and not ending with "." or "-"',
  },
  managementLock: {
    min: 1,
    max: 90,
    pattern: /^[^<>*%&:\\?/+]*[^<>*%&:\\?/+.\s]$/,
    describe: 'characters other than < > * % & : \\ ? / +, not ending with "." or a space',
  },
  privateDnsZone: {
    min: 1,
    max: 253,
    pattern: /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i,
    describe: 'a DNS name of at least two labels, e.g. "service.internal"',
  },
  dnsRecord: {
    min: 1,
    max: 63,
    pattern: /^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?|@)$/i,
    describe: 'one DNS label, or "@" for the zone itself',
  },
  osDisk: {
    min: 1,
    max: 80,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/,
    describe: NETWORK_CHARS,
  },
} satisfies Record<string, NameRule>;

export type NamedResource = keyof typeof NAME_RULES;

export function checkName(problems: ProblemList, prop: string, value: unknown, kind: NamedResource): void {
  if (isToken(value)) return;
  const rule: NameRule = NAME_RULES[kind];
  const ok =
    typeof value === 'string' && value.length >= rule.min && value.length <= rule.max && rule.pattern.test(value);
  problems.check(ok, prop, value, `${rule.min}-${rule.max} characters of ${rule.describe} (${kind} name)`);
}

/** Windows computer names: NetBIOS, 1-15 characters, not only digits. */
export function checkWindowsComputerName(problems: ProblemList, prop: string, value: unknown): void {
  const ok =
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= 15 &&
    /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(value) &&
    !/^\d+$/.test(value);
  problems.check(ok, prop, value, '1-15 letters, digits and "-", not only digits, not starting or ending with "-" (Windows computer name)');
}

/** User names Azure refuses for a VM's admin account. */
export const RESERVED_ADMIN_USERNAMES: readonly string[] = [
  'administrator', 'admin', 'user', 'user1', 'test', 'user2', 'test1', 'user3', 'admin1', '1', '123', 'a',
  'actuser', 'adm', 'admin2', 'aspnet', 'backup', 'console', 'david', 'guest', 'john', 'owner', 'root',
  'server', 'sql', 'support', 'support_388945a0', 'sys', 'test2', 'test3', 'user4', 'user5',
];

function checkNotReservedUsername(problems: ProblemList, prop: string, value: string): void {
  problems.check(
    !RESERVED_ADMIN_USERNAMES.includes(value.toLowerCase()),
    prop,
    value,
    `a name Azure accepts for an admin account: not one of ${RESERVED_ADMIN_USERNAMES.join(', ')}`,
  );
}

/** Windows admin user names: at most 20 characters, none of the reserved ones, no trailing ".". */
export function checkWindowsAdminUsername(problems: ProblemList, prop: string, value: unknown): void {
  if (!problems.check(
    typeof value === 'string' && /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,19}$/.test(value) && !value.endsWith('.'),
    prop,
    value,
    '1-20 letters, digits, "_", "." and "-", not starting with "." or "-" and not ending with "."',
  )) return;
  checkNotReservedUsername(problems, prop, value as string);
}

/** Passwords Azure refuses outright even though they meet the complexity rule. */
const REFUSED_PASSWORDS = [
  'abc@123', 'P@$$w0rd', 'P@ssw0rd', 'P@ssword123', 'Pa$$word', 'pass@word1', 'Password!', 'Password1',
  'Password22', 'iloveyou!',
];

/** Number of character classes (lower, upper, digit, other) in a password. */
export function passwordClassCount(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/**
 * Windows admin passwords: 12-123 characters with three of lower case, upper case, digit and special.
 * The value is never echoed in the message.
 */
export function checkWindowsAdminPassword(problems: ProblemList, prop: string, value: string): void {
  const ok =
    value.length >= 12 &&
    value.length <= 123 &&
    passwordClassCount(value) >= 3 &&
    !REFUSED_PASSWORDS.includes(value);
  problems.check(
    ok,
    prop,
    '(hidden)',
    '12-123 characters with at least three of: lower case, upper case, digit, special character (and not a well-known password)',
  );
}

/** Linux host names: 1-64 letters, digits and "-", not only digits. */
export function checkLinuxComputerName(problems: ProblemList, prop: string, value: unknown): void {
  const ok =
    typeof value === 'string' && /^[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?$/.test(value) && !/^\d+$/.test(value);
  problems.check(ok, prop, value, '1-64 letters, digits and "-", not only digits, not starting or ending with "-" (Linux host name)');
}

/** Linux admin user names: 1-64 characters, starting with a letter or "_", none of the reserved ones. */
export function checkLinuxAdminUsername(problems: ProblemList, prop: string, value: unknown): void {
  if (!problems.check(
    typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(value),
    prop,
    value,
    '1-64 letters, digits, "_" and "-", starting with a letter or "_"',
  )) return;
  checkNotReservedUsername(problems, prop, value as string);
}

/** An OpenSSH public key line: Azure takes RSA (2048 bits or more) and Ed25519 keys for Linux VMs. */
export function checkSshPublicKey(problems: ProblemList, prop: string, value: unknown): void {
  if (isToken(value)) return;
  problems.check(
    typeof value === 'string' && /^(ssh-rsa|ssh-ed25519) [A-Za-z0-9+/]{60,}={0,2}( \S.*)?$/.test(value.trim()),
    prop,
    value === undefined ? undefined : '(key)',
    'an OpenSSH public key line starting with "ssh-rsa" or "ssh-ed25519" (required for Linux VMs)',
  );
}
