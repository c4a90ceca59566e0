// Another organisation's CDK Terrain app, as docs/reuse.md builds it: two teams, two stacks. The provider
// team's stack holds the service behind a Private Link Service; the consumer team's stack, in its
// own subscription, holds its VNet, client VM and private endpoint, which takes the PLS alias by a
// cross-stack reference (CDK Terrain passes it through the provider stack's state).
import { App, TerraformOutput, TerraformStack } from 'cdktn';
import { AzurermProvider } from '@cdktn/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktn/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { ConsumerSide, ProviderSide } from 'double-nat-azure/cdktn';

/** The consumer team's subscription: set CONSUMER_SUBSCRIPTION_ID (the placeholder only synthesizes). */
const consumerSubscriptionId = process.env.CONSUMER_SUBSCRIPTION_ID ?? '00000000-0000-0000-0000-000000000000';

class ProviderTeamStack extends TerraformStack {
  readonly service: ProviderSide;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const rg = new ResourceGroup(this, 'rg', { name: 'rg-provider-team', location: 'japaneast' });
    this.service = new ProviderSide(this, 'service', {
      resourceGroupName: rg.name,
      location: rg.location,
      // Who may find the PLS by its alias. Without it only callers with RBAC on the PLS can, so the
      // consumer team's endpoint would fail to connect.
      visibilitySubscriptionIds: [consumerSubscriptionId],
      // Whose endpoints connect without a human. Left empty: the provider team approves each one
      // with `npx double-nat approve`, which approves only the endpoints this app synthesized.
      autoApprovalSubscriptionIds: [],
    });
  }
}

class ConsumerTeamStack extends TerraformStack {
  constructor(scope: Construct, id: string, service: ProviderSide) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}], subscriptionId: consumerSubscriptionId });
    const rg = new ResourceGroup(this, 'rg', { name: 'rg-consumer-team', location: 'japaneast' });
    const client = new ConsumerSide(this, 'client', {
      resourceGroupName: rg.name,
      location: rg.location,
      // A cross-stack reference: deploy the provider team's stack first.
      privateLinkServiceAlias: service.privateLinkServiceAlias,
      privateEndpoint: { manualApproval: true, requestMessage: 'Consumer team: RDP to the provider team service' },
      network: { name: 'vnet-consumer', addressSpace: ['10.1.0.0/16'], subnet: { addressPrefix: '10.1.0.0/24' } },
    });
    new TerraformOutput(this, 'rdp_target', { value: `mstsc /v:${client.privateEndpointIp}` });
  }
}

const app = new App();
const provider = new ProviderTeamStack(app, 'provider-team');
new ConsumerTeamStack(app, 'consumer-team', provider.service);
app.synth();
