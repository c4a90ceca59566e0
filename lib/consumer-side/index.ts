// ConsumerSide (VNet-A): the construct, its props, their defaults and their checks.
export * from './consumer-side';
export * from './consumer-side-props';
export * from './consumer-side-defaults';
export * from './consumer-side-checks';
