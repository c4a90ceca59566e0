import { Command, EXIT, OUTDIR_OPTION, outdirOf } from '../command';

export const approve: Command = {
  name: 'approve',
  summary: "Approves the pending connections of the private endpoints the app invited (manual approval), and nothing else.",
  details: [
    "Invited: the endpoints the double-nat app's provider stack lists, or in any other app the endpoints it synthesized",
    'with manual approval that take the Private Link Service alias. Every other pending request is named and left Pending.',
    'Needs the Azure CLI (az), signed in; AZ_COMMAND replaces the az binary.',
  ].join('\n'),
  options: { outdir: OUTDIR_OPTION },
  async run(args) {
    const { readStacks, readTopology } = await import('../../lib/topology/read-synth');
    const { approveInvited } = await import('../../lib/approval/approve');
    const { AzPrivateLinkServiceClient } = await import('../../lib/approval/pls-client');
    const { provider } = readTopology(readStacks(outdirOf(args)));
    const pls = { resourceGroup: provider.resourceGroup, name: provider.privateLinkService, subscription: provider.subscription };
    const result = await approveInvited(new AzPrivateLinkServiceClient(process.env.AZ_COMMAND ?? 'az'), pls, provider.invitedEndpointIds);
    console.log(`Private Link Service ${pls.name} (resource group ${pls.resourceGroup})`);
    for (const line of result.lines) console.log(`  ${line}`);
    if (result.unknown.length > 0) {
      console.log(`\n${result.unknown.length} pending request${result.unknown.length === 1 ? '' : 's'} from endpoints the configuration does not name: not approved.`);
    }
    return EXIT.ok;
  },
};
