import { describe, expect, it } from 'vitest';
import { FixedIpLocator } from '../../shared/adapters/geoip/fixed-ip-locator.js';
import { EvidenceBook } from '../../shared/domain/evidence/evidence-book.js';
import { sharedInfrastructureFindings } from '../../shared/domain/shared-infrastructure.js';

const HOME = {
  country: 'US',
  city: 'Chicago',
  latitude: 41.9,
  longitude: -87.6,
  asn: 7922,
  organization: 'Comcast Cable Communications, LLC',
};
const PHONE = {
  country: 'US',
  city: 'Seattle',
  latitude: 47.6,
  longitude: -122.3,
  asn: 21928,
  organization: 'T-Mobile USA, Inc.',
};
const locator = new FixedIpLocator({ '73.45.12.9': HOME, '2601:240::1': HOME, '172.56.1.9': PHONE });

function signIn(book: EvidenceBook, contractorId: string, at: string, ip: string, n: number): void {
  book.add({
    id: `${contractorId}-${n}`,
    contractorId,
    type: 'login',
    at: Date.parse(at),
    ip,
    success: true,
  });
}

function findings(book: EvidenceBook) {
  book.addresses.locateAll(locator);
  return sharedInfrastructureFindings(book, book.contractorIds().sort());
}

describe('SHARED_INFRASTRUCTURE', () => {
  it('links two identities on one home address on the same day, naming each other and the times', () => {
    const book = new EvidenceBook();
    signIn(book, 'c-a', '2026-03-03T14:00:00Z', '73.45.12.9', 1);
    signIn(book, 'c-b', '2026-03-03T20:00:00Z', '73.45.12.9', 1);
    const result = findings(book);
    expect(result.get('c-a')?.severity).toBe('medium');
    expect(result.get('c-a')?.evidence.otherContractors).toEqual(['c-b']);
    expect(JSON.stringify(result.get('c-b')?.evidence)).toContain('2026-03-03T14:00:00.000Z');
  });

  it('recognises one IPv6 address however it is written', () => {
    const book = new EvidenceBook();
    signIn(book, 'c-a', '2026-03-03T14:00:00Z', '2601:240::1', 1);
    signIn(book, 'c-b', '2026-03-03T15:00:00Z', '2601:0240:0:0:0:0:0:0001', 1);
    expect(findings(book).get('c-b')?.evidence.otherContractors).toEqual(['c-a']);
  });

  it('leaves alone a home address handed to someone else weeks later, and a carrier’s shared CGNAT address', () => {
    const book = new EvidenceBook();
    signIn(book, 'c-a', '2026-03-03T14:00:00Z', '73.45.12.9', 1);
    signIn(book, 'c-b', '2026-03-24T14:00:00Z', '73.45.12.9', 1);
    signIn(book, 'c-a', '2026-03-05T14:00:00Z', '172.56.1.9', 2);
    signIn(book, 'c-b', '2026-03-05T14:10:00Z', '172.56.1.9', 2);
    expect(findings(book).size).toBe(0);
  });

  it('gives the same finding whatever order the sign-ins arrive in, the most telling address listed first', () => {
    // Prepare: two identities on seven home addresses (more than are listed), one of them on three days
    const homes = Array.from({ length: 7 }, (_, i) => `73.45.12.${10 + i}`);
    const shared = new FixedIpLocator(Object.fromEntries(homes.map((ip) => [ip, HOME])));
    const signIns: [string, string, string][] = homes.flatMap((ip, i) => [
      ['c-a', `2026-03-0${1 + i}T14:00:00Z`, ip],
      ['c-b', `2026-03-0${1 + i}T15:00:00Z`, ip],
    ]);
    for (const day of ['08', '09'])
      signIns.push(
        ['c-a', `2026-03-${day}T14:00:00Z`, homes[6] as string],
        ['c-b', `2026-03-${day}T16:00:00Z`, homes[6] as string],
      );
    const read = (order: [string, string, string][]) => {
      const book = new EvidenceBook();
      order.forEach(([contractor, at, ip], n) => {
        signIn(book, contractor, at, ip, n);
      });
      book.addresses.locateAll(shared);
      return sharedInfrastructureFindings(book, ['c-a', 'c-b']);
    };

    // Act
    const inOrder = read(signIns);
    const reversed = read([...signIns].reverse());

    // Assess
    expect(JSON.stringify([...reversed])).toBe(JSON.stringify([...inOrder]));
    const evidence = inOrder.get('c-a')?.evidence as { addresses: { ip: string }[] } | undefined;
    expect(evidence?.addresses.map((a) => a.ip)).toEqual([homes[6], homes[0], homes[1], homes[2], homes[3]]);
  });
});
