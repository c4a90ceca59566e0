/**
 * A clean first install and a quiet offline synth: every dependency with install scripts has a
 * recorded decision in package.json's allowScripts, and the .npmrc preload turns the cdktf CLI's
 * telemetry off (its offline failure is an ERROR line) without leaking into other folders.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Installed packages (name@version) whose package.json runs a script at install time. */
function withInstallScripts(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const packageDir = path.join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      withInstallScripts(packageDir, found);
      continue;
    }
    const manifest = path.join(packageDir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name, scripts = {}, gypfile } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      const native = gypfile !== false && fs.existsSync(path.join(packageDir, 'binding.gyp'));
      if (scripts.preinstall || scripts.install || scripts.postinstall || native) found.push(name);
    }
    if (fs.existsSync(path.join(packageDir, 'node_modules'))) withInstallScripts(path.join(packageDir, 'node_modules'), found);
  }
  return found;
}

test('allowScripts records a decision for exactly the installed packages with install scripts', () => {
  expect(Object.keys(pkg.allowScripts).sort()).toEqual([...new Set(withInstallScripts(path.join(root, 'node_modules')))].sort());
});

test('.npmrc preloads the telemetry switch for npm-run node processes', () => {
  expect(fs.readFileSync(path.join(root, '.npmrc'), 'utf8')).toMatch(/^node-options=--require double-nat-no-telemetry$/m);
});

test.each([
  [undefined, '1'],
  ['', ''],
  ['0', '0'],
])('the preload with CHECKPOINT_DISABLE=%p leaves it %p and removes itself from NODE_OPTIONS and npm\'s copy', (before, after) => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '--require double-nat-no-telemetry --max-old-space-size=512',
    npm_config_node_options: '--require double-nat-no-telemetry',
  };
  if (before === undefined) delete env.CHECKPOINT_DISABLE;
  else env.CHECKPOINT_DISABLE = before;
  const script = 'console.log(JSON.stringify([process.env.CHECKPOINT_DISABLE, process.env.NODE_OPTIONS, process.env.npm_config_node_options]))';
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd: path.join(root, 'lib'), // any folder of the project
    env,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([after, '--max-old-space-size=512', '']);
});

test.each([
  ['names a missing file', path.join(root, 'no-such-terraformrc'), undefined],
  ['names a file that exists', path.join(root, 'package.json'), path.join(root, 'package.json')],
])('the preload drops TF_CLI_CONFIG_FILE only when it %s (Terraform would warn, and cdktf print ERROR)', (_case, before, after) => {
  const run = spawnSync(process.execPath, ['-e', 'console.log(JSON.stringify({ file: process.env.TF_CLI_CONFIG_FILE }))'], {
    cwd: path.join(root, 'lib'),
    env: { ...process.env, NODE_OPTIONS: '--require double-nat-no-telemetry', TF_CLI_CONFIG_FILE: before },
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual({ file: after });
});
