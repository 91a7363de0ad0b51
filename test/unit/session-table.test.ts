import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { formatSessionTable } from '../../src/cli/commands.js';
import { fullMeasure } from '../../src/sessions/measure-full.js';
import { simpleMeasure } from '../../src/sessions/measure.js';
import type { Session } from '../../src/tmux/types.js';

function session(name: string, path = '/home/me/src'): Session {
  return { id: `$${name}`, name, windows: 1, attached: 0, created: 0, activity: 0, lastAttached: null, path, autoName: null, panes: [], clients: [] };
}

/** The terminal column where `needle` starts in `line`. */
function columnOf(line: string, needle: string): number {
  return stringWidth(line.slice(0, line.indexOf(needle)));
}

describe('list table', () => {
  it('lines its columns up in terminal cells: wide CJK and emoji count two, combining marks none', () => {
    const names = ['plain', '日本語', 'rocket 🚀', 'cafe\u0301', 'e\u0301\u0301\u0301x', '👩‍💻 dev'];
    const table = formatSessionTable(names.map((name) => session(name, `/p/${name}`)), '/home/me', fullMeasure, 0);
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(names.length + 1);
    const windows = columnOf(lines[0] ?? '', 'WINDOWS');
    const paths = columnOf(lines[0] ?? '', 'PATH');
    for (const [i, name] of names.entries()) {
      const line = lines[i + 1] ?? '';
      expect(line.startsWith(name)).toBe(true);
      expect(columnOf(line, '1  ')).toBe(windows);
      expect(columnOf(line, '/p/')).toBe(paths);
    }
  });

  it('cuts a long wide name to 40 cells, not 40 characters', () => {
    const table = formatSessionTable([session('漢'.repeat(30))], '/home/me', fullMeasure, 0);
    const name = table.split('\n')[1]?.split('  ')[0] ?? '';
    expect(stringWidth(name)).toBeLessThanOrEqual(40);
    expect(name.endsWith('…')).toBe(true);
  });

  it('the shortcut measure says when it met text it cannot measure (then list uses string-width)', () => {
    const simple = simpleMeasure();
    formatSessionTable([session('plain')], '/home/me', simple.measure, 0);
    expect(simple.sawOtherText()).toBe(false);
    formatSessionTable([session('日本語')], '/home/me', simple.measure, 0);
    expect(simple.sawOtherText()).toBe(true);
  });
});
