import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/architecture.md's layers, as rules: what each part of the code may import from the repository (a path
 * prefix), lowest first. Tests, benchmarks and scripts may import anything.
 */
const LAYERS: { layer: string; mayImport: string[] }[] = [
  { layer: 'shared/schema/', mayImport: ['shared/schema/'] },
  { layer: 'shared/domain/', mayImport: ['shared/schema/', 'shared/domain/'] },
  { layer: 'shared/config/', mayImport: ['shared/config/'] },
  { layer: 'shared/ports/', mayImport: ['shared/schema/', 'shared/domain/', 'shared/ports/'] },
  {
    layer: 'shared/adapters/',
    mayImport: ['shared/schema/', 'shared/domain/', 'shared/ports/', 'shared/config/', 'shared/adapters/'],
  },
  {
    layer: 'shared/pipeline/',
    mayImport: ['shared/schema/', 'shared/domain/', 'shared/ports/', 'shared/pipeline/'],
  },
  { layer: 'functions/catalog.ts', mayImport: ['shared/config/'] },
  { layer: 'functions/runtime/', mayImport: ['shared/', 'functions/runtime/'] },
  { layer: 'functions/', mayImport: ['shared/', 'functions/runtime/', 'functions/catalog.ts'] },
  { layer: 'infra/', mayImport: ['infra/', 'functions/catalog.ts', 'shared/config/'] },
  { layer: 'local/', mayImport: ['local/', 'functions/catalog.ts', 'shared/'] },
  { layer: 'cli/', mayImport: ['cli/', 'local/', 'functions/catalog.ts', 'shared/'] },
];

/** Packages of the cloud or the Lambda runtime: the pure layers never load them. */
const PURE = ['shared/schema/', 'shared/domain/', 'shared/ports/', 'shared/pipeline/'];
const CLOUD_PACKAGE = /^(@aws-sdk\/|aws-cdk-lib|constructs|@aws-lambda-powertools\/|aws-lambda)/;

const sources = execFileSync('git', ['ls-files', '*.ts', '*.mjs'], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .filter((file) => !file.endsWith('.d.ts'));

/** Static imports and exports of a file (dynamic imports by pattern, such as the local stack's handlers, excluded). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

function resolve(file: string, specifier: string): string {
  return normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts');
}

function ruleOf(file: string) {
  return LAYERS.find(({ layer }) => file.startsWith(layer));
}

describe('Layers', () => {
  it('has no import from a lower layer to a higher one', () => {
    const violations: string[] = [];
    for (const file of sources) {
      const rule = ruleOf(file);
      if (rule === undefined) continue;
      for (const specifier of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = resolve(file, specifier);
        if (!rule.mayImport.some((prefix) => target.startsWith(prefix)))
          violations.push(`${file} → ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps schema, domain, ports and services free of AWS and Lambda packages', () => {
    const violations = sources
      .filter((file) => PURE.some((layer) => file.startsWith(layer)))
      .flatMap((file) =>
        importsOf(file)
          .filter((s) => CLOUD_PACKAGE.test(s))
          .map((s) => `${file} → ${s}`),
      );
    expect(violations).toEqual([]);
  });

  it('knows every folder of code, so a new one gets a rule', () => {
    const unplaced = sources.filter(
      (file) => ruleOf(file) === undefined && !/^(test|bench|scripts|bin)\/|^[^/]+$/.test(file),
    );
    expect(unplaced).toEqual([]);
  });

  it('would catch a domain module that imported a port', () => {
    const rule = ruleOf('shared/domain/alerts.ts');
    const target = resolve('shared/domain/alerts.ts', '../ports/alert-store.js');
    expect(rule?.mayImport.some((prefix) => target.startsWith(prefix))).toBe(false);
  });
});
