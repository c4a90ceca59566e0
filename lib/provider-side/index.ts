// ProviderSide (VNet-B): the construct, its props, their defaults and their checks.
export * from './provider-side';
export * from './provider-side-props';
export * from './provider-side-defaults';
export * from './provider-side-checks';
