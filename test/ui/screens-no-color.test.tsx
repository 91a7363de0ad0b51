import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * Without colour (NO_COLOR, which the CLI turns into FORCE_COLOR=0 before
 * Ink loads) no style reaches the screen: every meaning the colours carry is
 * still said in symbols and words.
 */
process.env.FORCE_COLOR = '0';
const { FIXED_NOW, renderFixedApp } = await import('../helpers/fixed-app.js');

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: FIXED_NOW });
});
afterAll(() => {
  vi.useRealTimers();
});

describe('the dashboard without colour', () => {
  it('says in symbols and words what the colours say', async () => {
    const app = renderFixedApp({ columns: 80, rows: 24, context: { styles: false } });
    try {
      await app.until(/git push/, 'the list and the preview');
      const picture = app.screen.picture();
      await expect(picture).toMatchFileSnapshot('__screens__/80x24-list-no-color.txt');
      expect(picture).toMatch(/no styles/);
      const text = app.screen.textLines();
      // The selected row (›), the current session (*), clients attached (●N), an agent (AI).
      expect(text.find((line) => line.startsWith('›1*web'))).toMatch(/●2/);
      expect(text.find((line) => line.startsWith(' 2 api'))).toMatch(/●1\s+AI/);
      // Recent and old activity, in words.
      expect(text.join('\n')).toMatch(/40s ago[\s\S]*6w ago/);
      // The column labels.
      expect(text[1]).toMatch(/session\s+windows clients agent\s+active directory/);
    } finally {
      app.unmount();
    }
  });

  it('marks an error with ✗ (and information without it)', async () => {
    const app = renderFixedApp({ columns: 80, rows: 24, snapshot: { serverRunning: false, sessions: [] }, context: { styles: false } });
    try {
      await app.until(/✗ no tmux server is running \(default\)/, 'the error');
      expect(app.screen.picture()).toMatch(/no styles/);
    } finally {
      app.unmount();
    }
  });
});
