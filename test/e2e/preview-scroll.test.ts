import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture, type TerminalWindow } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

/** The preview scrolled back (Tab, PgUp) in a real terminal, on a pane that goes on printing. */
let fx: DashboardFixture;

beforeEach(() => {
  fx = new DashboardFixture();
});
afterEach(async () => {
  await fx.close();
});

/** The numbers of the `tick-N` lines on the screen (only the preview shows them), and how far back its title says it is. */
function readPreview(screen: string): { ticks: number[]; back: number | undefined } {
  const ticks = [...screen.matchAll(/tick-(\d+)/g)].map((match) => Number(match[1]));
  const back = /(\d+) lines back/.exec(screen)?.[1];
  return { ticks, back: back === undefined ? undefined : Number(back) };
}

/**
 * Tab and `keys` in one write, then the view once it stands still for
 * `stillMs`: until the capture that reaches that far back has answered, the
 * view waits at the first line it has.
 */
async function scrollBack(window: TerminalWindow, keys: string[], stillMs: number): Promise<{ ticks: number[]; back: number | undefined }> {
  await window.sendTogether('Tab', ...keys);
  await fx.waitForScreen(/\d+ lines back/, 'the preview scrolled back');
  return waitFor(async () => {
    const before = readPreview(await fx.screen());
    await new Promise((resolve) => setTimeout(resolve, stillMs));
    const after = readPreview(await fx.screen());
    return before.ticks.length > 5 && after.ticks.join() === before.ticks.join() ? after : undefined;
  }, 'the scrolled preview to stand still');
}

describe('the preview scrolled back', () => {
  it('keeps the lines read on screen while the pane prints ten lines a second below them', async () => {
    // 300 lines of history at once, then one more every 0.1 s.
    await fx.inner.tmux('new-session', '-d', '-s', 'ticker', '-x', '120', '-y', '40', "seq -f 'tick-%g' 1 300; i=300; while :; do i=$((i+1)); echo tick-$i; sleep 0.1; done");
    const window = await fx.start({ width: 140, height: 40 });
    await fx.waitForScreen(/tick-3\d\d/, 'the preview of the printing pane');
    const first = await scrollBack(window, ['PPage', 'PPage'], 500);
    // The preview is captured again about once a second while the pane prints: three captures at least.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const later = readPreview(await fx.screen());
    expect(later.ticks, 'the same lines on screen').toEqual(first.ticks);
    // ~35 lines arrived below: the title counts them.
    expect(later.back ?? 0).toBeGreaterThan((first.back ?? 0) + 15);
    // G follows the pane again: the newest lines.
    await window.press('G');
    const followed = readPreview(await fx.waitForScreenWithout(/lines back/, 'the preview following the pane'));
    expect(Math.max(...followed.ticks)).toBeGreaterThan(Math.max(...later.ticks) + 15);
  });

  it('holds still through bursts of more than a screen between two captures, and on rows a long line wraps into', async () => {
    // 100 lines at once every half second (200 a second, more than a screen between two captures), each 200 characters wide: two rows each in a 120-column pane.
    await fx.inner.tmux('new-session', '-d', '-s', 'burst', '-x', '120', '-y', '40', "seq -f 'tick-%g' 1 300; i=300; while :; do j=0; while [ $j -lt 100 ]; do i=$((i+1)); j=$((j+1)); printf 'tick-%d %0190d\\n' $i 0; done; sleep 0.5; done");
    const window = await fx.start({ width: 140, height: 40 });
    await fx.waitForScreen(/tick-\d{3,}/, 'the preview of the printing pane');
    const first = await scrollBack(window, ['PPage'], 700);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const later = readPreview(await fx.screen());
    expect(later.ticks, 'the same lines on screen').toEqual(first.ticks);
    // ~600 lines, each two rows, arrived below.
    expect(later.back ?? 0).toBeGreaterThan((first.back ?? 0) + 400);
  });
});
