import type { components } from './openapi.js';

export type { components, operations, paths } from './openapi.js';

/** The JSON bodies of the API, by their schema names in openapi.yaml. */
export type Schemas = components['schemas'];
