import list from './remote-access-tools.json' with { type: 'json' };

export type RemoteAccessCategory = 'remote-control' | 'rmm' | 'vnc' | 'rdp';

export interface RemoteAccessMatch {
  /** The canonical name, e.g. "Chrome Remote Desktop" for "remoting_host.exe". */
  tool: string;
  category: RemoteAccessCategory;
  /** Named in public reporting on North Korean IT-worker laptop farms. */
  namedInDprkCases: boolean;
}

const CATEGORIES: ReadonlySet<string> = new Set(['remote-control', 'rmm', 'vnc', 'rdp']);
/** Shorter names ("Radmin", "Atera") would claim unrelated products as prefixes ("Radmin VPN"). */
const MIN_PREFIX_LENGTH = 7;

// The parenthesised parts of "AnyDesk (64-bit)" and a file's extension say nothing about which tool it is.
const PARENTHESISED = /\([^)]*\)|\[[^\]]*\]/g;
const EXTENSION = /\.(exe|app|msi|dmg|pkg|lnk|appimage|deb|rpm|service|plist)$/;
// "TeamViewer 15", "RustDesk-1.2.3-x86_64", "winvnc4": a trailing version, perhaps with an architecture or build.
const VERSION_SUFFIX =
  /(?:[\s._-]*v?\d+(?:[._]\d+)*)?(?:[\s._-]+(?:x64|x86|x86[_-]64|amd64|arm64|aarch64|win32|win64|(?:32|64)-?bit|beta|rc\d*|portable|setup|installer))*$/;

/** The name reduced to what identifies it: lower case, last path segment, no extension, letters and digits. */
export function normaliseToolName(name: string): string {
  return compact(baseName(name));
}

function baseName(name: string): string {
  const lower = name.normalize('NFKC').toLowerCase().replace(PARENTHESISED, ' ');
  const segments = lower.split(/[\\/]/).filter((s) => s.trim() !== '');
  return (segments.at(-1) ?? '').trim().replace(EXTENSION, '').trim();
}

function compact(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Words separated by single spaces, so a prefix can be required to end where a word ends. */
function words(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const byAlias = new Map<string, RemoteAccessMatch>();
const byPrefix: [string, RemoteAccessMatch][] = [];
for (const entry of list.tools) {
  if (!CATEGORIES.has(entry.category))
    throw new Error(`remote-access-tools.json: ${entry.tool}: unknown category`);
  const match: RemoteAccessMatch = Object.freeze({
    tool: entry.tool,
    category: entry.category as RemoteAccessCategory,
    namedInDprkCases: entry.namedInDprkCases,
  });
  for (const alias of [entry.tool, ...entry.aliases]) {
    const key = normaliseToolName(alias);
    const taken = byAlias.get(key);
    // One spelling for two tools would make the answer depend on file order.
    if (taken !== undefined && taken !== match)
      throw new Error(`remote-access-tools.json: "${alias}" names both ${taken.tool} and ${entry.tool}`);
    byAlias.set(key, match);
  }
  // Names that may be followed by more words ("ScreenConnect Client"): the canonical one and one-word aliases.
  const prefixes = new Set([words(baseName(entry.tool))]);
  for (const alias of entry.aliases) if (/^[a-z]+$/.test(baseName(alias))) prefixes.add(baseName(alias));
  for (const prefix of prefixes)
    if (compact(prefix).length >= MIN_PREFIX_LENGTH) byPrefix.push([prefix, match]);
}
// Longest first, so a name is claimed by the most specific tool whose name it starts with.
byPrefix.sort((a, b) => b[0].length - a[0].length);

/**
 * Which listed remote-access tool a reported program name is, or null. Tried in order: the exact name
 * ("AnyDesk.exe", "remoting_host"), the name without its version ("TeamViewer 15", "RustDesk-1.2.3"), then a name
 * that starts with a tool's name ("AnyDesk Service", "ScreenConnect Client").
 */
export function matchRemoteAccessTool(name: string): RemoteAccessMatch | null {
  const base = baseName(name);
  const exact = compact(base);
  if (exact === '') return null;
  const unversioned = base.replace(VERSION_SUFFIX, '');
  for (const key of [exact, compact(unversioned)]) {
    const found = byAlias.get(key);
    if (found !== undefined) return found;
  }
  // "AnyDesk Service" is AnyDesk; "AnyDeskish" is not.
  const phrase = words(unversioned);
  for (const [prefix, match] of byPrefix)
    if (phrase === prefix || phrase.startsWith(`${prefix} `)) return match;
  return null;
}
