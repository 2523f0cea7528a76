/** Claims: the one effective claim, and the contradictions between a contractor's claim records. */
export { compareClaims } from './compare.js';
export { CONTRADICTION_KINDS, type ContradictionKind, HIGH_RISK_COUNTRIES } from './contradiction.js';
export { compareNames, type NameComparison, nameTokens, SAME_NAME_THRESHOLD } from './names.js';
export { type PhoneCountry, phoneCountry, phoneRealm } from './phones.js';
export {
  type ClaimField,
  clockMinutes,
  DEFAULT_BUSINESS_HOURS,
  type EffectiveBusinessHours,
  type EffectiveClaim,
  InvalidClaimSetError,
  resolveClaims,
} from './resolve.js';
export { byPrecedence, knownSource, SOURCE_PRECEDENCE, sourceRank } from './sources.js';
export { countryOfZone, isCountrylessZone, offsetsOfCountry, offsetsOfZone, zoneOfCountry } from './zones.js';
