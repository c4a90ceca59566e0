// npm run approve [-- --outdir DIR]: approves the pending connections of the private endpoints the
// configuration invited (consumers with manual approval) and nothing else; every other pending request
// is listed as not invited and left Pending. Reads cdktf.out like `npm run verify`; needs az, signed in.
// Every az call names the provider's subscription (the configured one, else the one az has selected,
// said so). Exits 1 when any invited endpoint is not approved at the end. AZ_COMMAND replaces the az
// binary (tests point it at a fake).
import { APPROVE_COMMAND } from '../lib/approval/approve-command';
import { approveInvited } from '../lib/approval/approve';
import { AzPrivateLinkServiceClient } from '../lib/approval/pls-client';
import { ExecutorError } from '../lib/probe/executor';
import { readStacks, readTopology } from '../lib/topology/read-synth';
import { cliOption } from './cli-options';

async function main(): Promise<void> {
  const outdir = cliOption('--outdir') ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const { provider } = readTopology(readStacks(outdir));
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
    console.error(`\n${result.notApproved.length} of ${result.invited.length} invited endpoint${result.invited.length === 1 ? '' : 's'} not approved (see above): fix the cause, then run ${APPROVE_COMMAND} again.`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof ExecutorError) console.error(`  what to do: ${error.hint}`);
  process.exitCode = 1;
});
