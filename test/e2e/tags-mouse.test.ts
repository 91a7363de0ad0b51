import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

// Tags, the batch delete and the mouse in a real terminal (a pane of the
// outer server), on four sessions whose names prefix one another: a kill
// by a bare name would take `foobar` for `foo`.
let fx: DashboardFixture;

beforeEach(() => {
  fx = new DashboardFixture();
});
afterEach(async () => {
  await fx.close();
});

const NAME_ORDER = { TMUX_DASHBOARD_SORT_MODE: 'name' };

/** The terminal pane's mouse reporting as tmux (the terminal here) tracks it: SGR and the standard button mode. */
async function mouseModes(): Promise<string> {
  return (await fx.terminal.outer.tmux('display-message', '-p', '-t', fx.window.id, '#{mouse_sgr_flag} #{mouse_standard_flag}')).trim();
}

/** An SGR report of the left button at screen `line` (0-based), press then release: what a terminal sends for a click. */
function click(line: number, column = 6): string {
  return `\x1b[<0;${column + 1};${line + 1}M\x1b[<0;${column + 1};${line + 1}m`;
}

async function lineOf(pattern: RegExp): Promise<number> {
  const lines = (await fx.screen()).split('\n');
  const index = lines.findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`no line matches ${String(pattern)}:\n${lines.join('\n')}`);
  return index;
}

describe('tags and the batch delete, end to end', () => {
  it('t on foo and foo2, then d and y: exactly those two are gone (foobar, which both prefix, stays)', async () => {
    await fx.addSessions('foo', 'foobar', 'foo2', 'bar');
    await fx.start({ env: NAME_ORDER });
    await fx.waitForScreen(/›1 bar/, 'the list in name order');
    // One write: down to foo, tag it (the cursor moves to foo2), tag foo2, delete.
    await fx.sendTogether('j', 't', 't', 'd');
    const screen = await fx.waitForScreen(/Delete 2 tagged sessions\?/, 'the one confirmation');
    expect(screen).toMatch(/foo +1 window, running: /);
    expect(screen).toMatch(/foo2 +1 window, running: /);
    expect(screen).not.toMatch(/foobar +1 window/);
    await fx.press('y');
    await fx.waitForScreen(/deleted 2/, 'the report');
    expect(await fx.names()).toEqual(['bar', 'foobar']);
  });

  it('a tagged session renamed by someone else before the confirmation is skipped, and the report says so', async () => {
    await fx.addSessions('foo', 'foobar', 'foo2', 'bar');
    await fx.start({ env: NAME_ORDER });
    await fx.waitForScreen(/›1 bar/, 'the list in name order');
    await fx.sendTogether('j', 't', 't', 'd');
    await fx.waitForScreen(/Delete 2 tagged sessions\?/, 'the confirmation');
    await fx.inner.tmux('rename-session', '-t', '=foo2', 'foo3');
    await fx.press('y');
    await fx.waitForScreen(/deleted 1, skipped 1: foo2 was renamed to foo3/, 'the report');
    expect(await fx.names()).toEqual(['bar', 'foo3', 'foobar']);
  });

  it('/ foo, Tab, T, d, y: every match goes, the rest stays', async () => {
    await fx.addSessions('foo', 'foobar', 'foo2', 'bar');
    await fx.start({ env: NAME_ORDER });
    await fx.waitForScreen(/›1 bar/, 'the list');
    await fx.type('/foo\tTd');
    await fx.waitForScreen(/Delete 3 tagged sessions\?/, 'the confirmation of the three matches');
    await fx.press('y');
    await fx.waitForScreen(/deleted 3/, 'the report');
    expect(await fx.names()).toEqual(['bar']);
  });
});

describe('the last session (L), end to end', () => {
  it("inside tmux: L switches the client back to the session it was in before (foo, not foobar), marked - in the list", async () => {
    await fx.addSessions('foo', 'foobar', 'work');
    const client = await fx.attachClient('foo');
    await fx.inner.tmux('switch-client', '-c', client.client, '-t', '=work');
    await waitFor(async () => ((await fx.clients()).map((each) => each.session).join() === 'work' ? true : undefined), 'the client on work');
    // Typed into work's shell: the dashboard runs inside tmux, in work.
    await client.run({ env: NAME_ORDER });
    await fx.waitForScreen(/1-foo /, 'foo marked as the last session');
    await fx.press('L');
    await waitFor(async () => ((await fx.clients()).map((each) => each.session).join() === 'foo' ? true : undefined), 'the client back on foo');
  });
});

describe('the mouse, end to end', () => {
  it('reporting is on while the UI shows; a click selects the row; a double click attaches; off while attached, on again after the detach, off after q', async () => {
    await fx.addSessions('foo', 'foobar', 'foo2', 'bar');
    await fx.start({ env: NAME_ORDER });
    await fx.waitForScreen(/›1 bar/, 'the list');
    expect(await mouseModes()).toBe('1 1');
    const foo2 = await lineOf(/ foo2 /);
    await fx.type(click(foo2));
    await fx.waitForScreen(/›3 foo2/, 'foo2 selected by the click');
    // Two clicks in one write: a double click.
    const foobar = await lineOf(/ foobar /);
    await fx.type(click(foobar) + click(foobar));
    await fx.waitForScreen(/\[foobar\]/, 'attached to foobar (tmux status line)');
    expect((await fx.clients()).map((client) => client.session)).toEqual(['foobar']);
    expect(await mouseModes()).toBe('0 0');
    await fx.press('C-b', 'd');
    // Marked - now: the session detached last, where L goes.
    await fx.waitForScreen(/›4-foobar/, 'the dashboard again, on foobar');
    expect(await mouseModes()).toBe('1 1');
    await fx.press('q');
    expect(await fx.waitForExit('quit')).toBe(0);
    expect(await mouseModes()).toBe('0 0');
  });

  it.each([
    ['SIGTERM', 15],
    ['SIGHUP', 1],
  ] as const)('ended by %s: mouse reporting is off again', async (signal, number) => {
    await fx.addSessions('alpha');
    const window = await fx.start();
    await window.press('s');
    await window.waitForScreen(/sort: name/, 'the UI to answer a key');
    expect(await mouseModes()).toBe('1 1');
    const status = JSON.parse((await fx.inner.cli(['status', '--json'])).stdout) as { pid: number };
    process.kill(status.pid, signal);
    expect(await window.waitForExit(`the dashboard to end on ${signal}`)).toBe(128 + number);
    expect(await mouseModes()).toBe('0 0');
  });

  it('a click on a hint does what its key does (? help); mouse: false leaves the mouse to the terminal', async () => {
    await fx.addSessions('alpha');
    await fx.start();
    await fx.waitForScreen(/\? help/, 'the hint bar');
    const lines = (await fx.screen()).split('\n');
    const hints = lines.findLastIndex((line) => /\? help/.test(line));
    await fx.type(click(hints, lines[hints]?.indexOf('? help') ?? 0));
    await fx.waitForScreen(/Help \(\?\)|Session list/, 'the help');
    await fx.press('q', 'q');
    expect(await fx.waitForExit('quit')).toBe(0);
    expect(await mouseModes()).toBe('0 0');
    await fx.start({ env: { TMUX_DASHBOARD_MOUSE: 'off' } });
    await fx.waitForScreen(/alpha/, 'the list');
    // Wait for the UI proper (a key acts), not only the first frame.
    await fx.press('?');
    await fx.waitForScreen(/Esc close/, 'the help');
    await waitFor(async () => ((await mouseModes()) === '0 0' ? true : undefined), 'mouse reporting to stay off');
  });
});
