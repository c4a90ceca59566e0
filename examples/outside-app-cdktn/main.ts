// Another team's CDK Terrain app: it owns its stack, provider block and resource group, and takes
// the double NAT constructs from the installed package's CDK Terrain entry point.
import { App, TerraformOutput, TerraformStack } from 'cdktn';
import { AzurermProvider } from '@cdktn/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktn/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { ConsumerSide, ProviderSide } from 'double-nat-azure/cdktn';

class SharedRdpStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const rg = new ResourceGroup(this, 'rg', { name: 'rg-shared-rdp', location: 'japaneast' });

    const service = new ProviderSide(this, 'service', { resourceGroupName: rg.name, location: rg.location });
    const client = new ConsumerSide(this, 'client', {
      resourceGroupName: rg.name,
      location: rg.location,
      privateLinkServiceAlias: service.privateLinkServiceAlias,
      network: { name: 'vnet-client', addressSpace: ['10.1.0.0/16'], subnet: { addressPrefix: '10.1.0.0/24' } },
    });
    new TerraformOutput(this, 'rdp_target', { value: `mstsc /v:${client.privateEndpointIp}` });
  }
}

const app = new App();
new SharedRdpStack(app, 'shared-rdp');
app.synth();
