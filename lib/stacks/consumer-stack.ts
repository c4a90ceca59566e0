import { Construct } from 'constructs';
import { ConsumerSide } from '../consumer-side/consumer-side';
import { ConsumerSideProps } from '../consumer-side/consumer-side-props';
import { AzureStack, AzureStackProps } from './azure-stack';
import { DoubleNatProviderStack } from './provider-stack';
import { output } from './output';
import { operatorAccessOutputs, peerCheckCommand } from './operator-outputs';

export interface ConsumerStackProps extends AzureStackProps {
  /** Everything of `ConsumerSideProps` but where it deploys and the alias, which the stack decides. */
  readonly side: Omit<ConsumerSideProps, 'resourceGroupName' | 'location' | 'tags' | 'privateLinkServiceAlias'>;
  /** The provider stack whose Private Link Service this consumer connects to. */
  readonly provider: DoubleNatProviderStack;
}

/**
 * One consumer in a stack of its own: VNet-A, VM-A and the private endpoint. The PLS alias arrives by
 * cross-stack reference (a terraform_remote_state of the provider stack), so deploy orders the stacks.
 */
export class DoubleNatConsumerStack extends AzureStack {
  public readonly consumerSide: ConsumerSide;

  constructor(scope: Construct, id: string, props: ConsumerStackProps) {
    super(scope, id, props);
    this.consumerSide = new ConsumerSide(this, 'consumer-side', {
      ...props.side,
      resourceGroupName: this.resourceGroup.name,
      location: props.location,
      tags: props.tags,
      privateLinkServiceAlias: props.provider.providerSide.privateLinkServiceAlias,
    });
    const side = this.consumerSide;
    output(this, 'private_endpoint_ip', side.privateEndpointIp, 'The address VM-A dials to reach VM-B (DNAT).');
    output(this, 'private_endpoint_id', side.privateEndpoint.id, 'What the provider approves (with manual approval): it approves only the ids its configuration names.');
    output(this, 'vm_a_private_ip', side.clientVmIp);
    output(this, 'vm_a_admin_username', side.settings.clientVm.adminUsername);
    const target = side.privateEndpointFqdn ?? side.privateEndpointIp;
    if (side.privateEndpointFqdn) output(this, 'private_endpoint_fqdn', side.privateEndpointFqdn, 'The name VM-A can use instead of the IP.');
    const provided = props.provider.providerSide.settings;
    const ports = [...provided.inboundNatRules, ...provided.loadBalancingRules].map((rule) => `${rule.protocol.toLowerCase()}/${rule.frontendPort}`);
    output(this, 'service_endpoints', ports.map((port) => `${target} ${port}`), 'What VM-A dials: the endpoint and each service port.');
    if (ports.includes('tcp/3389')) output(this, 'rdp_target', `mstsc /v:${target}`, 'Run on VM-A: the session lands on VM-B.');
    if (side.operatorAccess) {
      operatorAccessOutputs(this, side.operatorAccess, { baseName: 'vm_a', resourceGroupName: props.resourceGroupName, settings: side.settings.clientVm, construct: side.clientVm });
      const service = [...provided.inboundNatRules, ...provided.loadBalancingRules][0];
      const targetName = service && 'targetVm' in service ? service.targetVm : provided.backendVms[0]?.name;
      const backend = provided.backendVms.find((vm) => vm.name === targetName);
      if (service && backend) {
        output(this, 'vm_b_peer_check', peerCheckCommand(backend.os, service.backendPort, props.provider.providerSide.natIps), `Run on ${backend.name} (reached from VM-A through the endpoint): its peer is the PLS NAT IP (SNAT).`);
      }
    }
  }
}
