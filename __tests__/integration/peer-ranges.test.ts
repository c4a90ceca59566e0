/**
 * package.json's peer ranges are exactly as wide as the ends CI installs (flavours/peer-ends.json),
 * npm enforces them although the framework peers are optional, and the one peer checked at load
 * time (@cdktn/provider-azurerm) is checked there.
 */
import { spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as semver from 'semver';

const root = path.resolve(__dirname, '..', '..');
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

describe('npm and the load-time check enforce the ranges (stand-in packages, a local registry, an empty cache)', () => {
  let work: string;
  /**
   * npm resolving a peer conflict asks a registry for a version that fits the range, so the proof
   * needs one: this local registry knows only the stand-ins, and every install starts with an empty
   * cache of its own. Nothing depends on the machine's npm cache or on the public registry.
   */
  let registry: http.Server;
  let registryUrl: string;
  const packuments = new Map<string, object>();
  const tarballs = new Map<string, string>();
  const asked: string[] = [];

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-peers-'));
    registry = http.createServer((request, response) => {
      const name = decodeURIComponent((request.url ?? '/').slice(1));
      asked.push(name);
      const tarball = tarballs.get(name);
      const packument = packuments.get(name);
      if (tarball) {
        response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fs.readFileSync(tarball));
      } else if (packument) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
      } else {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      }
    });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
    // The registry offers each peer at its lowest proven end, as the public one would.
    for (const [name, version] of Object.entries(lows)) {
      const tarball = standIn(name, version);
      const file = `-/${name.replace('/', '+')}-${version}.tgz`;
      tarballs.set(file, tarball);
      const integrity = `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
      packuments.set(name, {
        name,
        'dist-tags': { latest: version },
        versions: { [version]: { name, version, dist: { tarball: `${registryUrl}${file}`, integrity } } },
      });
    }
  });
  afterAll(async () => {
    await new Promise((resolve) => registry.close(resolve));
    fs.rmSync(work, { recursive: true, force: true });
  });

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

  /**
   * npm resolving (lockfile only) our peer declarations next to these peer versions, with an empty
   * cache and the local registry. Asynchronous: the registry answers from this process.
   */
  async function install(versions: Record<string, string>): Promise<{ status: number | null; output: string }> {
    const app = fs.mkdtempSync(path.join(work, 'app-'));
    const ours = standIn('double-nat-azure', pkg.version, { peerDependencies: pkg.peerDependencies, peerDependenciesMeta: pkg.peerDependenciesMeta });
    const dependencies: Record<string, string> = { 'double-nat-azure': `file:${ours}` };
    for (const [name, version] of Object.entries(versions)) dependencies[name] = `file:${standIn(name, version)}`;
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies }));
    // None of the settings `npm test` passes down (a cache, offline mode, a log level) reach this npm.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
    Object.assign(env, { npm_config_cache: fs.mkdtempSync(path.join(work, 'cache-')), npm_config_registry: registryUrl, npm_config_noproxy: '127.0.0.1' });
    // Its own log level: under `npm test --silent` the inherited one would hide the ERESOLVE report.
    const child = spawn('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: app, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { status, output };
  }

  const lows = Object.fromEntries(Object.keys(pkg.peerDependencies).map((name) => [name, endRows.find((row) => row.name === name && row.end === 'low')!.version]));

  test('every peer at its lowest end installs without flags', async () => {
    expect(await install(lows)).toMatchObject({ status: 0 });
  }, 60_000);

  test('an optional peer below its range is refused with ERESOLVE, with an empty cache and only the local registry', async () => {
    asked.length = 0;
    const result = await install({ ...lows, cdktf: '0.20.999' });
    expect(result.output).not.toContain('ENOTCACHED');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('ERESOLVE');
    expect(result.output).toContain('peerOptional cdktf@"^0.21.0"');
    // npm looked for a cdktf that fits our range, and found it only where the test put it.
    expect(asked).toContain('cdktf');
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
