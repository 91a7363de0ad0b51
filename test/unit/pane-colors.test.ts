import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/dashboard/settle.js';
import { step } from '../../src/dashboard/step.js';
import { screenLines } from '../../src/dashboard/view.js';
import { fullMeasure } from '../../src/sessions/measure-full.js';
import { applySgr, paneSegments } from '../../src/sessions/pane-colors.js';

describe('a pane’s colours in the preview', () => {
  it('reads SGR sequences as styles: basic, bright, 256 and true colours, attributes, resets', () => {
    const carried = { style: {} };
    expect(paneSegments('plain \x1b[1;31mred\x1b[22;39m back \x1b[38;5;208;48;2;0;128;255mx\x1b[0m', carried)).toEqual([
      { text: 'plain ', style: undefined },
      { text: 'red', style: { bold: true, fg: 'red' } },
      { text: ' back ', style: undefined },
      { text: 'x', style: { fg: 'ansi256(208)', bg: '#0080ff' } },
    ]);
    expect(applySgr({}, '92;104;3;4;7')).toEqual({ fg: 'greenBright', bg: 'blueBright', italic: true, underline: true, inverse: true });
    expect(applySgr({ fg: 'red', bold: true }, '')).toEqual({});
    // Out of range or unfinished colours change nothing.
    expect(applySgr({}, '38;5;999')).toEqual({});
    expect(applySgr({}, '38;2;1')).toEqual({});
  });

  it('carries a style from one line to the next, as the pane shows it', () => {
    const carried = { style: {} };
    paneSegments('\x1b[32mgreen starts', carried);
    expect(paneSegments('and goes on', carried)).toEqual([{ text: 'and goes on', style: { fg: 'green' } }]);
  });

  it('escapes everything else: other escape sequences and control characters never reach the terminal', () => {
    const segments = paneSegments('a\x1b]0;title\x07b\x1b[2Jc\x1b[?1049hd\x1b[31;1Hx\x9b31me\rf', { style: {} });
    const text = segments.map((segment) => segment.text).join('');
    expect(text).toBe('a\\x1b]0;title\\x07b\\x1b[2Jc\\x1b[?1049hd\\x1b[31;1Hx\\x9b31me\\x0df');
    // eslint-disable-next-line no-control-regex -- checking that none is left
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(segments.every((segment) => segment.style === undefined)).toBe(true);
  });
});

describe('the preview draws them', () => {
  it('as styled segments when the terminal has styles; SGR never reaches the text', () => {
    const session = { id: '$0', name: 'a', windows: 1, attached: 0, created: 0, activity: 0, lastAttached: null, path: '/', autoName: null, clients: [], panes: [{ id: '%0', windowId: '@0', windowIndex: 0, windowName: 'sh', windowActive: true, index: 0, active: true, command: 'sh', path: '/' }] };
    const context = { home: '/home/me', startDir: '/', insideTmux: false, inPopup: false, currentSessionId: undefined, ownPaneId: undefined, server: 'default', dryRun: false, aiCommands: new Set<string>(), styles: true, previewLines: 20, refreshIntervalMs: 2000, projectRoots: false, notify: 'off' as const };
    const state = initialState({ context, columns: 80, rows: 24, now: 0, sortMode: 'name', snapshot: { serverRunning: true, sessions: [session] }, selectedId: undefined, message: undefined });
    const captured = step(state, { type: 'previewCaptured', paneId: '%0', text: 'before \x1b[31mred\x1b[0m after\x1b]0;x\x07', lines: 20 }).state;
    const segments = screenLines(captured, fullMeasure).flat();
    expect(segments).toContainEqual({ text: 'red', style: { fg: 'red' } });
    expect(segments).toContainEqual({ text: ' after\\x1b]0;x\\x07', style: { dim: true } });
    expect(segments.some((segment) => segment.text.includes('\x1b'))).toBe(false);
  });
});
