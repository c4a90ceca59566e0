import * as path from 'path';
import { CLI_OPTION, Command, EXIT, cliOf } from '../command';

/** Signals closer together than this count as one Ctrl-C. */
const SAME_KEYPRESS_MS = 1000;

export const e2e: Command = {
  name: 'e2e',
  summary: 'For whoever has Azure credentials: deploys every stack of the configuration under run-unique names, verifies, and destroys what it deployed.',
  details: [
    'For the double-nat app (DOUBLE_NAT_CONFIG or ./double-nat.config.json). Destroys consumers first, also when a step',
    'fails, then says what it could not clean up and how. Each command runs in a process group of its own. Ctrl-C',
    'interrupts the running step and starts the cleanup (not itself interrupted); a second one prints what may still',
    'exist and how to remove it, then stops the cleanup; a third leaves at once. Exit 130 when interrupted.',
    'Synthesizes, deploys and destroys with one framework CLI: --cli, else the one installed (cdktf or cdktn, on PATH,',
    'then in node_modules/.bin of the current folder and those above it); none, or both without --cli, is an error (exit 1).',
  ].join('\n'),
  options: { cli: { ...CLI_OPTION, description: 'the framework CLI that synthesizes, deploys and destroys (default: the one installed)' } },
  async run(args) {
    const explicit = cliOf(args);
    const { loadConfig } = await import('../../lib/config/load-config');
    const { RunProgress, newRunId, renderReport, renderWhatIsLeft, runEndToEnd, runPaths } = await import('../../lib/lifecycle/end-to-end');
    const { CliStepExecutor } = await import('../../lib/lifecycle/steps');
    const { resolveFrameworkCli } = await import('../../lib/lifecycle/framework-cli');
    const { config } = loadConfig();
    // Chosen before the run: the CLI that synthesizes is the one that deploys and destroys.
    const cli = resolveFrameworkCli({ explicit });
    const runId = newRunId();
    // Its own folder: the run's state files sit beside its cdktf.out, apart from the project's.
    const runDir = path.join('.e2e', runId);
    console.log(`e2e ${runId}: files in ${runDir}, with ${cli.cli} (${cli.reason})`);
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
        process.exit(EXIT.interrupted);
      }
    };
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onInterrupt);
    const report = await runEndToEnd({
      config,
      runId,
      runDir,
      executor: new CliStepExecutor({ ...paths, cli, ownProcessGroup: true }),
      log: console.log,
      signal: interrupt.signal,
      cleanupSignal: stopCleanup.signal,
      progress,
      defaultSubscription: process.env.ARM_SUBSCRIPTION_ID?.trim() || undefined,
    });
    console.log(`\n${renderReport(report, runId)}`);
    if (!report.passed) return interrupts > 0 ? EXIT.interrupted : EXIT.failed;
    return EXIT.ok;
  },
};
