// ProviderSide (VNet-B): the construct, its props, their defaults, their checks and
// the Azure limits they can exceed.
export * from './provider-side';
export * from './provider-side-props';
export * from './provider-side-defaults';
export * from './provider-side-checks';
export * from './provider-side-limits';
