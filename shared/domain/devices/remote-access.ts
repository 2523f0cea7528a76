import { round } from '../analysis/working-hours.js';
import type { Finding, Severity } from '../report.js';
import { type DeviceSighting, describeDevice } from './device-sightings.js';
import { matchRemoteAccessTool } from './remote-access-tools.js';

interface ToolUse {
  tool: string;
  reportedAs: Set<string>;
  category: string;
  listed: boolean;
  namedInDprkCases: boolean;
  devices: DeviceSighting[];
}

/**
 * Remote-desktop and remote-management programs running on the work device: how a laptop farm lets someone
 * abroad drive a laptop that signs in from a home connection in the claimed country. A program on Daylight's list
 * is medium on its own (IT support uses them too) and compounds with the clock and network findings; a name not
 * on the list is still reported, low, because the sender said it is a remote-access tool.
 */
export function remoteAccessToolFinding(devices: readonly DeviceSighting[]): Finding | null {
  const uses = new Map<string, ToolUse>();
  for (const d of devices) {
    for (const reported of d.device.remoteAccessTools ?? []) {
      if (reported.trim() === '') continue;
      const match = matchRemoteAccessTool(reported);
      const tool = match?.tool ?? reported.trim();
      let use = uses.get(tool);
      if (use === undefined) {
        use = {
          tool,
          reportedAs: new Set(),
          category: match?.category ?? 'unlisted',
          listed: match !== null,
          namedInDprkCases: match?.namedInDprkCases ?? false,
          devices: [],
        };
        uses.set(tool, use);
      }
      use.reportedAs.add(reported);
      if (!use.devices.includes(d)) use.devices.push(d);
    }
  }
  if (uses.size === 0) return null;
  const tools = [...uses.values()].sort(
    (a, b) => Number(b.listed) - Number(a.listed) || (a.tool < b.tool ? -1 : 1),
  );
  const severity: Severity = tools.some((t) => t.listed) ? 'medium' : 'low';
  const confidence = round(tools.some((t) => t.listed) ? 0.9 : 0.6);
  const first = Math.min(...tools.flatMap((t) => t.devices.map((d) => d.first)));
  return {
    code: 'REMOTE_ACCESS_TOOL',
    severity,
    confidence,
    summary: `Remote-access software on the work device: ${tools.map((t) => t.tool).join(', ')} (first reported ${new Date(first).toISOString().slice(0, 10)}).`,
    evidence: {
      tools: tools.map((t) => ({
        tool: t.tool,
        reportedAs: [...t.reportedAs].sort(),
        category: t.category,
        onDaylightList: t.listed,
        namedInDprkCases: t.namedInDprkCases,
        devices: t.devices.map(describeDevice),
      })),
    },
  };
}
