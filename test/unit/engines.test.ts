import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } }>;
};

type Version = [number, number, number];
const parse = (text: string): Version => {
  const [a = 0, b = 0, c = 0] = text
    .replace(/^v/, '')
    .split('.')
    .map((p) => Number.parseInt(p, 10) || 0);
  return [a, b, c];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether a version meets an npm engines range of the forms the lockfile uses (`>=x`, `^x.y.z`, `x`, `*`, `||`). */
function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((alternative) => {
    const part = alternative.trim().replace(/\s+/g, '');
    if (part === '' || part === '*') return true;
    if (part.startsWith('>=')) return compare(version, parse(part.slice(2))) >= 0;
    if (part.startsWith('^')) {
      const base = parse(part.slice(1));
      return version[0] === base[0] && compare(version, base) >= 0;
    }
    return version[0] === parse(part)[0];
  });
}

describe('The Node.js versions Daylight promises', () => {
  it('are the ones every installed package accepts, so npm ci warns of none', () => {
    // Prepare: the oldest version the README and package.json promise
    const oldest = parse(pkg.engines.node.replace('>=', ''));

    // Act
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => p.engines?.node !== undefined && !satisfies(oldest, p.engines.node))
      .map(([name, p]) => `${name} (${p.engines?.node})`);

    // Assess
    expect(refusing).toEqual([]);
    expect(satisfies(parse(process.version), pkg.engines.node)).toBe(true);
  });

  it('would catch a package that needs a newer Node', () => {
    expect(satisfies(parse('20.19.0'), '>=22')).toBe(false);
    expect(satisfies(parse('20.19.0'), '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies(parse('20.18.0'), '^20.19.0 || >=22.12.0')).toBe(false);
  });
});
