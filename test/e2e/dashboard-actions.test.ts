import { mkdirSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

let fx: DashboardFixture;

beforeEach(() => {
  fx = new DashboardFixture();
});
afterEach(async () => {
  await fx.close();
});

async function panePath(session: string): Promise<string> {
  return (await fx.inner.tmux('display-message', '-p', '-t', `=${session}:`, '#{pane_current_path}')).trim();
}

describe('the dashboard, end to end', () => {
  it('lists the sessions; / filters them live; Esc clears, Esc again leaves', async () => {
    await fx.addSessions('alpha', 'work-api', 'beta');
    await fx.start();
    await fx.waitForScreen(/alpha[\s\S]*beta|beta[\s\S]*alpha/, 'the list');
    await fx.press('/', 'w', 'a');
    let screen = await fx.waitForScreen(/\/wa█/, 'the filter line');
    expect(screen).toMatch(/work-api/);
    expect(screen).not.toMatch(/ alpha /);
    expect(screen).not.toMatch(/ beta /);
    await fx.press('Escape');
    screen = await fx.waitForScreen(/\/█/, 'the cleared filter');
    expect(screen).toMatch(/alpha/);
    await fx.press('Escape');
    await fx.waitForScreen(/Enter attach · →← tree · \/ filter/, 'the normal hints');
  });

  it('keys typed before the first frame wait for it, in order: j and Enter at once attach the second session', async () => {
    await fx.addSessions('alpha', 'beta');
    await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' } });
    // Typed while the process is still starting: nothing is on the screen yet.
    expect(await fx.screen()).not.toMatch(/tmux-dashboard/);
    await fx.sendTogether('j', 'Enter');
    await fx.waitForScreen(/\[beta\]/, 'beta attached (tmux status line)');
  });

  it('a server that does not answer (stopped): Ctrl-C still ends the dashboard while it waits', async () => {
    await fx.addSessions('alpha');
    const pid = Number((await fx.inner.tmux('display-message', '-p', '#{pid}')).trim());
    process.kill(pid, 'SIGSTOP');
    try {
      const window = await fx.start();
      // Ctrl-C only once the dashboard is waiting for tmux's answer, not while Node starts.
      const asking = (args: string) => /^(\S*\/)?tmux /.test(args) && args.includes(fx.inner.socketName);
      await waitFor(async () => ((await window.processes()).some(asking) ? true : undefined), 'the dashboard to wait for tmux');
      await fx.press('C-c');
      await fx.waitForScreen(/rc=130/, 'the dashboard ended by SIGINT');
      expect(await fx.waitForExit()).toBe(130);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  it('d + y kills exactly the selected foo; foobar survives', async () => {
    await fx.addSessions('foobar', 'foo');
    await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' } });
    await fx.waitForScreen(/›1 foo\s/, 'foo selected (name order)');
    await fx.press('d');
    const screen = await fx.waitForScreen(/Delete session foo\?/, 'the confirmation');
    expect(screen).toMatch(/running: /);
    await fx.press('y');
    await fx.waitForScreen(/deleted foo/, 'the notice');
    expect(await fx.names()).toEqual(['foobar']);
  });

  it('the selected session closed elsewhere: d y in one write does not delete the row that took its place', async () => {
    await fx.addSessions('api', 'keepme', 'zeta');
    await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' } });
    await fx.waitForScreen(/›1 api\s/, 'api selected (name order)');
    await fx.press('Down');
    await fx.waitForScreen(/›2 keepme\s/, 'keepme selected');
    await fx.inner.tmux('kill-session', '-t', '=keepme');
    await fx.waitForScreen(/›2 zeta\s/, 'the selection moved to zeta');
    await fx.sendTogether('d', 'y');
    const dialog = await fx.waitForScreen(/Delete session zeta\?/, 'the confirmation');
    expect(dialog).toMatch(/session keepme closed meanwhile; the selection moved here: y again deletes it/);
    expect(await fx.names()).toEqual(['api', 'zeta']);
    await fx.press('y');
    await fx.waitForScreen(/deleted zeta/, 'the notice');
    expect(await fx.names()).toEqual(['api']);
  });

  it('d + n keeps the session; dry run refuses', async () => {
    await fx.addSessions('keep');
    await fx.start();
    await fx.waitForScreen(/keep/, 'the list');
    await fx.press('d');
    await fx.waitForScreen(/Delete session keep\?/, 'the confirmation');
    await fx.press('n');
    const closed = await fx.waitForScreenWithout(/Delete session keep\?/, 'the confirmation to close');
    expect(closed).toMatch(/keep/);
    expect(await fx.names()).toEqual(['keep']);
    await fx.press('q');
    expect(await fx.waitForExit('quit')).toBe(0);
    // A kill the key had started would have reached tmux by now.
    expect(await fx.names()).toEqual(['keep']);
    await fx.start({ env: { TMUX_DASHBOARD_DRY_RUN: '1' } });
    await fx.waitForScreen(/keep/, 'the list');
    await fx.press('d');
    await fx.waitForScreen(/dry run is on: deleting is refused/, 'the refusal');
    expect(await fx.names()).toEqual(['keep']);
  });

  it('R renames the selected session (prefilled; the sanitised result shown)', async () => {
    await fx.addSessions('old');
    await fx.start();
    await fx.waitForScreen(/old/, 'the list');
    await fx.press('R');
    await fx.waitForScreen(/New name: old/, 'the prefilled prompt');
    await fx.press('BSpace', 'BSpace', 'BSpace');
    await fx.type('new.name');
    await fx.waitForScreen(/→ Enter renames it to new_name/, 'the sanitised result');
    await fx.press('Enter');
    await fx.waitForScreen(/renamed old → new_name/, 'the notice');
    expect(await fx.names()).toEqual(['new_name']);
  });

  it('n from a subfolder of a git repository creates the session in the repository root and attaches', async () => {
    await fx.addSessions('other');
    const repo = path.join(fx.home, 'src', 'my.repo');
    const sub = path.join(repo, 'packages', 'web');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(sub, { recursive: true });
    await fx.start({ cwd: sub });
    await fx.waitForScreen(/other/, 'the list');
    await fx.press('n');
    const screen = await fx.waitForScreen(/→ Enter creates my_repo/, 'the prompt with the project name');
    expect(screen).toMatch(/Name: my_repo/);
    await fx.press('Enter');
    // Attached (outside tmux): the new session's status line shows.
    await fx.waitForScreen(/\[my_repo\]/, 'attached to the new session');
    expect(await panePath('my_repo')).toBe(repo);
    // Detach: back in the dashboard, the cursor on the new session.
    await fx.press('C-b', 'd');
    await fx.waitForScreen(/›\d.my_repo/, 'the dashboard again, on my_repo');
  });

  it('outside tmux: Enter attaches; detaching brings the dashboard back on that session', async () => {
    await fx.addSessions('alpha', 'beta');
    await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' } });
    await fx.waitForScreen(/›1 alpha/, 'the list');
    await fx.press('j', 'Enter');
    await fx.waitForScreen(/\[beta\]/, 'attached to beta');
    expect((await fx.clients()).map((client) => client.session)).toEqual(['beta']);
    await fx.press('C-b', 'd');
    // Marked - : the session detached last, where L goes.
    const screen = await fx.waitForScreen(/›2-beta/, 'the dashboard again, on beta');
    expect(screen).toMatch(/sort: name/);
  });

  it('an empty server with auto_create on: a session named after the project, attached at once', async () => {
    const project = path.join(fx.home, 'proj.x');
    mkdirSync(project);
    await fx.start({ cwd: project, env: { TMUX_DASHBOARD_AUTO_CREATE: 'on' } });
    await fx.waitForScreen(/\[proj_x\]/, 'attached to the new session');
    expect(await fx.names()).toEqual(['proj_x']);
  });

  it('auto_rename_on_detach: an auto-named session follows its pane to another project; a name the user set stays', async () => {
    const first = path.join(fx.home, 'first');
    const second = path.join(fx.home, 'second-project');
    mkdirSync(path.join(second, '.git'), { recursive: true });
    mkdirSync(path.join(second, 'sub'));
    mkdirSync(first);
    await fx.start({ cwd: first, env: { TMUX_DASHBOARD_AUTO_RENAME_ON_DETACH: '1', TMUX_DASHBOARD_AUTO_CREATE: '1' } });
    await fx.waitForScreen(/\[first\]/, 'attached to the auto-created session');
    await fx.type(`cd '${path.join(second, 'sub')}'`);
    await fx.press('Enter');
    await waitFor(async () => ((await panePath('first')).endsWith('sub') ? true : undefined), 'the cd');
    await fx.press('C-b', 'd');
    await fx.waitForScreen(/renamed first → second-project/, 'the auto-rename notice');
    expect(await fx.names()).toEqual(['second-project']);

    // The user names it: it is no longer renamed after a detach.
    await fx.press('R');
    await fx.waitForScreen(/New name: second-project/, 'the rename prompt');
    await fx.type('-mine');
    await fx.waitForScreen(/New name: second-project-mine/, 'the typed name');
    await fx.press('Enter');
    await waitFor(async () => ((await fx.names()).join() === 'second-project-mine' ? true : undefined), 'the rename');
    await fx.waitForScreen(/renamed second-project → second-project-mine/, 'renamed by the user');
    await fx.press('Enter');
    await fx.waitForScreen(/\[second-pr/, 'attached again');
    await fx.type(`cd '${first}'`);
    await fx.press('Enter');
    await waitFor(async () => ((await panePath('second-project-mine')) === first ? true : undefined), 'the cd back');
    await fx.press('C-b', 'd');
    await fx.waitForScreen(/›1-second-project-mine/, 'the dashboard again (the last session, marked -)');
    expect(await fx.names()).toEqual(['second-project-mine']);
  });

  it('an empty server with auto_create off: the empty state says n creates one', async () => {
    await fx.start({ env: { TMUX_DASHBOARD_AUTO_CREATE: 'off' } });
    await fx.waitForScreen(/tmux server is not running\. n starts one/, 'the empty state');
    expect(await fx.names()).toEqual([]);
  });

  it('killing the server while the dashboard runs: it keeps running with a message, and lists again when a server is back', async () => {
    await fx.addSessions('alpha');
    await fx.start();
    await fx.waitForScreen(/alpha/, 'the list');
    await fx.inner.tmux('kill-server');
    await fx.waitForScreen(/no tmux server is running/, 'the message', 10_000);
    await fx.addSessions('again');
    await fx.press('r');
    await fx.waitForScreen(/again/, 'the new list');
  });

  it('? shows the help generated from the keymap; Esc closes it', async () => {
    await fx.addSessions('alpha');
    await fx.start();
    await fx.waitForScreen(/alpha/, 'the list');
    await fx.press('?');
    const screen = await fx.waitForScreen(/Session list/, 'the help');
    for (const line of [/↓ j Ctrl-N\s+next row/, /→ l\s+open the selected session/, /d\s+delete the selected session/]) expect(screen).toMatch(line);
    // The next pages: the rest of the list's keys (tags, L, …) and the filter's section. Each PgDn is
    // awaited by the help's own position line (`lines 27–52 of 130`), so no page is skipped or read twice.
    const where = (text: string) => /lines \d+–\d+ of \d+/.exec(text)?.[0];
    let shown = screen;
    let pages = screen;
    for (let page = 0; page < 5 && !/Filter \(\/\)/.test(pages); page++) {
      const before = where(shown);
      if (before === undefined) break;
      await fx.press('NPage');
      shown = await fx.waitForScreenWithout(new RegExp(before), 'the next page of the help');
      pages += shown;
    }
    for (const line of [/t\s+tag or untag the selected session/, /Ctrl-C\s+quit/, /Filter \(\/\)/]) expect(pages).toMatch(line);
    await fx.press('Escape');
    await fx.waitForScreen(/alpha/, 'the list again');
  });

  it('works in a 60×15 popup-sized terminal without broken lines', async () => {
    await fx.addSessions('a-very-long-session-name-that-does-not-fit-anywhere-at-all', 'short');
    await fx.start({ width: 60, height: 15 });
    const screen = await fx.waitForScreen(/short/, 'the list');
    const lines = screen.split('\n');
    expect(lines.length).toBeLessThanOrEqual(15);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
    expect(screen).toMatch(/a-very-long-s\S*…/);
  });
});

describe('colour', () => {
  async function escapes(env: Record<string, string>): Promise<boolean> {
    // chalk turns colour off when CI is set; a user's terminal has no CI variable.
    const window = await fx.start({ env, unset: ['CI', 'CONTINUOUS_INTEGRATION'] });
    await window.waitForScreen(/›1 alpha/, 'the list');
    const styled = await window.screen({ escapes: true });
    await window.press('q');
    expect(await window.waitForExit('quit')).toBe(0);
    return styled.includes('\u001b[');
  }

  it('NO_COLOR=1 draws without escape sequences; without it there are some (control)', async () => {
    await fx.addSessions('alpha');
    expect(await escapes({})).toBe(true);
    expect(await escapes({ NO_COLOR: '1' })).toBe(false);
    expect(await escapes({ TMUX_DASHBOARD_COLOR: 'never' })).toBe(false);
  });
});

describe('terminal size', () => {
  it('adapts when the terminal is resized', async () => {
    await fx.addSessions('a-long-session-name-for-resizing-checks');
    const window = await fx.start();
    await fx.waitForScreen(/a-long-session-name/, 'the list at 100 columns');
    await window.resize(60, 15);
    const screen = await fx.waitForScreen(/a-long-sess\S*…/, 'the list redrawn for 60 columns');
    const lines = screen.split('\n');
    expect(lines.length).toBeLessThanOrEqual(15);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
  });
});

describe('inside tmux', () => {
  it('Enter switches the client and the dashboard exits', async () => {
    await fx.addSessions('alpha', 'beta');
    const client = await fx.attachClient('alpha');
    await client.run({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' } });
    await fx.waitForScreen(/›1\*alpha/, 'the dashboard, alpha marked current');
    await fx.press('j', 'Enter');
    await waitFor(async () => ((await fx.clients()).map((each) => each.session).join() === 'beta' ? true : undefined), 'the switch to beta');
    await waitFor(async () => (/rc=0/.test(await fx.inner.tmux('capture-pane', '-p', '-t', '=alpha:')) ? true : undefined), 'the dashboard to exit 0');
    expect(await client.waitForExit()).toBe(0);
  });

  it('display-popup -E on a server with two clients switches the client that opened it', async () => {
    await fx.addSessions('alpha', 'beta');
    const first = await fx.attachClient('alpha');
    // The second window's client is the one that "pressed the key".
    const second = await fx.attachClient('alpha');
    expect((await fx.clients()).map((each) => each.name).sort()).toEqual([first.client, second.client].sort());
    const popup = fx.popup(second.client, { width: 70, height: 15, env: { TMUX_DASHBOARD_SORT_MODE: 'name' }, args: ['--client', second.client] });
    await second.waitForScreen(/›1\*alpha/, 'the dashboard in the popup');
    await second.press('j');
    await second.waitForScreen(/›2 beta/, 'beta selected');
    await second.press('Enter');
    expect(await popup).toBe(0);
    const where = (await fx.clients()).map((each) => `${each.name} ${each.session}`).sort();
    expect(where).toEqual([`${first.client} alpha`, `${second.client} beta`].sort());
    expect(first.id).not.toBe(second.id);
  });
});
