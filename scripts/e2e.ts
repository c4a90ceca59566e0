// npm run e2e: for whoever has Azure credentials. Deploys every stack of the
// configuration (DOUBLE_NAT_CONFIG or ./double-nat.config.json) under run-unique names, runs
// npm run verify, and destroys what it deployed, consumers first, also when a step fails; then says
// what it could not clean up and how. Unproven against Azure until someone runs it (see README).
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
  const report = await runEndToEnd({ config, runId, runDir, executor: new CliStepExecutor(runPaths(runDir)), log: console.log });
  console.log(`\n${renderReport(report, runId)}`);
  if (!report.passed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
