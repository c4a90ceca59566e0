// npm run schema: regenerates schema/double-nat.config.schema.json from the configuration's types
// (lib/config/app-config.ts). A test fails when the committed file is stale.
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_SCHEMA_FILE, configSchemaText, generateConfigSchema } from './config-schema';

const root = path.resolve(__dirname, '..');
fs.mkdirSync(path.join(root, path.dirname(CONFIG_SCHEMA_FILE)), { recursive: true });
fs.writeFileSync(path.join(root, CONFIG_SCHEMA_FILE), configSchemaText(generateConfigSchema(root)));
console.log(`wrote ${CONFIG_SCHEMA_FILE}`);
