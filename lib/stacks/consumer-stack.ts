import { Construct } from 'constructs';
import { ConsumerSide } from '../consumer-side';
import { ConsumerSideProps } from '../consumer-side-props';
import { AzureStack, AzureStackProps } from './azure-stack';
import { DoubleNatProviderStack, output } from './provider-stack';

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
    output(this, 'vm_a_private_ip', side.clientVmIp);
    output(this, 'vm_a_admin_username', side.settings.clientVm.adminUsername);
    output(this, 'rdp_target', `mstsc /v:${side.privateEndpointIp}`, 'Run on VM-A: the session lands on VM-B.');
  }
}
