/** The contractor report and its findings, exactly as in the telemetry contract (v1). */

export const FINDING_CODES = [
  'TIMEZONE_MISMATCH',
  'UNREACHABLE_IN_BUSINESS_HOURS',
  'OUTSIDE_BUSINESS_HOURS',
  'LOCATION_MISMATCH',
  'IMPOSSIBLE_TRAVEL',
  'MULTI_COUNTRY_LOGINS',
  'ANONYMIZING_NETWORK',
  'HIGH_RISK_REGION',
  'DEVICE_MISMATCH',
  'REMOTE_ACCESS_TOOL',
  'RECORDED_OFFSET_MISMATCH',
  'CLAIM_INCONSISTENCY',
  'SHARED_INFRASTRUCTURE',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** 0..1: how sure Daylight is that the contradiction is real. */
  confidence: number;
  /** One line a manager can read. */
  summary: string;
  /** The numbers behind the finding, for someone who wants to check it by hand. */
  evidence: Record<string, unknown>;
}

export interface OffsetCandidate {
  offsetMinutes: number;
  probability: number;
  /** Set when the candidate is a DST zone rather than a fixed offset. */
  timezone?: string;
}

export interface Report {
  contractorId: string;
  claimed: {
    timezone: string | null;
    /** The claimed zone's UTC offset at the dates of the activity (most common one). */
    utcOffsetMinutes: number | null;
    country: string | null;
    sources: string[];
    businessHours: { start: string; end: string; days: number[] } | null;
  };
  inferred: {
    utcOffsetMinutes: number | null;
    confidence: number;
    candidates: OffsetCandidate[];
    /** Where sign-ins and sessions geolocate, by country, as shares of those that locate the person. */
    countries: { country: string; share: number }[];
    /** Sign-ins by kind of network (residential, mobile, vpn, hosting…), as shares of successful sign-ins. */
    networks: { kind: string; share: number }[];
    /** The country whose UTC offsets the timezone prior leaned toward, from home sign-ins; null if none. */
    priorCountry: string | null;
    /** A DST zone whose rules fit the activity better than any fixed offset, when there is one. */
    timezone: string | null;
    workingHours: WorkingHours | null;
  };
  activity: {
    events: number;
    firstAt: string | null;
    lastAt: string | null;
    byType: Record<string, number>;
  };
  /** How the activity sits against the claimed hours; null without a claimed timezone. */
  hours: {
    insideBusinessHoursShare: number;
    coverageOfBusinessHours: number;
    businessHoursAssumed: boolean;
    replies: {
      businessHours: LatencySummary;
      outsideBusinessHours: LatencySummary;
      reachableInBusinessHours: boolean | null;
    };
  } | null;
  findings: Finding[];
  risk: { score: number; level: RiskLevel; drivers: { code: string; points: number }[] };
  /**
   * What the report could not take into account, in words, when something stored could not be read (absent when
   * everything was): the findings it affects may be missing or weaker.
   */
  limitations?: string[];
}

export interface LatencySummary {
  messages: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  unansweredShare: number;
}

export interface WorkingHours {
  /** Typical working window in inferred local time, "HH:MM". */
  start: string;
  end: string;
  /** Share of activity inside that window. */
  share: number;
}
