// Reusing the constructs in another CDKTF app: your own stack, your own resource group,
// both sides in one stack (or split them, as the double-nat app does).
import { App, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { ConsumerSide, ProviderSide } from '../../lib';

class LabStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const rg = new ResourceGroup(this, 'rg', { name: 'rg-lab', location: 'westeurope' });

    const service = new ProviderSide(this, 'service', {
      resourceGroupName: rg.name,
      location: rg.location,
      inboundNatRules: [{ name: 'RDP', frontendPort: 3389 }],
    });
    new ConsumerSide(this, 'client', {
      resourceGroupName: rg.name,
      location: rg.location,
      privateLinkServiceAlias: service.privateLinkServiceAlias,
      // Same address space as VNet-B: fine, the VNets are never peered.
      network: { addressSpace: ['10.1.0.0/16'], subnet: { addressPrefix: '10.1.0.0/24' } },
    });
  }
}

const app = new App();
new LabStack(app, 'lab');
app.synth();
