/**
 * The public API of double-nat-azure: what another CDKTF (or, from `double-nat-azure/cdktn`, CDK
 * Terrain) app composes. Every name here is a semver promise, listed by hand on purpose and recorded
 * in etc/double-nat-azure.api.md (`npm run api`; CI fails when that report is stale). The
 * operations tools (the `double-nat` command) and their plumbing live in tools/ and are not part of it.
 *
 * @packageDocumentation
 */

// The two sides of the double NAT and their props.
export { ProviderSide } from './provider-side/provider-side';
export { RDP_NAT_RULE } from './provider-side/provider-side-defaults';
export { type ExistingFrontendSettings, type InboundNatRuleSettings, type LoadBalancingRuleSettings, type NatIpSettings, type ProbeSettings, type ProviderNetworkSettings, type ProviderSideNames, type ProviderSideProps, type ResolvedLoadBalancingRule, type ResolvedNatIp, type ResolvedNatRule, type ResolvedProviderSideProps } from './provider-side/provider-side-props';
export { ConsumerSide } from './consumer-side/consumer-side';
export type { ConsumerNetworkSettings, ConsumerSideNames, ConsumerSideProps, PrivateDnsSettings, PrivateEndpointSettings, ResolvedConsumerSideProps } from './consumer-side/consumer-side-props';
export type { SubnetSettings } from './common-settings';

// The building blocks the sides are made of, usable on their own.
export { PrivateVm, type PrivateVmProps } from './private-vm/private-vm';
export { type AdminPasswordSource, type FileAdminPasswordSource, type ImageReference, type ResolvedVmSettings, type VmOs, type VmSettings } from './private-vm/vm-settings';
export { UBUNTU_2204, WINDOWS_SERVER_2019 } from './private-vm/vm-settings-defaults';
export { AdminPassword, type AdminPasswordProps } from './private-vm/admin-password';
export { NetworkSecurity, type NetworkSecurityProps, type SecurityRuleSpec } from './network-security/network-security';
export { OperatorAccess, type OperatorAccessProps } from './operator-access/operator-access';
export { BASTION_SKUS, type BastionSku, type BastionSubnetSettings, type OperatorAccessSettings, type ResolvedOperatorAccess } from './operator-access/operator-access-props';

// Outbound of the private subnets and observability of each side.
export { NatGatewayOutbound, type NatGatewayOutboundProps } from './outbound/nat-gateway-outbound';
export { OUTBOUND_METHODS, type NatGatewaySettings, type OutboundMethod, type OutboundSettings, type ResolvedNatGateway, type ResolvedOutbound } from './outbound/outbound-props';
export { SideObservability, type DiagnosticTarget, type PathAlert, type SideObservabilityProps } from './observability/side-observability';
export { DIAGNOSTIC_CATEGORIES, type DiagnosedResource, type DiagnosticCategories } from './observability/diagnostic-categories';
export type { AlertSettings, FlowLogSettings, LogAnalyticsWorkspaceSettings, ObservabilitySettings, ProviderObservabilitySettings, ResolvedAlerts, ResolvedFlowLogs, ResolvedObservability, ResolvedWorkspace } from './observability/observability-props';

// The stacks of the double-nat app (one provider stack, one stack per consumer).
export { AzureStack, type AzureStackProps, type StackSettings } from './stacks/azure-stack';
export { type ConsumerAccess, DoubleNatProviderStack, type ProviderStackProps } from './stacks/provider-stack';
export { type ConsumerStackProps, DoubleNatConsumerStack } from './stacks/consumer-stack';
export type { StateBackendSettings } from './stacks/state-backend';
export type { ConsumerSubscription } from './approval/subscription-lists';
export { LB_PROTOCOLS, type LbProtocol, PROBE_PROTOCOLS, type ProbeProtocol } from './validation/load-balancer';

// The whole app from a configuration: its loader, its checks and their errors.
export type { ConsumerConfig, DoubleNatConfig, ProviderConfig } from './config/app-config';
export { CONFIG_ENV, CONFIG_FILE, type LoadedConfig, loadConfig } from './config/load-config';
export { checkConfig } from './config/check-config';
export { type DoubleNatStacks, buildDoubleNatApp } from './app/double-nat-app';
export { DoubleNatPolicyError, type SynthesizeOptions, isUserError, synthesizeDoubleNat } from './app/synthesize';
export { DoubleNatValidationError, type Problem } from './validation/problems';

// The policies (cdk-nag style rule pack) and how to suppress one with a reason.
export { type Finding, PolicyRule, type SynthesizedResource, suppressPolicy } from './policy/policy-rule';
export { doubleNatPolicies, doubleNatPolicyRules } from './policy/policies';
export { NoPublicIpRule } from './policy/no-public-ip';
export { NsgOnVmSubnetsRule } from './policy/nsg-on-vm-subnets';
export { BackendNsgAllowsOnlyNatRule } from './policy/backend-nsg-allows-only-nat';
export { NoPlainSecretRule } from './policy/no-plain-secret';
export { BastionSubnetNsgRule } from './policy/bastion-subnet-nsg-rules';
export { PrivateVmSubnetsRule } from './policy/private-vm-subnets';
