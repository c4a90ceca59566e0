// ConsumerSide (VNet-A): the construct and its props.
export * from './consumer-side';
export * from './consumer-side-props';
