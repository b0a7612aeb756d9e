import { readFileSync } from 'node:fs';

import { parse as parseYaml } from 'yaml';

/** The contract at the repository root; request validation and Swagger UI both read it. */
export const OPENAPI_PATH = new URL('../../../openapi.yaml', import.meta.url);

export type OpenApiDocument = Record<string, unknown> & {
  openapi: `3.0.${string}`;
  info: { title: string; version: string };
  paths: Record<string, unknown>;
};

/**
 * Parses the contract and writes the running server's `max_workers` into the
 * shared `Workers` schema: the validator then enforces the configured limit
 * and Swagger UI shows it, without a second copy of the rule in the handlers.
 */
export function loadOpenApiDocument(options: { maxWorkers: number; path?: URL | string }): OpenApiDocument {
  const document = parseYaml(readFileSync(options.path ?? OPENAPI_PATH, 'utf8')) as OpenApiDocument;
  const workers = (document.components as { schemas: Record<string, Record<string, unknown>> }).schemas
    .Workers;
  if (workers === undefined) throw new Error('openapi.yaml has no components.schemas.Workers');
  workers.maximum = options.maxWorkers;
  return document;
}
