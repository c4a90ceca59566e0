// npm run docs: regenerates docs/configuration.md from schema/double-nat.config.schema.json
// (scripts/config-docs.ts). `npm run schema` runs it too; a test fails when the page is stale.
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_DOCS_FILE, configReferenceText } from './config-docs';
import { CONFIG_SCHEMA_FILE } from './config-schema';

const root = path.resolve(__dirname, '..');
const schema = JSON.parse(fs.readFileSync(path.join(root, CONFIG_SCHEMA_FILE), 'utf8'));
fs.writeFileSync(path.join(root, CONFIG_DOCS_FILE), configReferenceText(schema));
console.log(`wrote ${CONFIG_DOCS_FILE}`);
