import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

/** The layout in a real terminal, at the widths people use: the built binary in a pane, read with capture-pane. */
let fx: DashboardFixture;

beforeEach(async () => {
  fx = new DashboardFixture();
  await fx.addSessions('alpha', 'beta', 'gamma');
  // Something for the preview to show, whichever session is on top (sessions created across a second boundary sort by it).
  for (const name of ['alpha', 'beta', 'gamma']) await fx.inner.tmux('send-keys', '-t', `=${name}:`, 'echo preview-marker', 'Enter');
});
afterEach(async () => {
  await fx.close();
});

const ROW = /^[› ][1-9 ][* ](alpha|beta|gamma)\b/;

/** Every hint the list's bar can show, whole. */
const LIST_HINTS = new Set(['↑↓ move', 'Enter attach', '→← tree', '/ filter', 's sort', 'n new', 'o project', 'R rename', 'd delete', 't tag', 'p preview', '? help', 'q quit']);

describe('the layout in a real terminal', () => {
  it('at 140×40 the preview is beside the list: a session row and a preview line share a screen line', async () => {
    await fx.start({ width: 140, height: 40 });
    const screen = await fx.waitForScreen(/gamma[\s\S]*preview-marker/, 'the list and the preview');
    const shared = screen.split('\n').filter((line) => ROW.test(line) && /│.*\S/.test(line.slice(line.indexOf('│'))) && line.includes('│'));
    expect(shared.length, screen).toBeGreaterThan(0);
    expect(screen.split('\n').some((line) => ROW.test(line) && /│.*(── |▸ |preview-marker)/.test(line)), screen).toBe(true);
  });

  it('at 100×30 the preview is below the list with at most one empty line between them', async () => {
    await fx.start({ width: 100, height: 30 });
    const screen = await fx.waitForScreen(/gamma[\s\S]*preview-marker/, 'the list and the preview');
    const lines = screen.split('\n');
    const lastRow = lines.findLastIndex((line) => ROW.test(line));
    const title = lines.findIndex((line) => /^── \S+ ─+$/.test(line.trimEnd()));
    expect(lastRow, screen).toBeGreaterThan(0);
    expect(title, screen).toBeGreaterThan(lastRow);
    expect(lines.slice(lastRow + 1, title).filter((line) => line.trim() === '').length, screen).toBeLessThanOrEqual(1);
  });

  it('the hint bar shows the most useful keys that fit, whole, and ? help, at 60, 80 and 100 columns, through resizes', async () => {
    const window = await fx.start({ width: 100, height: 30 });
    await fx.waitForScreen(/gamma/, 'the list');
    // Chosen by rank (? help first), shown in the keymap's order.
    const expected: Record<number, string> = {
      60: 'Enter attach · / filter · n new · d delete · ? help · q quit',
      80: 'Enter attach · / filter · n new · o project · R rename · d delete · ? help',
      100: 'Enter attach · →← tree · / filter · n new · o project · R rename · d delete · ? help · q quit',
    };
    // Narrower, wider, and narrower by the width alone: the frame is redrawn for each.
    for (const width of [60, 80, 100, 60]) {
      await window.resize(width, 30);
      let bar = '';
      await waitFor(async () => {
        bar = (await fx.screen()).split('\n').findLast((line) => line.trim() !== '')?.trimEnd() ?? '';
        return bar === expected[width] ? bar : undefined;
      }, `the hint bar for ${width} columns`).catch((error: unknown) => {
        throw new Error(`${String(error)}; the bar: ${bar}`);
      });
      const hints = bar.split(' · ');
      expect(bar.length).toBeLessThanOrEqual(width);
      expect(hints).toContain('? help');
      // The last visible key is a whole hint, never cut mid-word.
      for (const hint of hints) expect(LIST_HINTS.has(hint), hint).toBe(true);
    }
  });

  it('the split follows resizes: below at 100×30, beside at 140×40, below again', async () => {
    const window = await fx.start({ width: 100, height: 30 });
    // Whichever session is on top (they may have been created across a second boundary).
    const below = /^── (alpha|beta|gamma) ─+\s*$/m;
    await fx.waitForScreen(below, 'the preview below the list');
    await window.resize(140, 40);
    await fx.waitForScreen(/^ +session\b.*│── (alpha|beta|gamma) ─+\s*$/m, 'the preview beside the list');
    await window.resize(100, 30);
    const screen = await fx.waitForScreen(below, 'the preview below the list again');
    expect(screen).not.toMatch(/│/);
  });
});
