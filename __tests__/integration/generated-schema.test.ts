/**
 * The committed JSON Schema of double-nat.config.json is what `npm run schema` makes of the types
 * today: generating it runs the TypeScript compiler over lib/config (about two seconds of CPU), so
 * the check is here rather than in `npm test`. After changing the configuration's types, run
 * `npm run schema` (it also regenerates docs/configuration.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_SCHEMA_FILE, configSchemaText, generateConfigSchema } from '../../scripts/config-schema';

const root = path.resolve(__dirname, '..', '..');

test(`${CONFIG_SCHEMA_FILE} is what \`npm run schema\` makes of the types today`, () => {
  expect(fs.readFileSync(path.join(root, CONFIG_SCHEMA_FILE), 'utf8')).toBe(configSchemaText(generateConfigSchema(root)));
});
