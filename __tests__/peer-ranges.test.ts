/**
 * package.json's peer ranges are exactly as wide as the ends CI installs (flavours/peer-ends.json),
 * npm enforces them although the framework peers are optional, and the one peer checked at load
 * time (@cdktn/provider-azurerm) is checked there.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as semver from 'semver';

const root = path.resolve(__dirname, '..');
const readJson = (file: string): any => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const pkg = readJson('package.json');
const ends: Record<string, Record<'low' | 'high', Record<string, string>>> = readJson('flavours/peer-ends.json');
delete (ends as any)['//'];
const ranges: Record<string, string> = { ...pkg.peerDependencies, ...pkg.loadTimePeerDependencies };
const endRows = Object.entries(ends).flatMap(([flavour, both]) =>
  (['low', 'high'] as const).flatMap((end) => Object.entries(both[end]).map(([name, version]) => ({ flavour, end, name, version }))),
);

test('every peer has ends in some flavour, and every end is a peer', () => {
  expect(new Set(endRows.map((row) => row.name))).toEqual(new Set(Object.keys(ranges)));
});

test.each(endRows)('$flavour $end end: $name $version is within the range', ({ name, version }) => {
  expect(semver.satisfies(version, ranges[name])).toBe(true);
});

test.each(Object.keys(ranges))('nothing below the lowest proven %s satisfies its range', (name) => {
  const lowest = endRows.filter((row) => row.name === name && row.end === 'low').map((row) => row.version).sort(semver.compare)[0];
  expect(semver.minVersion(ranges[name])!.version).toBe(lowest);
});

test.each(Object.keys(ranges))('%s stays below the next breaking release after its highest proven end', (name) => {
  const highest = endRows.filter((row) => row.name === name && row.end === 'high').map((row) => row.version).sort(semver.rcompare)[0];
  const breaking = semver.major(highest) > 0 ? semver.inc(highest, 'major')! : semver.inc(highest, 'minor')!;
  expect(semver.satisfies(breaking, ranges[name])).toBe(false);
});

test('framework peers are optional, so an app of one flavour never gets the other; constructs is required', () => {
  for (const name of Object.keys(pkg.peerDependencies)) {
    expect({ name, optional: pkg.peerDependenciesMeta?.[name]?.optional === true }).toEqual({ name, optional: name !== 'constructs' });
  }
});

test('the suite runs each flavour within its range, and the outside apps list their highest end', () => {
  const cdktnSuite = readJson('flavours/cdktn/package.json').devDependencies;
  for (const { flavour, name } of endRows) {
    const suite = flavour === 'cdktf' ? pkg.devDependencies : cdktnSuite;
    expect({ name, ok: semver.satisfies(suite[name], ranges[name]) }).toEqual({ name, ok: true });
  }
  for (const [flavour, app] of [['cdktf', 'examples/outside-app'], ['cdktn', 'examples/outside-app-cdktn']]) {
    const listed = readJson(`${app}/package.json`).dependencies;
    for (const [name, version] of Object.entries(ends[flavour].high)) expect({ name, version: listed[name] }).toEqual({ name, version });
  }
});

describe('npm and the load-time check enforce the ranges (offline, with stand-in packages)', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-peers-'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  /** A packed stand-in package with this name, version and package.json fields (tar, not npm pack: faster). */
  function standIn(name: string, version: string, fields: object = {}): string {
    const dir = path.join(work, 'src', `${name.replace('/', '+')}-${version}`);
    const tarball = `${dir}.tgz`;
    if (fs.existsSync(tarball)) return tarball;
    fs.mkdirSync(path.join(dir, 'package'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package', 'package.json'), JSON.stringify({ name, version, ...fields }));
    spawnSync('tar', ['-czf', tarball, '-C', dir, 'package']);
    return tarball;
  }

  /** npm resolving (offline, lockfile only) our peer declarations next to these peer versions. */
  function install(versions: Record<string, string>): { status: number | null; output: string } {
    const app = fs.mkdtempSync(path.join(work, 'app-'));
    const ours = standIn('double-nat-azure', pkg.version, { peerDependencies: pkg.peerDependencies, peerDependenciesMeta: pkg.peerDependenciesMeta });
    const dependencies: Record<string, string> = { 'double-nat-azure': `file:${ours}` };
    for (const [name, version] of Object.entries(versions)) dependencies[name] = `file:${standIn(name, version)}`;
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies }));
    // Its own log level: under `npm test --silent` the inherited one would hide the ERESOLVE report.
    const run = spawnSync('npm', ['install', '--offline', '--package-lock-only', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: app,
      encoding: 'utf8',
    });
    return { status: run.status, output: run.stdout + run.stderr };
  }

  const lows = Object.fromEntries(Object.keys(pkg.peerDependencies).map((name) => [name, endRows.find((row) => row.name === name && row.end === 'low')!.version]));

  test('every peer at its lowest end installs without flags', () => {
    expect(install(lows)).toMatchObject({ status: 0 });
  }, 60_000);

  test('an optional peer below its range is refused with ERESOLVE', () => {
    const result = install({ ...lows, cdktf: '0.20.999' });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('ERESOLVE');
    expect(result.output).toContain('peerOptional cdktf@"^0.21.0"');
  }, 60_000);

  test.each([
    ['16.1.0', undefined],
    ['15.9.0', 'needs @cdktn/provider-azurerm ^16.1.0, found 15.9.0'],
    ['17.0.0', 'needs @cdktn/provider-azurerm ^16.1.0, found 17.0.0'],
    [undefined, 'needs @cdktn/provider-azurerm ^16.1.0 in your app'],
  ])('double-nat-azure/cdktn with @cdktn/provider-azurerm %s loads or says why not', (version, error) => {
    const dir = fs.mkdtempSync(path.join(work, 'load-'));
    const ours = path.join(dir, 'node_modules', 'double-nat-azure');
    fs.mkdirSync(path.join(ours, 'cdktn'), { recursive: true });
    fs.mkdirSync(path.join(ours, 'dist', 'cdktn', 'lib'), { recursive: true });
    fs.copyFileSync(path.join(root, 'cdktn', 'index.js'), path.join(ours, 'cdktn', 'index.js'));
    fs.writeFileSync(path.join(ours, 'package.json'), JSON.stringify({ name: 'double-nat-azure', loadTimePeerDependencies: pkg.loadTimePeerDependencies }));
    fs.writeFileSync(path.join(ours, 'dist', 'cdktn', 'lib', 'index.js'), 'exports.loaded = true;');
    if (version) {
      fs.mkdirSync(path.join(dir, 'node_modules', '@cdktn', 'provider-azurerm'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'node_modules', '@cdktn', 'provider-azurerm', 'package.json'), JSON.stringify({ name: '@cdktn/provider-azurerm', version }));
    }
    const run = spawnSync(process.execPath, ['-e', 'console.log(require("double-nat-azure/cdktn").loaded)'], { cwd: dir, encoding: 'utf8' });
    if (error) expect(run.stderr).toContain(error);
    else expect(run.stdout.trim()).toBe('true');
  });
});
