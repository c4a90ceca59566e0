/**
 * The double NAT invariant checker (shared by the tests and the outside-app check) holds on a good
 * synth and names each break; its command exits 1 on a broken output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { doubleNatViolations, StackJson } from '../../lib/synth/invariants';
import { synth } from '../helpers/synth';
import { runDoubleNat } from '../helpers/in-process';

const good = synth().stacks;
const copy = (): Record<string, StackJson> => JSON.parse(JSON.stringify(good));
const provider = (stacks: Record<string, StackJson>): StackJson => stacks['double-nat-provider'];
const consumer = (stacks: Record<string, StackJson>): StackJson => stacks['double-nat-consumer'];
const first = (stack: StackJson, type: string): any => Object.values(stack.resource[type])[0];

test('the default configuration keeps every invariant', () => {
  expect(doubleNatViolations(good)).toEqual([]);
});

test.each<[string, (stacks: Record<string, StackJson>) => void, RegExp]>([
  ['a public IP', (s) => (consumer(s).resource.azurerm_public_ip = { pip: {} }), /double-nat-consumer: has a public IP/],
  ['two primary NAT IPs', (s) => first(provider(s), 'azurerm_private_link_service').nat_ip_configuration.push({ name: 'x', primary: true, subnet_id: 'x' }), /exactly one primary/],
  ['an endpoint not wired to the alias', (s) => (first(consumer(s), 'azurerm_private_endpoint').private_service_connection.private_connection_resource_alias = 'pls.guid.japaneast.azure.privatelinkservice'), /alias does not come from the provider's state/],
  ['an NSG that admits anyone', (s) => Object.values<any>(provider(s).resource.azurerm_network_security_rule).find((r) => r.access === 'Allow').source_address_prefix = '*', /admits \*, which is not a PLS NAT source/],
  ['a Basic load balancer', (s) => (first(provider(s), 'azurerm_lb').sku = 'Basic'), /is Basic, not Standard/],
  ['a combined stack whose endpoint takes a literal alias', (s) => {
    provider(s).resource.azurerm_private_endpoint = { pe: { name: 'pe', private_service_connection: { private_connection_resource_alias: 'literal' } } };
  }, /endpoint pe is not wired to the PLS alias/],
])('names %s', (_what, breakIt, message) => {
  const stacks = copy();
  breakIt(stacks);
  expect(doubleNatViolations(stacks).join('\n')).toMatch(message);
});

test('double-nat check exits 1 and lists what is broken in a cdktf.out folder', async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-invariants-'));
  try {
    const stacks = copy();
    first(provider(stacks), 'azurerm_lb').sku = 'Basic';
    for (const [name, stack] of Object.entries(stacks)) {
      fs.mkdirSync(path.join(outdir, 'stacks', name), { recursive: true });
      fs.writeFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(stack));
    }
    const manifest = Object.fromEntries(Object.keys(stacks).map((name) => [name, { synthesizedStackPath: `stacks/${name}/cdk.tf.json` }]));
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: manifest }));
    const run = await runDoubleNat(['check', '--outdir', outdir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is Basic, not Standard');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
