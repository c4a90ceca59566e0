// Outbound of private subnets: the settings and the NAT gateway construct.
export * from './outbound-props';
export * from './nat-gateway-outbound';
