import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  constructIdOf,
  entryOf,
  FUNCTION_NAMES,
  RESOURCE_VARIABLES,
  routeOf,
  type Table,
} from '../../functions/catalog.js';

const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url);
/** The handler files: every .ts file directly in functions/ but the catalog itself. */
const handlerFiles = readdirSync(FUNCTIONS_DIR)
  .filter((file) => file.endsWith('.ts') && file !== 'catalog.ts')
  .map((file) => file.slice(0, -'.ts'.length));

describe('The function catalog', () => {
  it('has one entry per handler file in functions/, and one handler file per entry', () => {
    expect([...FUNCTION_NAMES].sort()).toEqual(handlerFiles.sort());
  });

  it.each(FUNCTION_NAMES)('finds an exported handler in functions/%s.ts', (name) => {
    const source = readFileSync(new URL(`${name}.ts`, FUNCTIONS_DIR), 'utf8');
    expect(source).toMatch(/^export (const handler =|async function handler\()/m);
  });

  it('gives every function a name of its own, one route per route and one construct id each', () => {
    const routes = FUNCTION_NAMES.map(routeOf).flatMap((r) =>
      r === undefined ? [] : [`${r.method} ${r.path}`],
    );
    expect(new Set(routes).size).toBe(routes.length);
    expect(new Set(FUNCTION_NAMES.map(constructIdOf)).size).toBe(FUNCTION_NAMES.length);
    for (const name of FUNCTION_NAMES) expect(name).toMatch(/^[a-z]+(-[a-z]+)+$/);
  });

  it.each(FUNCTION_NAMES)('names in the environment of %s exactly the resources it may touch', (name) => {
    // Prepare
    const { access, environment } = entryOf(name);
    const variables = Object.keys(environment.shape as Record<string, z.ZodType>);
    const resourceVariables = new Set<string>([
      ...Object.values(RESOURCE_VARIABLES.tables),
      ...Object.values(RESOURCE_VARIABLES.queues),
      ...Object.values(RESOURCE_VARIABLES.topics),
    ]);

    // Act
    const granted = [
      ...Object.keys(access.tables ?? {}).map((t) => RESOURCE_VARIABLES.tables[t as Table]),
      ...(access.sendsTo ?? []).map((q) => RESOURCE_VARIABLES.queues[q]),
      ...(access.publishesTo ?? []).map((t) => RESOURCE_VARIABLES.topics[t]),
    ];

    // Assess
    expect(variables.filter((v) => resourceVariables.has(v)).sort()).toEqual(granted.sort());
  });
});
