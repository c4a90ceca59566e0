// OperatorAccess (Azure Bastion in one side's VNet): the construct, its settings and the rules its subnet's NSG holds.
export * from './operator-access';
export * from './operator-access-props';
export * from './bastion-subnet-rules';
