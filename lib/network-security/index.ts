// NetworkSecurity: an NSG that allows only the listed inbound flows.
export * from './network-security';
