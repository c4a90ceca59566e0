/**
 * The documentation a newcomer reads: a README that is a landing page (the two set-up commands
 * first, short, every other answer one link away), links that lead somewhere, and a configuration
 * reference that is the schema's text (docs/configuration.md, `npm run docs`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_DOCS_FILE, configReferenceText } from '../../scripts/config-docs';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const schema = JSON.parse(read('schema/double-nat.config.schema.json'));
const pages = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** GitHub's anchors of a Markdown page's headings (lower case, punctuation dropped, spaces to "-", repeats numbered). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of withoutCode.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** The relative links of a page (not web addresses), outside code blocks. */
function relativeLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((target) => !/^[a-z]+:/.test(target));
}

describe('the README is a landing page', () => {
  const readme = read('README.md');
  const lines = readme.split('\n');

  test('at most 150 lines', () => {
    expect(lines.length).toBeLessThanOrEqual(150);
  });

  test('the set-up, synth and test commands come first, before any heading but the title', () => {
    const firstSection = lines.findIndex((line, i) => i > 0 && line.startsWith('#'));
    const top = lines.slice(0, firstSection).join('\n');
    expect(top).toContain('npm ci && npx cdktf synth');
    expect(top).toContain('npm test');
  });

  test('links every page of docs/', () => {
    const linked = new Set(relativeLinks(readme).map((target) => target.split('#')[0]));
    for (const page of pages.filter((file) => file !== 'README.md')) expect(linked).toContain(page);
  });
});

test.each(pages)('every relative link of %s leads to a file and heading that exist', (page) => {
  const text = read(page);
  const broken = relativeLinks(text).filter((target) => {
    const [file, anchor] = target.split('#');
    const linked = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
    if (!fs.existsSync(path.join(root, linked))) return true;
    return anchor !== undefined && linked.endsWith('.md') && !anchorsOf(read(linked)).has(anchor);
  });
  expect(broken).toEqual([]);
});

/** Paths of this repository a page names in code spans (`lib/x.ts`, `__tests__/y/`), outside code blocks. */
function namedPaths(markdown: string): string[] {
  const withoutBlocks = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const spans = [...withoutBlocks.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);
  return spans.filter((span) => /^(?:__tests__|lib|tools|scripts|checkers|examples|flavours|schema|docs|bin)\/[\w./-]*$/.test(span) && !span.includes('<'));
}

test.each(pages)('every repository path %s names exists', (page) => {
  expect(namedPaths(read(page)).filter((named) => !fs.existsSync(path.join(root, named)))).toEqual([]);
});

test('the link check reads headings as GitHub anchors them, and links outside code only', () => {
  expect(anchorsOf('# Destroy (order matters)\n## `provider`\n## A\n## A\n```\n# not a heading\n```')).toEqual(
    new Set(['destroy-order-matters', 'provider', 'a', 'a-1']),
  );
  expect(relativeLinks('[a](docs/x.md#y) [b](https://example.com) `[c](z.md)`')).toEqual(['docs/x.md#y']);
  expect(namedPaths('`lib/app/` and `__tests__/x.test.ts` but not `npm test`, `lib/<name>.ts`\n```\n`lib/in-a-block.ts`\n```')).toEqual(['lib/app/', '__tests__/x.test.ts']);
});

test(`${CONFIG_DOCS_FILE} is what \`npm run docs\` makes of the committed schema`, () => {
  expect(read(CONFIG_DOCS_FILE)).toBe(configReferenceText(schema));
});

describe('the configuration reference', () => {
  const page = configReferenceText(schema);
  const definitions = schema.definitions as Record<string, any>;

  test('shows every setting of every object with its schema description and default', () => {
    const objects = Object.values(definitions).flatMap((definition: any) => definition.anyOf ?? [definition]).filter((node: any) => node.properties);
    expect(objects.length).toBeGreaterThan(10);
    // The rows as a reader sees them: escapes undone, cells split.
    const rows = page
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\\\|/g, '\u0000').split('|').map((part) => part.trim().replace(/\u0000/g, '|')));
    for (const node of objects) {
      for (const [key, property] of Object.entries<any>(node.properties)) {
        if ('const' in property) continue;
        const description: string = property.description ?? '';
        const match = /^(?:([\s\S]*?)\n\n)?Default: ([\s\S]*)$/.exec(description);
        const [text, fallback] = match ? [match[1] ?? '', match[2]] : [description, undefined];
        const expected = { key, description: text.replace(/\s*\n+\s*/g, ' '), default: (node.required ?? []).includes(key) ? 'required' : fallback ?? 'none' };
        const found = rows.filter((cells) => cells[1] === `\`${key}\``).map((cells) => ({ key, description: cells[4], default: cells[3] }));
        expect(found).toContainEqual(expected);
      }
    }
  });

  test('reads defaults, required settings and where a section is set from the schema', () => {
    const lines = page.split('\n');
    expect(lines).toContain('| `location` | string | "japaneast" | Azure region. |');
    expect(lines).toContain('| `frontendPort` | number | required | Port on the LB frontend, which the private endpoint exposes to VM-A. |');
    expect(lines).toContain('| `os` | `"windows"` or `"linux"` | "windows" | Operating system. |');
    expect(lines).toContain('Set at `provider.backendVms[]`, `consumers[].clientVm`.');
    expect(lines).toContain('With `"type": "azurerm"`:');
    expect(page).toContain('| `backendVms` | list of [VmSettings](#vmsettings) |');
  });

  test("lists Azure's naming rules from the table synth checks names with", () => {
    const { NAME_RULES } = require('../../lib/validation/names');
    expect(page).toContain('| `virtualNetwork` | 2-64 | letters, digits, "_", "." and "-", starting with a letter or digit and ending with a letter, digit or "_" |');
    for (const [kind, rule] of Object.entries<any>(NAME_RULES)) expect(page).toContain(`| \`${kind}\` | ${rule.min}-${rule.max} |`);
    const edited = configReferenceText(schema, { subnet: { min: 1, max: 99, describe: 'anything' } });
    expect(edited).toContain('| `subnet` | 1-99 | anything |');
    expect(edited).not.toContain('`virtualNetwork`');
  });

  test('changes when a description in the schema changes', () => {
    const edited = JSON.parse(JSON.stringify(schema));
    edited.definitions.ProviderConfig.properties.location.description = 'Where it goes.\n\nDefault: "westeurope"';
    expect(configReferenceText(edited)).toContain('| `location` | string | "westeurope" | Where it goes. |');
    expect(configReferenceText(edited)).not.toBe(page);
  });
});
