import * as path from 'path';
import { Command, EXIT } from '../command';

export const e2e: Command = {
  name: 'e2e',
  summary: 'For whoever has Azure credentials: deploys every stack of the configuration under run-unique names, verifies, and destroys what it deployed.',
  details: [
    'For the double-nat app (DOUBLE_NAT_CONFIG or ./double-nat.config.json). Destroys consumers first, also when a step',
    'fails, then says what it could not clean up and how. Ctrl-C stops the current command and starts the cleanup; a',
    'second Ctrl-C leaves at once and prints the command that destroys what is left.',
  ].join('\n'),
  options: {},
  async run() {
    const { loadConfig } = await import('../../lib/config/load-config');
    const { newRunId, renderReport, runEndToEnd, runPaths } = await import('../../lib/lifecycle/end-to-end');
    const { CliStepExecutor } = await import('../../lib/lifecycle/steps');
    const { config } = loadConfig();
    const runId = newRunId();
    // Its own folder: the run's state files sit beside its cdktf.out, apart from the project's.
    const runDir = path.join('.e2e', runId);
    console.log(`e2e ${runId}: files in ${runDir}`);
    const paths = runPaths(runDir);
    const interrupt = new AbortController();
    process.on('SIGINT', () => {
      if (!interrupt.signal.aborted) {
        interrupt.abort();
        console.error(`\ne2e ${runId}: interrupted; destroying what was deployed (Ctrl-C again to leave now)`);
        return;
      }
      console.error(`\ne2e ${runId}: left without cleaning up; destroy the run's stacks with: double-nat destroy --outdir ${paths.outdir}`);
      process.exit(130);
    });
    const report = await runEndToEnd({ config, runId, runDir, executor: new CliStepExecutor(paths), log: console.log, signal: interrupt.signal });
    console.log(`\n${renderReport(report, runId)}`);
    return report.passed ? EXIT.ok : EXIT.failed;
  },
};
