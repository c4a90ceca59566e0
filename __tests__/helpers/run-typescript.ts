import { SpawnSyncOptionsWithStringEncoding, SpawnSyncReturns, spawnSync } from 'child_process';
import * as path from 'path';

/** The require hook every TypeScript entry point of this project runs through (as `cdktf.json` does). */
export const TRANSPILE_CACHE_HOOK = path.resolve(__dirname, '..', '..', 'scripts', 'transpile-cache.js');

/** Runs a TypeScript entry point in a new node process, the way `cdktf synth` and `npm run <script>` do. */
export function runTypeScript(entry: string, args: string[] = [], options: Omit<SpawnSyncOptionsWithStringEncoding, 'encoding'> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['-r', TRANSPILE_CACHE_HOOK, entry, ...args], { ...options, encoding: 'utf8' });
}
