import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

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
});
