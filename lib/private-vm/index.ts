// PrivateVm: a VM with no public IP, its settings (props, defaults, checks) and its admin password.
export * from './private-vm';
export * from './vm-settings';
export * from './vm-settings-defaults';
export * from './vm-settings-checks';
export * from './admin-password';
