import { TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { tagsOrNone } from '../common-settings';
import { StateBackendSettings, applyStateBackend } from './state-backend';

/** What every stack of the app takes: where it deploys. */
export interface StackSettings {
  /** Subscription to deploy into. @default - ARM_SUBSCRIPTION_ID at deploy time (azurerm 4 needs one of them) */
  readonly subscriptionId?: string;
  /** Tenant of that subscription. @default - the tenant of your `az login` session */
  readonly tenantId?: string;
  /** Resource group the stack creates and puts everything in. @default "rg-<stack name>" */
  readonly resourceGroupName?: string;
  /** Azure region. @default "japaneast" */
  readonly location?: string;
  /** Tags on every resource. @default - none */
  readonly tags?: Record<string, string>;
}

export interface AzureStackProps {
  readonly subscriptionId?: string;
  readonly tenantId?: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tags: Record<string, string>;
  /** Where the stack keeps its state. @default { type: "local" } */
  readonly backend?: StateBackendSettings;
}

/**
 * A stack that deploys on its own: its own azurerm provider, resource group and state.
 */
export class AzureStack extends TerraformStack {
  public readonly resourceGroup: ResourceGroup;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    applyStateBackend(this, id, props.backend);
    new AzurermProvider(this, 'azurerm', {
      features: [{}],
      subscriptionId: props.subscriptionId,
      tenantId: props.tenantId,
    });
    this.resourceGroup = new ResourceGroup(this, 'resource-group', {
      name: props.resourceGroupName,
      location: props.location,
      tags: tagsOrNone(props.tags),
    });
  }
}
