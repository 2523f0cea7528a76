import { describe, expect, it } from 'vitest';
import { matchRemoteAccessTool, normaliseToolName } from '../../shared/domain/devices/remote-access-tools.js';
import list from '../../shared/domain/devices/remote-access-tools.json' with { type: 'json' };

describe('matchRemoteAccessTool', () => {
  it.each([
    ['AnyDesk.exe', 'AnyDesk'],
    ['anydesk', 'AnyDesk'],
    ['C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe', 'AnyDesk'],
    ['AnyDesk (64-bit)', 'AnyDesk'],
    ['AnyDesk Service', 'AnyDesk'],
    ['TeamViewer 15', 'TeamViewer'],
    ['TeamViewer15', 'TeamViewer'],
    ['teamviewer_service', 'TeamViewer'],
    ['tv_x64.exe', 'TeamViewer'],
    ['/Applications/TeamViewer.app/Contents/MacOS/TeamViewer', 'TeamViewer'],
    ['remoting_host', 'Chrome Remote Desktop'],
    ['remoting_host.exe', 'Chrome Remote Desktop'],
    ['Chrome Remote Desktop Host', 'Chrome Remote Desktop'],
    ['RustDesk-1.2.3-x86_64.exe', 'RustDesk'],
    ['ScreenConnect.ClientService.exe', 'ConnectWise ScreenConnect'],
    ['ScreenConnect Client (f8a3c2d1)', 'ConnectWise ScreenConnect'],
    ['aa_v3.exe', 'Ammyy Admin'],
    ['rserver3.exe', 'Radmin'],
    ['winvnc4.exe', 'RealVNC'],
    ['VNC Viewer 7.1', 'VNC (unspecified)'],
    ['tvnserver.exe', 'TightVNC'],
    ['mstsc.exe', 'Microsoft Remote Desktop'],
    ['screensharingd', 'Apple Remote Desktop / Screen Sharing'],
    ['NinjaRMMAgent.exe', 'NinjaOne'],
    ['x2goclient', 'X2Go'],
  ])('recognises %j as %s', (reported, tool) => {
    expect(matchRemoteAccessTool(reported)?.tool).toBe(tool);
  });

  it('says which tools the DPRK laptop-farm reporting names, and their category', () => {
    expect(matchRemoteAccessTool('AnyDesk.exe')).toEqual({
      tool: 'AnyDesk',
      category: 'remote-control',
      namedInDprkCases: true,
    });
    expect(matchRemoteAccessTool('AteraAgent.exe')).toEqual({
      tool: 'Atera',
      category: 'rmm',
      namedInDprkCases: false,
    });
  });

  it.each(['Zoom', 'Notepad++', 'Radmin VPN', 'Remote Desktop Manager', '15', '', '   ', 'anydeskish'])(
    'matches nothing for %j',
    (reported) => {
      expect(matchRemoteAccessTool(reported)).toBeNull();
    },
  );

  it('recognises every listed name of every tool as that tool', () => {
    for (const entry of list.tools)
      for (const alias of [entry.tool, ...entry.aliases])
        expect(matchRemoteAccessTool(alias)?.tool, alias).toBe(entry.tool);
  });

  it('cites a source for every tool and gives each a known category', () => {
    for (const entry of list.tools) {
      expect(entry.sources.length, entry.tool).toBeGreaterThan(0);
      expect(['remote-control', 'rmm', 'vnc', 'rdp']).toContain(entry.category);
    }
  });
});

describe('normaliseToolName', () => {
  it('keeps letters and digits of the last path segment, without the extension', () => {
    expect(normaliseToolName('C:\\Tools\\TeamViewer_Service.EXE')).toBe('teamviewerservice');
    expect(normaliseToolName('Ａｎｙ Desk')).toBe('anydesk');
  });
});
