import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The dashboard's screens as pictures: Ink's real output, fed into a
 * headless terminal emulator, read back cell by cell (text and styles) and
 * compared exactly with the files in __screens__/. A change of the look
 * fails here until the pictures are looked at and accepted
 * (`npx vitest run test/ui/screens.test.tsx -u`, then review the diff).
 */

// Styles are part of the pictures: chalk (inside Ink) decides at import
// whether to write them, from the environment, so it is set before the App loads.
process.env.FORCE_COLOR = '1';
const { FIXED_NOW, renderFixedApp } = await import('../helpers/fixed-app.js');

beforeAll(() => {
  // Ticks read the clock: stopped, every age on screen stays as drawn.
  vi.useFakeTimers({ toFake: ['Date'], now: FIXED_NOW });
});
afterAll(() => {
  vi.useRealTimers();
});

const SIZES = [
  [60, 15],
  [80, 24],
  [120, 40],
  [200, 50],
] as const;

type App = ReturnType<typeof renderFixedApp>;

/** How to reach each screen from the start, and what says it is there. */
const SCREENS: Record<string, { snapshot?: 'empty' | 'no-server'; go: (app: App, withPreview: boolean) => Promise<unknown> }> = {
  list: { go: (app, withPreview) => app.until(withPreview ? /git push/ : /scratch/, 'the list') },
  filter: {
    go: async (app, withPreview) => {
      await app.until(/scratch/, 'the list');
      await app.press('/', /Esc leave/);
      await app.press('in', withPreview ? /"in"[\s\S]*git push/ : /"in"/);
    },
  },
  new: {
    go: async (app) => {
      await app.until(/scratch/, 'the list');
      await app.press('n', /New session/);
      await app.until(/= \/tmp/, 'the directory checked');
    },
  },
  rename: {
    go: async (app) => {
      await app.until(/scratch/, 'the list');
      await app.press('R', /Rename web/);
    },
  },
  delete: {
    go: async (app) => {
      await app.until(/scratch/, 'the list');
      await app.press('d', /Delete session web\?/);
    },
  },
  'delete-tagged': {
    go: async (app) => {
      await app.until(/scratch/, 'the list');
      await app.press('t', /1 tagged/);
      await app.press('t', /2 tagged/);
      await app.press('d', /Delete 2 tagged sessions\?/);
    },
  },
  help: {
    go: async (app) => {
      await app.until(/scratch/, 'the list');
      await app.press('?', /Session list/);
    },
  },
  'empty-server': { snapshot: 'empty', go: (app) => app.until(/No sessions/, 'the empty list') },
  'no-server': { snapshot: 'no-server', go: (app) => app.until(/not running/, 'the missing server') },
};

describe.each(SIZES)('the dashboard at %i×%i', (columns, rows) => {
  it.each(Object.keys(SCREENS))('%s', async (name) => {
    const screen = SCREENS[name];
    if (screen === undefined) throw new Error(name);
    const snapshot = screen.snapshot === undefined ? undefined : { serverRunning: screen.snapshot === 'empty', sessions: [] };
    const app = renderFixedApp({ columns, rows, snapshot });
    try {
      // The preview is on at start from 20 rows on.
      await screen.go(app, rows >= 20);
      await expect(app.screen.picture()).toMatchFileSnapshot(`__screens__/${columns}x${rows}-${name}.txt`);
    } finally {
      app.unmount();
    }
  });
});

describe('the split follows resizes', () => {
  it('below at 80×24, beside at 140×40, hidden at 60×10, below again', async () => {
    const app = renderFixedApp({ columns: 80, rows: 24 });
    try {
      await app.until(/^── web ─+$/m, 'the preview below');
      await app.resize(140, 40, /│── web ─+$/m);
      // A session row and the preview share screen lines.
      expect(app.screen.textLines().some((line) => /^›1\*web\b.*│▸ 0: dev/.test(line))).toBe(true);
      await app.resize(60, 10, /^(?![\s\S]*── web)[\s\S]*scratch/);
      await app.resize(80, 24, /^── web ─+$/m);
    } finally {
      app.unmount();
    }
  });
});
