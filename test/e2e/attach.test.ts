import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { BIN, waitFor } from '../helpers/tmux-server.js';

let fx: DashboardFixture;

beforeEach(async () => {
  fx = new DashboardFixture();
  await fx.addSessions('alpha', 'beta');
});
afterEach(async () => {
  await fx.close();
});

async function clientSessions(): Promise<string[]> {
  return (await fx.clients()).map((client) => client.session);
}

describe('names in what the commands print, in a real terminal', () => {
  it('a name holding an escape sequence is shown escaped on the terminal, and piped as it is', async () => {
    const name = 'zz\x1b[31mred';
    await fx.inner.tmux('new-session', '-d', '-s', name);
    await fx.inner.tmux('new-session', '-d', '-s', `${name}2`);
    const cli = (args: string) => `${process.execPath} ${BIN} -L ${fx.inner.socketName} ${args}`;
    // printf makes the name in the shell: the command line itself stays plain text.
    const script = [`n="$(printf 'zz\\033[31mred')"`, cli('kill "$n"'), cli('attach "$n-none"'), `${cli('kill "${n}2"')} | od -c | head -2`, 'echo done', 'exec sleep 600'].join('; ');
    await fx.open(['sh', '-c', script]);
    const screen = await fx.waitForScreen(/done/, 'the commands to finish');
    expect(screen).toContain('killed zz\\x1b[31mred');
    expect(screen).toMatch(/zz\\x1b\[31mred-none/);
    // Into a pipe: the bytes as tmux holds them (033 is ESC), for scripts.
    expect(screen).toMatch(/z +z +033 +\[ +3 +1 +m/);
    expect(await fx.names()).toEqual(['alpha', 'beta']);
  });
});

describe('attach, in a real terminal', () => {
  it('outside tmux: attaches, and detaching returns to the shell with exit 0', async () => {
    const shell = await fx.open(['sh']);
    await shell.run({ args: ['attach', 'beta'] });
    await waitFor(async () => ((await clientSessions()).includes('beta') ? true : undefined), 'a client on beta');
    await fx.waitForScreen(/\[beta\]/, 'the status line of the attached session');

    await fx.press('C-b', 'd');
    await fx.waitForScreen(/rc=0/, 'the shell after detach');
    expect(await fx.waitForExit('the shell after detach')).toBe(0);
    expect(await clientSessions()).toEqual([]);
  });

  it('inside tmux: switches the current client, found through $TMUX (no -L given)', async () => {
    const client = await fx.attachClient('alpha');
    expect(await clientSessions()).toEqual(['alpha']);

    // Typed into alpha's own shell: $TMUX there names the inner server.
    await client.run({ args: ['attach', 'beta'] });
    await waitFor(async () => ((await clientSessions()).join() === 'beta' ? true : undefined), 'the client to switch to beta');
    await fx.waitForScreen(/\[beta\]/, 'beta on screen');
  });

  it('inside tmux with two clients: --client switches exactly the one named', async () => {
    // Two clients of the inner server, in two terminal windows.
    const first = await fx.attachClient('alpha');
    const target = await fx.attachClient('alpha');
    expect(await clientSessions()).toEqual(['alpha', 'alpha']);

    const socket = (await fx.inner.tmux('display-message', '-p', '#{socket_path}')).trim();
    const result = await fx.inner.cli(['attach', 'beta', '--client', target.client], { env: { TMUX: `${socket},1,0` } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const after = (await fx.clients()).map((client) => `${client.name} ${client.session}`).sort();
    expect(after).toEqual([`${first.client} alpha`, `${target.client} beta`].sort());
  });

  it("outside tmux, from a shell with job control: C-b C-z stops the dashboard with the client it attached, as it stops a plain tmux attach; fg brings both back", async () => {
    // The test terminal's usual shell line has no job control: an interactive bash has.
    const shell = await fx.open(['bash', '--norc', '--noprofile', '-i']);
    await shell.type(`PS1='prompt$ '; ${process.execPath} ${BIN} -L ${fx.inner.socketName}`);
    await shell.press('Enter');
    await shell.waitForScreen(/tmux-dashboard · 2 sessions/, 'the dashboard');
    await shell.press('Enter');
    await shell.waitForScreen(/^\[(alpha|beta)\] /m, 'the attached session');
    await shell.press('C-b', 'C-z');
    // Before, only the tmux client stopped: the dashboard went on waiting for it, and the shell for the dashboard, with nobody reading the terminal.
    await shell.waitForScreen(/Stopped[\s\S]*^prompt\$ ?$/m, 'the shell saying the job stopped, and its prompt');
    await shell.type('jobs -l');
    await shell.press('Enter');
    await shell.waitForScreen(/Stopped[\s\S]*^prompt\$ jobs -l\n.*Stopped/m, 'the dashboard as a stopped job');
    await shell.type('fg');
    await shell.press('Enter');
    await shell.waitForScreen(/^\[(alpha|beta)\] /m, 'the session again, its client continued with the dashboard');
    await shell.press('C-b', 'd');
    await shell.waitForScreen(/tmux-dashboard · 2 sessions/, 'the dashboard after the detach');
    expect(await shell.quitToShell()).toBe(0);
    expect(await clientSessions()).toEqual([]);
  });
});
