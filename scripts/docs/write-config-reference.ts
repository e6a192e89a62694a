// `npm run docs:config`: rewrites docs/config-reference.md from the schema.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configReference } from './config-reference';

const target = join(import.meta.dirname, '..', '..', 'docs', 'config-reference.md');
writeFileSync(target, configReference() + '\n');
console.log(`wrote ${target}`);
