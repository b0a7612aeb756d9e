/**
 * Generates packages/api-types/src/openapi.ts from openapi.yaml, or with
 * --check fails when the file is not what openapi.yaml generates now.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import openapiTS, { astToString } from 'openapi-typescript';

const SPEC = new URL('../openapi.yaml', import.meta.url);
const TARGET = fileURLToPath(new URL('../packages/api-types/src/openapi.ts', import.meta.url));
const HEADER = '// Generated from openapi.yaml by `pnpm generate:api-types`. Do not edit.\n\n';

const generated = HEADER + astToString(await openapiTS(SPEC));
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(TARGET, 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (current !== generated) {
    console.error('packages/api-types/src/openapi.ts is stale: run pnpm generate:api-types and commit it');
    process.exitCode = 1;
  } else {
    console.log('API types match openapi.yaml');
  }
} else {
  writeFileSync(TARGET, generated);
  console.log(`wrote ${TARGET}`);
}
