/**
 * The rules an NSG on AzureBastionSubnet must hold, or Azure refuses the NSG and Bastion stops
 * getting platform updates: https://learn.microsoft.com/azure/bastion/bastion-nsg (table of required rules).
 * One list, used to build our NSG and by policy DN005 to check any NSG on that subnet.
 */
export interface BastionSubnetRule {
  readonly name: string;
  readonly direction: 'Inbound' | 'Outbound';
  readonly protocol: 'Tcp' | '*';
  readonly source: string;
  readonly destination: string;
  readonly ports: string[];
}

export const BASTION_SUBNET_RULES: readonly BastionSubnetRule[] = [
  // The operator's browser or native client reaches the host's public IP over TLS.
  { name: 'AllowHttpsInbound', direction: 'Inbound', protocol: 'Tcp', source: 'Internet', destination: '*', ports: ['443'] },
  // Control plane.
  { name: 'AllowGatewayManagerInbound', direction: 'Inbound', protocol: 'Tcp', source: 'GatewayManager', destination: '*', ports: ['443'] },
  // Data plane between Bastion's own instances.
  { name: 'AllowBastionHostCommunication', direction: 'Inbound', protocol: '*', source: 'VirtualNetwork', destination: 'VirtualNetwork', ports: ['8080', '5701'] },
  { name: 'AllowAzureLoadBalancerInbound', direction: 'Inbound', protocol: 'Tcp', source: 'AzureLoadBalancer', destination: '*', ports: ['443'] },
  // To the VMs: SSH and RDP only.
  { name: 'AllowSshRdpOutbound', direction: 'Outbound', protocol: '*', source: '*', destination: 'VirtualNetwork', ports: ['22', '3389'] },
  // Diagnostics and metering endpoints.
  { name: 'AllowAzureCloudOutbound', direction: 'Outbound', protocol: 'Tcp', source: '*', destination: 'AzureCloud', ports: ['443'] },
  { name: 'AllowBastionCommunication', direction: 'Outbound', protocol: '*', source: 'VirtualNetwork', destination: 'VirtualNetwork', ports: ['8080', '5701'] },
  // Session and certificate validation.
  { name: 'AllowHttpOutbound', direction: 'Outbound', protocol: '*', source: '*', destination: 'Internet', ports: ['80'] },
];

/** Whether a synthesized azurerm_network_security_rule (snake_case attributes) allows what `rule` requires. */
export function satisfies(attributes: Record<string, any>, rule: BastionSubnetRule): boolean {
  const list = (one: unknown, many: unknown) => (Array.isArray(many) && many.length > 0 ? (many as string[]) : [one as string]);
  const ports = list(attributes.destination_port_range, attributes.destination_port_ranges);
  return (
    attributes.access === 'Allow' &&
    attributes.direction === rule.direction &&
    (attributes.protocol === '*' || attributes.protocol === rule.protocol) &&
    list(attributes.source_address_prefix, attributes.source_address_prefixes).some((s) => s === '*' || s === rule.source) &&
    list(attributes.destination_address_prefix, attributes.destination_address_prefixes).some((d) => d === '*' || d === rule.destination) &&
    rule.ports.every((port) => ports.includes('*') || ports.includes(port))
  );
}
