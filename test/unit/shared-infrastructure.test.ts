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
});
