import { describe, expect, it } from 'vitest';
import {
  AGENCY_VPN,
  addressIn,
  CLIENT_CORPORATE_VPN,
  NET,
  type NetBlock,
  subBlock,
} from '../../cli/example/networks.js';
import { Random } from '../../cli/example/random.js';
import { MaxmindIpLocator } from '../../shared/adapters/geoip/maxmind-ip-locator.js';
import { classifyNetwork } from '../../shared/domain/networks/classify.js';
import { ANONYMIZING_KINDS } from '../../shared/domain/networks/network-class.js';

const locator = MaxmindIpLocator.open();
const SAMPLES = 400;

/** Addresses drawn as the generator draws them: a household's /24 (an IPv6 /64) anywhere in the block, then a host. */
function sample(block: NetBlock): string[] {
  const random = new Random(`check ${block.cidr}`);
  const prefix = block.cidr.includes(':') ? 64 : 24;
  return Array.from({ length: SAMPLES }, () => addressIn(subBlock(block, prefix, random), random));
}

describe('the example dataset’s address blocks, against the shipped databases', () => {
  const blocks = [
    ...Object.entries(NET),
    ['clientVpn', CLIENT_CORPORATE_VPN],
    ['agencyVpn', AGENCY_VPN],
  ] as const;

  it.each(blocks)(
    '%s geolocates where the persona lives and is the kind of network it claims to be',
    (_name, block) => {
      // Act
      const wrong = sample(block)
        .map((ip) => {
          const location = locator.locate(ip);
          const kind = classifyNetwork(ip, location).kind;
          const anonymizing = ANONYMIZING_KINDS.has(kind);
          const countryOk = block.kind === 'hosting' || location.country === block.country;
          const kindOk = block.kind === 'hosting' ? anonymizing : !anonymizing;
          return countryOk && kindOk ? null : `${ip}: ${location.country} ${location.organization} (${kind})`;
        })
        .filter((problem) => problem !== null);

      // Assess
      expect(wrong).toEqual([]);
    },
  );
});
