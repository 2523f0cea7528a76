import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_PROVIDERS } from '../../shared/domain/networks/catalog.js';

const providers = CATALOG_PROVIDERS;

/**
 * The catalogue against the ASN database it was verified with (@ip-location-db/asn, in node_modules): every
 * listed ASN must still be announced, under the organisation name recorded in `verifiedAs`. When the database
 * is upgraded and a name changes, check the entry again before updating the name.
 */
const packageDir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));

function organisationsByAsn(): Map<number, Set<string>> {
  const byAsn = new Map<number, Set<string>>();
  for (const file of ['asn-ipv4.csv', 'asn-ipv6.csv']) {
    for (const line of readFileSync(join(packageDir, file), 'utf8').split('\n')) {
      // start,end,asn,organisation — the organisation is quoted when it holds a comma.
      const match = /^[^,]*,[^,]*,(\d+),(.*)$/.exec(line);
      if (!match) continue;
      const asn = Number(match[1]);
      const organisation = (match[2] ?? '').replace(/^"(.*)"$/, '$1').replace(/""/g, '"');
      const names = byAsn.get(asn) ?? new Set<string>();
      names.add(organisation);
      byAsn.set(asn, names);
    }
  }
  return byAsn;
}

describe('the network catalogue against the ASN database', () => {
  const database = organisationsByAsn();

  it('finds every listed ASN under the organisation it was verified as', () => {
    const mismatches: string[] = [];
    for (const entry of providers) {
      const verified = entry.verifiedAs ?? {};
      for (const asn of entry.asns) {
        const names = database.get(asn);
        const expected = verified[String(asn)] ?? '';
        if (!names?.has(expected))
          mismatches.push(
            `${entry.provider} AS${asn}: expected "${expected}", found ${JSON.stringify([...(names ?? [])])}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
