// npm run approve [-- --outdir DIR]: approves the pending connections of the private endpoints the
// configuration invited (consumers with manual approval) and nothing else; every other pending request
// is listed as not invited and left Pending. Reads cdktf.out like `npm run verify`; needs az, signed in.
// AZ_COMMAND replaces the az binary (tests point it at a fake).
import { approveInvited } from '../lib/approval/approve';
import { AzPrivateLinkServiceClient } from '../lib/approval/pls-client';
import { ExecutorError } from '../lib/probe/executor';
import { readStacks, readTopology } from '../lib/topology/read-synth';
import { cliOption } from './cli-options';

async function main(): Promise<void> {
  const outdir = cliOption('--outdir') ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const { provider } = readTopology(readStacks(outdir));
  const pls = { resourceGroup: provider.resourceGroup, name: provider.privateLinkService, subscription: provider.subscription };
  const result = await approveInvited(new AzPrivateLinkServiceClient(process.env.AZ_COMMAND ?? 'az'), pls, provider.invitedEndpointIds);
  console.log(`Private Link Service ${pls.name} (resource group ${pls.resourceGroup})`);
  for (const line of result.lines) console.log(`  ${line}`);
  if (result.unknown.length > 0) {
    console.log(`\n${result.unknown.length} pending request${result.unknown.length === 1 ? '' : 's'} from endpoints the configuration does not name: not approved.`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof ExecutorError) console.error(`  what to do: ${error.hint}`);
  process.exitCode = 1;
});
