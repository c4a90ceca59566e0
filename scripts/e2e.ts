// npm run e2e: for whoever has Azure credentials. Deploys every stack of the
// configuration (DOUBLE_NAT_CONFIG or ./double-nat.config.json) under run-unique names, runs
// npm run verify, and destroys what it deployed, consumers first, also when a step fails; then says
// what it could not clean up and how. Unproven against Azure until someone runs it (see docs/operations.md).
import * as path from 'path';
import { loadConfig } from '../lib/config/load-config';
import { newRunId, renderReport, runEndToEnd, runPaths } from '../lib/lifecycle/end-to-end';
import { CliStepExecutor } from '../lib/lifecycle/steps';

async function main(): Promise<void> {
  const { config } = loadConfig();
  const runId = newRunId();
  // Its own folder: the run's state files sit beside its cdktf.out, apart from the project's.
  const runDir = path.join('.e2e', runId);
  console.log(`e2e ${runId}: files in ${runDir}`);
  const paths = runPaths(runDir);
  // Ctrl-C stops the current command (Terraform stops cleanly) and starts the cleanup; a second one leaves at once.
  const interrupt = new AbortController();
  process.on('SIGINT', () => {
    if (!interrupt.signal.aborted) {
      interrupt.abort();
      console.error(`\ne2e ${runId}: interrupted; destroying what was deployed (Ctrl-C again to leave now)`);
      return;
    }
    console.error(`\ne2e ${runId}: left without cleaning up; destroy the run's stacks with: npm run destroy -- --outdir ${paths.outdir}`);
    process.exit(130);
  });
  const report = await runEndToEnd({ config, runId, runDir, executor: new CliStepExecutor(paths), log: console.log, signal: interrupt.signal });
  console.log(`\n${renderReport(report, runId)}`);
  if (!report.passed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
