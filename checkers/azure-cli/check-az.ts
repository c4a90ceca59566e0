// npm run check:az: the real Azure CLI (azure-cli from PyPI, pinned in requirements.txt, in a virtual
// environment of its own) checks the project's `az` commands.
//   1. approve and verify run unchanged against the real CLI, which talks to a fake of the Azure
//      endpoints they use (fake-arm.ts): TLS on loopback, a custom cloud, a service principal login.
//      A recorder in front of az writes down every argument vector they hand it.
//   2. Every recorded command, and every `az` command the project prints (stack outputs, hints,
//      cleanup reports), is given to the CLI signed out: its parser must accept it.
// Exit 0 only when everything holds. Docs: docs/azure-cli-checks.md.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeDoubleNat } from '../../lib/app/synthesize';
import { loadConfig } from '../../lib/config/load-config';
import { readStacks, readTopology } from '../../lib/topology/read-synth';
import { extractAzCommands } from './az-commands';
import { azEnvironment, killRunning } from './az-environment';
import { exerciseAgainstFakeArm } from './fake-arm-exercise';
import { EXTENSION_GROUPS } from './parse-verdict';
import { CommandToParse, brokenVariant, distinct, parseAll, signedOutCli } from './parser-check';
import { commandsInEndToEndReport, commandsInOutputs } from './printed-commands';


async function main(): Promise<number> {
  const started = Date.now();
  const setup = spawnSync('bash', [path.join(__dirname, 'setup-venv.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (setup.status !== 0) throw new Error('setting up the Azure CLI failed (above)');
  const venv = setup.stdout.trim().split('\n').pop()!;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-check-az-'));
  // Ctrl-C: the temporary folder (a throw-away CA key, az's sign-in cache for the fake) goes too.
  const interrupted = () => {
    killRunning();
    fs.rmSync(work, { recursive: true, force: true });
    console.error(`\ninterrupted: removed ${work}`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const env = azEnvironment(venv, work);
    const version = await env.az(path.join(work, 'azure-config-version'), ['version', '-o', 'json']);
    const azVersion = (JSON.parse(version.stdout) as Record<string, unknown>)['azure-cli'];
    console.log(`azure-cli ${azVersion} (${venv})`);

    // The fixture: a provider, an automatic consumer, and a manual one in another subscription, with Bastion native client.
    const fixture = path.join(__dirname, 'fixture.config.json');
    const outdir = path.join(work, 'cdktf.out');
    synthesizeDoubleNat({ config: loadConfig(__dirname, { DOUBLE_NAT_CONFIG: fixture }).config, outdir });
    const stacks = readStacks(outdir);
    const topology = readTopology(stacks);

    console.log('\n== approve and verify against the real az and a fake Azure Resource Manager');
    const exercise = await exerciseAgainstFakeArm({ env, work, outdir, topology });
    for (const f of exercise.findings) console.log(`  ${f.ok ? 'ok  ' : 'FAIL'} ${f.what}${f.detail ? `\n       ${f.detail}` : ''}`);
    console.log(`  the fake answered ${exercise.requests.length} requests:`);
    for (const r of [...new Set(exercise.requests)]) console.log(`    ${r}`);

    console.log('\n== the CLI parser, signed out, on every az command the project runs or prints');
    const recorded: CommandToParse[] = env.recorded().map((argv) => ({ source: 'run by approve/verify (recorded)', argv }));
    const printed = [
      ...commandsInOutputs(stacks),
      ...exercise.printed.flatMap((p) => extractAzCommands(p.text, `printed by ${p.source}`)),
      ...commandsInEndToEndReport(topology),
    ];
    const commands = distinct([...recorded, ...printed]);
    const parse = await signedOutCli(env, work);
    const parsed = await parseAll(parse, commands);
    const problems: string[] = exercise.findings.filter((f) => !f.ok).map((f) => f.what);
    for (const p of parsed) {
      const shown = p.argv.map((a) => (a.length > 60 ? `${a.slice(0, 57)}...` : a)).map((a) => (/[\s'"]/.test(a) ? JSON.stringify(a) : a)).join(' ');
      const extension = p.verdict.kind === 'extension' ? p.verdict.extension : undefined;
      const expectedExtension = extension !== undefined && EXTENSION_GROUPS[extension]?.every((word, i) => p.argv[i] === word);
      const ok = p.verdict.kind === 'accepted' || expectedExtension;
      const label = p.verdict.kind === 'extension' ? `not core (extension ${extension})` : p.verdict.kind;
      console.log(`  ${ok ? 'ok  ' : 'FAIL'} az ${shown}\n       ${p.source}: ${label}: ${p.verdict.why}`);
      if (!ok) problems.push(`az ${p.argv.slice(0, 4).join(' ')} (${p.source}): ${p.verdict.kind}`);
    }
    // What must have been seen: approve's show and update, verify's run command.
    for (const [what, words] of [
      ['approve ran az network private-link-service show', ['network', 'private-link-service', 'show']],
      ['approve ran az network private-link-service connection update', ['network', 'private-link-service', 'connection', 'update']],
      ['verify ran az vm run-command invoke', ['vm', 'run-command', 'invoke']],
    ] as const) {
      const seen = recorded.some((r) => words.every((w, i) => r.argv[i] === w));
      console.log(`  ${seen ? 'ok  ' : 'FAIL'} ${what}`);
      if (!seen) problems.push(`${what}: not recorded`);
    }
    // The check can fail: a recorded command with a required option dropped and an unknown one added.
    const sample = recorded.find((r) => r.argv.includes('--service-name')) ?? recorded[0];
    if (sample) {
      const canary = await parse(brokenVariant(sample.argv));
      const refused = canary.kind === 'usage-error';
      console.log(`  ${refused ? 'ok  ' : 'FAIL'} a broken command is refused (az ${brokenVariant(sample.argv).slice(0, 5).join(' ')} ... --no-such-option): ${canary.why}`);
      if (!refused) problems.push('the parser check accepted a broken command: it cannot fail');
    }

    console.log(`\n${parsed.length} distinct az commands parsed (${recorded.length} recorded runs, ${printed.length} printed), ${exercise.findings.length} fake-ARM checks, ${Math.round((Date.now() - started) / 1000)} s`);
    if (problems.length > 0) {
      console.error(`\ncheck:az FAILED (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      return 1;
    }
    console.log('check:az passed');
    return 0;
  } finally {
    if (!process.env.DOUBLE_NAT_KEEP_CHECK_AZ) fs.rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
