import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderSide } from '../provider-side/provider-side';
import { ProviderSideProps } from '../provider-side/provider-side-props';
import { AzureStack, AzureStackProps } from './azure-stack';
import { operatorAccessOutputs } from './operator-outputs';

/** What the provider must know of a consumer to let it connect. */
export interface ConsumerAccess {
  /** The consumer's subscription. @default - the provider stack's own subscription */
  readonly subscriptionId?: string;
  /** The consumer waits for a human to approve its connection. */
  readonly manualApproval: boolean;
}

export interface ProviderStackProps extends AzureStackProps {
  /** Everything of `ProviderSideProps` but where it deploys, which the stack decides. */
  readonly side: Omit<ProviderSideProps, 'resourceGroupName' | 'location' | 'tags' | 'autoApprovalSubscriptionIds'>;
  /**
   * The consumers: each one's subscription is made visible, and auto-approved unless it asks for
   * manual approval; then the stack also outputs the command that approves it.
   */
  readonly consumers: ConsumerAccess[];
}

/**
 * The provider side in a stack of its own: VNet-B, the load balancer, VM-B and the Private Link Service.
 */
export class DoubleNatProviderStack extends AzureStack {
  public readonly providerSide: ProviderSide;

  constructor(scope: Construct, id: string, props: ProviderStackProps) {
    super(scope, id, props);
    // Without a subscription in the settings, "same subscription" is only known at deploy time.
    const own = () => props.subscriptionId ?? new DataAzurermClientConfig(this, 'current').subscriptionId;
    const ownSubscription = props.consumers.some((c) => !c.subscriptionId) ? own() : undefined;
    const subscriptionOf = (c: ConsumerAccess) => c.subscriptionId ?? (ownSubscription as string);
    const unique = (ids: string[]) => [...new Set(ids)];
    this.providerSide = new ProviderSide(this, 'provider-side', {
      ...props.side,
      visibilitySubscriptionIds: unique([...(props.side.visibilitySubscriptionIds ?? []), ...props.consumers.map(subscriptionOf)]),
      autoApprovalSubscriptionIds: unique(props.consumers.filter((c) => !c.manualApproval).map(subscriptionOf)),
      resourceGroupName: this.resourceGroup.name,
      location: props.location,
      tags: props.tags,
    });
    const side = this.providerSide;
    const settings = side.settings;

    output(this, 'private_link_service_alias', side.privateLinkServiceAlias, 'Give this alias to consumers; their private endpoints connect to it.');
    output(this, 'private_link_service_id', side.privateLinkServiceId);
    output(this, 'nat_ips', side.natIps, 'Source addresses VM-B sees for every consumer (SNAT).');
    output(this, 'frontend_ip', side.frontendIp, 'Static frontend IP of the internal load balancer.');
    output(this, 'backend_vm_private_ips', side.backendVmIps, 'Backend VMs, in order; VM-B is the first.');
    if (side.backendVms.length > 0) {
      output(this, 'vm_b_private_ip', side.backendVmIps[0]);
      output(this, 'vm_b_admin_username', settings.backendVms[0].adminUsername);
    }
    if (side.operatorAccess && side.backendVms.length > 0) {
      operatorAccessOutputs(this, side.operatorAccess, { baseName: 'vm_b', resourceGroupName: props.resourceGroupName, settings: settings.backendVms[0], construct: side.backendVms[0] });
    }
    if (props.consumers.some((c) => c.manualApproval)) {
      const rg = settings.resourceGroupName;
      const pls = settings.names.privateLinkService;
      output(
        this,
        'approve_pending_connections_command',
        `for c in $(az network private-link-service show -g ${rg} -n ${pls} ` +
          `--query "privateEndpointConnections[?privateLinkServiceConnectionState.status=='Pending'].name" -o tsv); ` +
          `do az network private-link-service connection update -g ${rg} --service-name ${pls} -n "$c" --connection-status Approved; done`,
        'Run after the consumer stacks with manual approval are deployed.',
      );
    }
  }
}

/** An output whose Terraform name is exactly `name`, so READMEs and scripts can rely on it. */
export function output(scope: Construct, name: string, value: unknown, description?: string): TerraformOutput {
  const out = new TerraformOutput(scope, name, { value, description });
  out.overrideLogicalId(name);
  return out;
}
