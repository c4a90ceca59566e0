// npm run e2e: for whoever has Azure credentials. Deploys every stack of the
// configuration (DOUBLE_NAT_CONFIG or ./double-nat.config.json) under run-unique names, runs
// npm run verify, and destroys what it deployed, consumers first, also when a step fails; then says
// what it could not clean up and how. Unproven against Azure until someone runs it (see docs/operations.md).
//
// Ctrl-C: each command runs in a process group of its own, so a terminal's Ctrl-C reaches only this
// process. The first one interrupts the running step (it gets SIGINT, Terraform stops cleanly) and
// starts the cleanup; the cleanup itself is not interrupted. A second one first prints what may
// still exist and the commands that remove it, then interrupts the running destroy and starts no
// other; the report at the end says again what is left. A third one leaves at once. Signals less
// than a second apart count as one Ctrl-C (npm forwards the terminal's to this process too).
import * as path from 'path';
import { loadConfig } from '../lib/config/load-config';
import { RunProgress, newRunId, renderReport, renderWhatIsLeft, runEndToEnd, runPaths } from '../lib/lifecycle/end-to-end';
import { CliStepExecutor } from '../lib/lifecycle/steps';

/** Signals closer together than this count as one Ctrl-C. */
const SAME_KEYPRESS_MS = 1000;

async function main(): Promise<void> {
  const { config } = loadConfig();
  const runId = newRunId();
  // Its own folder: the run's state files sit beside its cdktf.out, apart from the project's.
  const runDir = path.join('.e2e', runId);
  console.log(`e2e ${runId}: files in ${runDir}`);
  const paths = runPaths(runDir);
  const interrupt = new AbortController();
  const stopCleanup = new AbortController();
  const progress = new RunProgress();
  let interrupts = 0;
  let last = 0;
  const onInterrupt = () => {
    // One Ctrl-C under `npm run` arrives twice: from the terminal, and forwarded by npm
    // (@npmcli/run-script's signal manager). Signals this close together are the same keypress.
    const now = Date.now();
    if (now - last < SAME_KEYPRESS_MS) return;
    last = now;
    interrupts++;
    if (interrupts === 1) {
      console.error(`\ne2e ${runId}: interrupted; stopping the running step, then destroying what was deployed (Ctrl-C again to stop the cleanup)`);
      interrupt.abort();
    } else if (interrupts === 2) {
      // Told first, so leaving never hides what may still run.
      console.error(`\n${renderWhatIsLeft(progress, runId)}`);
      console.error(`e2e ${runId}: stopping the cleanup (Ctrl-C once more to leave at once)`);
      stopCleanup.abort();
    } else {
      console.error(`\n${renderWhatIsLeft(progress, runId)}`);
      process.exit(130);
    }
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  const report = await runEndToEnd({
    config,
    runId,
    runDir,
    executor: new CliStepExecutor({ ...paths, ownProcessGroup: true }),
    log: console.log,
    signal: interrupt.signal,
    cleanupSignal: stopCleanup.signal,
    progress,
    defaultSubscription: process.env.ARM_SUBSCRIPTION_ID?.trim() || undefined,
  });
  console.log(`\n${renderReport(report, runId)}`);
  if (!report.passed) process.exitCode = interrupts > 0 ? 130 : 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
