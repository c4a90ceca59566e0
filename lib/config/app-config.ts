/**
 * The app's configuration: one provider stack and any number of consumer stacks.
 * It is what `double-nat.config.json` holds; every field is optional and defaults to the article's lab.
 */
import { DEFAULT_LOCATION } from '../default-location';
import { ConsumerSideProps } from '../consumer-side/consumer-side-props';
import { FileAdminPasswordSource } from '../private-vm/vm-settings';
import { ProviderSideProps } from '../provider-side/provider-side-props';
import { StackSettings } from '../stacks/azure-stack';
import { StateBackendSettings } from '../stacks/state-backend';

export interface ProviderConfig
  extends StackSettings,
    Omit<ProviderSideProps<FileAdminPasswordSource>, 'resourceGroupName' | 'location' | 'tags' | 'autoApprovalSubscriptionIds'> {
  /** Stack name, the unit of `cdktf deploy`. Renaming it makes a new, empty state. @default "double-nat-provider" */
  readonly stackName?: string;
}

export interface ConsumerConfig
  extends StackSettings,
    Omit<ConsumerSideProps<FileAdminPasswordSource>, 'resourceGroupName' | 'location' | 'tags' | 'privateLinkServiceAlias'> {
  /** Consumer name: lower case letters, digits and "-"; its stack is "double-nat-<name>". @default "consumer" */
  readonly name?: string;
}

export interface DoubleNatConfig {
  /** The JSON Schema of this file, for editors: completion, hover help and inline errors. Synth ignores it. @default - none */
  readonly $schema?: string;
  /** Where every stack keeps its state. @default { type: "local" }: terraform.<stack>.tfstate at the project root */
  readonly backend?: StateBackendSettings;
  /** The provider side (VNet-B). @default - the article's VNet-B */
  readonly provider?: ProviderConfig;
  /** The consumer sides (VNet-A), one stack each. @default - one consumer named "consumer" */
  readonly consumers?: ConsumerConfig[];
}

/** Where a stack deploys, after defaults. */
export interface ResolvedStackTarget {
  readonly stackName: string;
  readonly subscriptionId?: string;
  readonly tenantId?: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tags: Record<string, string>;
}

export const PROVIDER_STACK_NAME = 'double-nat-provider';
export const DEFAULT_CONSUMER_NAME = 'consumer';

export function consumerStackName(consumerName: string): string {
  return `double-nat-${consumerName}`;
}

export function resolveProviderTarget(provider: ProviderConfig = {}): ResolvedStackTarget {
  const stackName = provider.stackName ?? PROVIDER_STACK_NAME;
  return {
    stackName,
    subscriptionId: provider.subscriptionId,
    tenantId: provider.tenantId,
    resourceGroupName: provider.resourceGroupName ?? `rg-${stackName}`,
    location: provider.location ?? DEFAULT_LOCATION,
    tags: provider.tags ?? {},
  };
}

/** A consumer without a subscription deploys into the provider's. */
export function resolveConsumerTarget(consumer: ConsumerConfig, provider: ResolvedStackTarget): ResolvedStackTarget {
  const stackName = consumerStackName(consumer.name ?? DEFAULT_CONSUMER_NAME);
  return {
    stackName,
    subscriptionId: consumer.subscriptionId ?? provider.subscriptionId,
    tenantId: consumer.tenantId ?? (consumer.subscriptionId ? undefined : provider.tenantId),
    resourceGroupName: consumer.resourceGroupName ?? `rg-${stackName}`,
    location: consumer.location ?? DEFAULT_LOCATION,
    tags: consumer.tags ?? {},
  };
}

/** Fields that are not construct props, split off before the rest goes to a side. */
export function sideSettings<T extends StackSettings & { stackName?: string; name?: string }>(
  config: T,
): Omit<T, keyof StackSettings | 'stackName' | 'name'> {
  const { subscriptionId, tenantId, resourceGroupName, location, tags, stackName, name, ...side } = config;
  void [subscriptionId, tenantId, resourceGroupName, location, tags, stackName, name];
  return side;
}
