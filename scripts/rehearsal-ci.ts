// npm run test:rehearsal (CI, as root): the rehearsal must pass for the default configuration and
// for overlapping address spaces, and must fail, saying why, when a NAT rule points at the wrong port.
import * as fs from 'fs';
import * as path from 'path';
import { DoubleNatConfig } from '../lib/config/app-config';
import { renderResults } from '../lib/probe/probe';
import { rehearse } from '../lib/rehearsal/rehearse';
import { topologyOf } from '../lib/app/synth-topology';

const root = path.resolve(__dirname, '..');
const example = (name: string): DoubleNatConfig => JSON.parse(fs.readFileSync(path.join(root, 'examples', name, 'double-nat.config.json'), 'utf8'));

interface Case {
  readonly name: string;
  readonly config: DoubleNatConfig;
  readonly expect: 'pass' | 'fail';
  /** The service ports the backend really listens on, when the case misroutes on purpose. */
  readonly listen?: Record<string, number[]>;
  /** Text the report must contain. */
  readonly mentions?: string;
}

const cases: Case[] = [
  { name: 'default configuration (the article)', config: {}, expect: 'pass', mentions: 'sees 10.1.1.4, a PLS NAT IP' },
  { name: 'overlapping address spaces (both 10.0.0.0/16)', config: example('overlapping-address-spaces'), expect: 'pass', mentions: 'sees 10.0.1.4, a PLS NAT IP' },
  {
    name: 'broken on purpose: the NAT rule forwards RDP to 3390, the service listens on 3389',
    config: { provider: { inboundNatRules: [{ name: 'RDP', frontendPort: 3389, backendPort: 3390 }] } },
    listen: { 'vm-b': [3389] },
    expect: 'fail',
    mentions: 'could not connect to 10.0.0.5:3389',
  },
];

async function main(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const testCase of cases) {
    const results = await rehearse(topologyOf(testCase.config), { listen: testCase.listen });
    const report = renderResults(results);
    const outcome = report.failed === 0 && report.passed > 0 ? 'pass' : 'fail';
    const ok = outcome === testCase.expect && (!testCase.mentions || report.text.includes(testCase.mentions));
    console.log(`\n${ok ? '✓' : '✗'} ${testCase.name}: the rehearsal ${outcome === 'pass' ? 'passed' : 'failed'}, expected to ${testCase.expect}`);
    console.log(report.text.replace(/^/gm, '    '));
    if (ok) passed++;
    else failed++;
  }
  console.log(`\nrehearsal: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
