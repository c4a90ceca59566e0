import * as fs from 'fs';
import * as path from 'path';
import { DoubleNatValidationError } from '../validation/problems';
import { DoubleNatConfig } from './app-config';
import { findJsonSyntaxError } from './json-syntax';
import { HIDDEN } from '../validation/secrets';

/** The configuration file the app reads from the project root, when it exists. */
export const CONFIG_FILE = 'double-nat.config.json';
/** Names another configuration file (for example one per environment). */
export const CONFIG_ENV = 'DOUBLE_NAT_CONFIG';

export interface LoadedConfig {
  readonly config: DoubleNatConfig;
  /** The file it came from; undefined when the defaults apply. */
  readonly file?: string;
}

/**
 * Reads the configuration: the file named by DOUBLE_NAT_CONFIG, else ./double-nat.config.json,
 * else the defaults (the article's lab).
 */
export function loadConfig(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const named = env[CONFIG_ENV];
  const file = path.resolve(cwd, named || CONFIG_FILE);
  if (!fs.existsSync(file)) {
    if (named) {
      throw new DoubleNatValidationError([{ where: CONFIG_ENV, prop: CONFIG_ENV, value: named, allowed: 'the path of an existing JSON file' }]);
    }
    return { config: {} };
  }
  const text = fs.readFileSync(file, 'utf8');
  try {
    return { config: JSON.parse(text) as DoubleNatConfig, file };
  } catch {
    // Not JSON.parse's message: it quotes the text around the error, which may be a password.
    const where = path.relative(cwd, file);
    const syntax = findJsonSyntaxError(text);
    throw new DoubleNatValidationError([
      syntax
        ? { where, prop: `line ${syntax.line}, column ${syntax.column}`, value: HIDDEN, allowed: `${syntax.expected} (valid JSON)` }
        : { where, prop: '(file)', value: HIDDEN, allowed: 'valid JSON' },
    ]);
  }
}
