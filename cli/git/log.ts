/**
 * Reading `git log` output into activity events. Each commit is one line of fields separated by the ASCII
 * unit separator, which no name, email or date contains in practice (unlike `|` or tabs); the author name
 * comes last so even a name that did contain it would stay whole.
 */
import type { TelemetryEventInput } from '../../shared/schema/events.js';

export const GIT_LOG_FORMAT = '%H%x1f%aI%x1f%cI%x1f%ae%x1f%an';
const SEPARATOR = '\x1f';

/**
 * Arguments for `git log` that list every commit reachable from any ref, once, without merges. `--since` is not
 * given to git: git stops walking at the first commit older than it, so a history whose dates go back and forth
 * (rebases, skewed clocks) would lose newer commits behind it; the caller filters with `sinceInstant` instead.
 */
export function gitLogArguments(): string[] {
  return ['log', '--all', '--no-merges', '--no-color', '--no-show-signature', `--format=${GIT_LOG_FORMAT}`];
}

export interface GitCommit {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** The author date exactly as git printed it (strict ISO 8601 with the recorded offset). */
  authoredAt: string;
  committedAt: string;
  /** The UTC offset git recorded with the author date, in minutes (east positive). */
  authorOffsetMinutes: number;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const STRICT_ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/;

/** One commit from one line of `git log --format=GIT_LOG_FORMAT`, or undefined for a line that is not one. */
export function parseGitLogLine(line: string): GitCommit | undefined {
  const fields = line.replace(/\r$/, '').split(SEPARATOR);
  if (fields.length < 5) return undefined;
  const [sha = '', authoredAt = '', committedAt = '', authorEmail = ''] = fields;
  const authorName = fields.slice(4).join(SEPARATOR);
  const authorOffsetMinutes = isoOffsetMinutes(authoredAt);
  if (!SHA.test(sha) || authorOffsetMinutes === undefined || isoOffsetMinutes(committedAt) === undefined) {
    return undefined;
  }
  return { sha, authorName, authorEmail, authoredAt, committedAt, authorOffsetMinutes };
}

/** `+05:30` → 330, `-08:00` → -480, `Z` → 0; undefined for anything but a strict ISO 8601 date-time. */
export function isoOffsetMinutes(text: string): number | undefined {
  const match = STRICT_ISO.exec(text);
  const clock = match?.[1];
  // Date.parse rolls 30 February over into March; a clock that does not survive the round trip is not a date.
  const ms = clock === undefined ? Number.NaN : Date.parse(`${clock}Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== clock) return undefined;
  const offset = match?.[2] ?? 'Z';
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** The range the telemetry contract accepts for a recorded offset. */
const MIN_OFFSET = -720;
const MAX_OFFSET = 840;

/**
 * The activity event for a commit: `at` keeps the author date as git recorded it, offset and all. An offset
 * outside what any zone uses (hand-made commits) is not evidence of anything: the time is kept in UTC and
 * the offset left out.
 */
export function commitEvent(commit: GitCommit, contractorId: string): TelemetryEventInput {
  const plausible = commit.authorOffsetMinutes >= MIN_OFFSET && commit.authorOffsetMinutes <= MAX_OFFSET;
  return {
    id: `git:${commit.sha}`,
    contractorId,
    type: 'activity',
    at: plausible ? commit.authoredAt : `${new Date(commit.authoredAt).toISOString().slice(0, 19)}Z`,
    source: 'git',
    kind: 'commit',
    ...(plausible ? { recordedOffsetMinutes: commit.authorOffsetMinutes } : {}),
  };
}

/**
 * The instant a `--since` value means, in epoch ms: a date (YYYY-MM-DD) is the start of that day in UTC, not
 * that day at the current time of day as git would read it.
 */
export function sinceInstant(text: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
}

/** An error message for a `--since` value, or undefined when it is a date (YYYY-MM-DD) or RFC 3339 time. */
export function sinceProblem(text: string): string | undefined {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/.test(text);
  if ((!day && !instant) || Number.isNaN(Date.parse(day ? `${text}T00:00:00Z` : text))) {
    return `--since must be a date (YYYY-MM-DD) or an RFC 3339 time, not '${text}'`;
  }
  if (day && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    return `--since names a day that does not exist: '${text}'`;
  }
  return undefined;
}
