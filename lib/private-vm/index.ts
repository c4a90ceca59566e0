// PrivateVm: a VM with no public IP, its settings and its admin password.
export * from './private-vm';
export * from './vm-settings';
export * from './admin-password';
