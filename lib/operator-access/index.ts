// OperatorAccess (Azure Bastion in one side's VNet): the construct, its settings, their defaults and
// checks, the regions of the Developer SKU, and the rules it puts in the VMs' and its subnet's NSGs.
export * from './operator-access';
export * from './operator-access-props';
export * from './operator-access-defaults';
export * from './operator-access-checks';
export * from './bastion-developer-regions';
export * from './operator-allow-rules';
export * from './bastion-subnet-rules';
