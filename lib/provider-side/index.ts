// ProviderSide (VNet-B): the construct and its props.
export * from './provider-side';
export * from './provider-side-props';
