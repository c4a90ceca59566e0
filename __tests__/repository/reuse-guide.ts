/**
 * docs/reuse.md is what CI runs (scripts/guide-script.js extracts its marked blocks): its samples
 * are the example apps, its install lines name every peer, and each peer is pinned to the end CI tests.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const { guideBlocks, guideScript, pinToEnd } = require('../../scripts/guide-script') as {
  guideBlocks(text: string): { flavour: string; file?: string; body: string }[];
  guideScript(text: string, flavour: string, versions?: Record<string, string>): string;
  pinToEnd(commands: string, versions: Record<string, string>): string;
};
const guide = fs.readFileSync(path.join(root, 'docs', 'reuse.md'), 'utf8');
const ends = JSON.parse(fs.readFileSync(path.join(root, 'flavours', 'peer-ends.json'), 'utf8'));

test.each([
  ['cdktf', 'examples/outside-app'],
  ['cdktn', 'examples/outside-app-cdktn'],
])("the %s guide's main.ts is %s/main.ts", (flavour, example) => {
  const main = guideBlocks(guide).find((b) => b.flavour === flavour && b.file === 'main.ts');
  expect(main).toBeDefined();
  expect(`${main!.body}\n`).toBe(fs.readFileSync(path.join(root, example, 'main.ts'), 'utf8'));
});

test.each(['cdktf', 'cdktn'])('the %s guide installs every peer of each end, pinned to that end, and runs the double-nat checks', (flavour) => {
  for (const end of ['low', 'high']) {
    const script = guideScript(guide, flavour, ends[flavour][end]);
    for (const [name, version] of Object.entries(ends[flavour][end])) expect(script).toContain(` ${name}@${version}`);
    expect(script).toContain('npm install "$DOUBLE_NAT_AZURE"');
    for (const command of ['synth', 'check', 'explain', 'diagram']) expect(script).toContain(`npx double-nat ${command}`);
  }
});

test('an install line without a peer is an error that names it', () => {
  expect(() => pinToEnd('npm install "$DOUBLE_NAT_AZURE" cdktf@^0.21.0 constructs@^10.4.2 @cdktf/provider-azurerm@^14.0.0', ends.cdktf.low)).toThrow(
    "the guide's install lines leave out @cdktf/provider-random",
  );
});

test('files are written as the guide shows them, commands run as written', () => {
  const text = '<!-- guide:x file=a.json -->\n```json\n{ "a": "$HOME" }\n```\n\n<!-- guide:x -->\n```sh\necho hi\n```\n<!-- guide:y -->\n```sh\necho no\n```\n';
  expect(guideScript(text, 'x')).toBe(`cat > "a.json" <<'GUIDE_FILE_END'\n{ "a": "$HOME" }\nGUIDE_FILE_END\necho hi`);
});
