/** A probe target as the default app makes it: VM-A → endpoint 10.0.0.5, RDP, to VM-B behind NAT IP 10.1.1.4. */
import { ProbeTarget } from '../../lib/probe/probe';

export const target: ProbeTarget = {
  label: 'double-nat-consumer → RDP',
  client: { name: 'vm-a', resourceGroup: 'rg-a', os: 'windows' },
  endpointIp: '10.0.0.5',
  frontendPort: 3389,
  backendPort: 3389,
  protocol: 'Tcp',
  backends: [{ name: 'vm-b', resourceGroup: 'rg-b', os: 'windows' }],
  natIps: ['10.1.1.4'],
};
