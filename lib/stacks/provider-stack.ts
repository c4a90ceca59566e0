import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { Fn, Op } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderSide } from '../provider-side/provider-side';
import { ProviderSideProps } from '../provider-side/provider-side-props';
import { APPROVE_COMMAND } from '../approval/approve-command';
import { privateEndpointId } from '../approval/endpoint-id';
import { ConsumerSubscription, plsSubscriptionLists } from '../approval/subscription-lists';
import { AzureStack, AzureStackProps } from './azure-stack';
import { operatorAccessOutputs } from './operator-outputs';
import { output } from './output';

export { output } from './output';

/** What the provider must know of a consumer to let it connect. */
export interface ConsumerAccess extends ConsumerSubscription {
  /** Resource group of the consumer's private endpoint: with its subscription and name, the endpoint's id. */
  readonly resourceGroupName: string;
  /** Name of the consumer's private endpoint. */
  readonly privateEndpointName: string;
}

export interface ProviderStackProps extends AzureStackProps {
  /** Everything of `ProviderSideProps` but where it deploys, which the stack decides. */
  readonly side: Omit<ProviderSideProps, 'resourceGroupName' | 'location' | 'tags' | 'autoApprovalSubscriptionIds'>;
  /**
   * The consumers: each one's subscription is made visible, and auto-approved unless it asks for
   * manual approval; then the stack also outputs its endpoint's id and the command that approves it.
   */
  readonly consumers: ConsumerAccess[];
}

/**
 * The provider side in a stack of its own: VNet-B, the load balancer, VM-B and the Private Link Service.
 */
export class DoubleNatProviderStack extends AzureStack {
  public readonly providerSide: ProviderSide;
  /** Resource ids of the manual consumers' private endpoints: the only ones the approval path approves. */
  public readonly invitedPrivateEndpointIds: string[];

  constructor(scope: Construct, id: string, props: ProviderStackProps) {
    super(scope, id, props);
    // Without a subscription in the settings, "same subscription" is only known at deploy time.
    const own = () => props.subscriptionId ?? new DataAzurermClientConfig(this, 'current').subscriptionId;
    const ownSubscription = props.consumers.some((c) => !c.subscriptionId) ? own() : undefined;
    const subscriptionOf = (c: ConsumerAccess) => c.subscriptionId ?? (ownSubscription as string);
    const lists = plsSubscriptionLists(props.side.visibilitySubscriptionIds ?? [], props.consumers, ownSubscription as string);
    this.providerSide = new ProviderSide(this, 'provider-side', {
      ...props.side,
      visibilitySubscriptionIds: lists.visibility,
      autoApprovalSubscriptionIds: lists.autoApproval,
      resourceGroupName: this.resourceGroup.name,
      location: props.location,
      tags: props.tags,
    });
    const side = this.providerSide;
    const settings = side.settings;
    holdManualApprovalAtDeploy(side, props.consumers, ownSubscription);

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
    this.invitedPrivateEndpointIds = props.consumers
      .filter((c) => c.manualApproval)
      .map((c) => privateEndpointId({ subscription: subscriptionOf(c), resourceGroup: c.resourceGroupName, name: c.privateEndpointName }));
    if (this.invitedPrivateEndpointIds.length > 0) {
      output(this, 'invited_private_endpoint_ids', this.invitedPrivateEndpointIds, 'Private endpoints the approval path approves; any other request stays pending.');
      output(
        this,
        'approve_pending_connections_command',
        APPROVE_COMMAND,
        'Run from the checkout that deployed this stack, after the invited consumers are deployed: approves only the invited endpoints, in this stack\'s subscription, and exits non-zero when any could not be approved.',
      );
    }
  }
}

/**
 * Synth refuses a manual consumer that shares a known subscription with an automatic one
 * (lib/config/manual-approval-holds.ts). One case is only known at deploy: an automatic consumer
 * that names no subscription puts the provider's own on the auto-approval list, and a manual
 * consumer may name that very subscription. Terraform then stops at plan, before the PLS changes.
 */
function holdManualApprovalAtDeploy(side: ProviderSide, consumers: readonly ConsumerAccess[], ownSubscription: string | undefined): void {
  if (ownSubscription === undefined || !consumers.some((c) => !c.manualApproval && !c.subscriptionId)) return;
  const manual = consumers.filter((c) => c.manualApproval && c.subscriptionId);
  if (manual.length === 0) return;
  const names = manual.map((c) => `${c.resourceGroupName}/${c.privateEndpointName} (subscription ${c.subscriptionId})`).join(', ');
  side.privateLinkService.addOverride('lifecycle.precondition', [
    {
      condition: Op.not(Fn.contains(manual.map((c) => (c.subscriptionId as string).toLowerCase()), Fn.lower(ownSubscription))),
      error_message:
        `A consumer with manual approval (${names}) is in the provider's own subscription, which an automatic consumer ` +
        'without a subscriptionId puts on the PLS auto-approval list: its endpoint would be approved without review. ' +
        'Give that automatic consumer its own subscriptionId, or make it manual too.',
    },
  ]);
}
