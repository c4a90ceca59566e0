import { toolCommand } from '../../lib/shell/tool-command';
import { Command, EXIT, OUTDIR_OPTION, outdirOf } from '../command';

export const approve: Command = {
  name: 'approve',
  summary: "Approves the pending connections of the private endpoints the app invited (manual approval), and nothing else.",
  details: [
    "Invited: the endpoints the double-nat app's provider stack lists, or in any other app the endpoints it synthesized",
    'with manual approval that take the Private Link Service alias. Every other pending request is named and left Pending.',
    'Every az call names the provider\'s subscription (configured, else ARM_SUBSCRIPTION_ID, else the one az has selected,',
    'said so). Exits 1 when any invited endpoint is not approved at the end.',
    'Needs the Azure CLI (az), signed in; AZ_COMMAND replaces the az binary.',
  ].join('\n'),
  options: { outdir: OUTDIR_OPTION },
  async run(args) {
    const { readStacks, readTopology } = await import('../../lib/topology/read-synth');
    const { approveInvited } = await import('../../lib/approval/approve');
    const { AzPrivateLinkServiceClient } = await import('../../lib/approval/pls-client');
    const { provider } = readTopology(readStacks(outdirOf(args)));
    const client = new AzPrivateLinkServiceClient(process.env.AZ_COMMAND ?? 'az');
    // Where the provider stack deployed: the configured subscription, else ARM_SUBSCRIPTION_ID (what the
    // azurerm provider reads when the stack names none), else the one az has selected; said which.
    const armSubscription = process.env.ARM_SUBSCRIPTION_ID?.trim() || undefined;
    const subscription = provider.subscription ?? armSubscription ?? (await client.currentSubscription());
    const from = provider.subscription
      ? "the provider stack's, from the configuration"
      : armSubscription
        ? 'from ARM_SUBSCRIPTION_ID: the configuration names none'
        : 'the one az has selected: the configuration names none and ARM_SUBSCRIPTION_ID is not set; set it to the subscription the provider stack deployed into if that is another one';
    const pls = { resourceGroup: provider.resourceGroup, name: provider.privateLinkService, subscription };
    console.log(`Private Link Service ${pls.name} (resource group ${pls.resourceGroup}, subscription ${subscription}: ${from})`);
    const result = await approveInvited(client, pls, provider.invitedEndpointIds);
    for (const line of result.lines) console.log(`  ${line}`);
    if (result.unknown.length > 0) {
      console.log(`\n${result.unknown.length} pending request${result.unknown.length === 1 ? '' : 's'} from endpoints the configuration does not name: not approved.`);
    }
    if (result.notApproved.length > 0) {
      console.error(`\n${result.notApproved.length} of ${result.invited.length} invited endpoint${result.invited.length === 1 ? '' : 's'} not approved (see above): fix the cause, then run ${toolCommand('approve')} again.`);
      return EXIT.failed;
    }
    return EXIT.ok;
  },
};
