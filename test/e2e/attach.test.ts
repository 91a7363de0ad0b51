import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/terminal.js';
import { BIN, TestServer, waitFor } from '../helpers/tmux-server.js';

let inner: TestServer;
let terminal: Terminal;

beforeEach(async () => {
  inner = new TestServer();
  await inner.start('alpha');
  await inner.tmux('new-session', '-d', '-s', 'beta');
  terminal = new Terminal();
});
afterEach(async () => {
  await terminal.close();
  await inner.kill();
});

async function clientSessions(): Promise<string[]> {
  const out = await inner.tmux('list-clients', '-F', '#{session_name}');
  return out === '' ? [] : out.split('\n');
}

describe('attach, in a real terminal', () => {
  it('outside tmux: attaches, and detaching returns to the shell with exit 0', async () => {
    await terminal.open(['sh']);
    await terminal.type(`'${process.execPath}' '${BIN}' -L ${inner.socketName} attach beta; echo "rc=$?"`);
    await terminal.send('Enter');
    await waitFor(async () => ((await clientSessions()).includes('beta') ? true : undefined), 'a client on beta');
    await terminal.waitForScreen(/\[beta\]/, 'the status line of the attached session');

    await terminal.send('C-b', 'd');
    await terminal.waitForScreen(/rc=0/, 'the shell after detach');
    expect(await clientSessions()).toEqual([]);
  });

  it('inside tmux: switches the current client, found through $TMUX (no -L given)', async () => {
    await terminal.open(['tmux', '-L', inner.socketName, 'attach-session', '-t', '=alpha']);
    await waitFor(async () => ((await clientSessions()).join() === 'alpha' ? true : undefined), 'a client on alpha');

    // Typed into alpha's own shell: $TMUX there names the inner server.
    await terminal.type(`'${process.execPath}' '${BIN}' attach beta`);
    await terminal.send('Enter');
    await waitFor(async () => ((await clientSessions()).join() === 'beta' ? true : undefined), 'the client to switch to beta');
    await terminal.waitForScreen(/\[beta\]/, 'beta on screen');
  });

  it('inside tmux with two clients: --client switches exactly the one named', async () => {
    await terminal.open(['tmux', '-L', inner.socketName, 'attach-session', '-t', '=alpha']);
    // A second client on the same inner server, in a second outer window.
    const first = terminal.window;
    await terminal.open(['tmux', '-L', inner.socketName, 'attach-session', '-t', '=alpha']);
    terminal.window = first;
    await waitFor(async () => ((await clientSessions()).length === 2 ? true : undefined), 'two clients');
    const clients = (await inner.tmux('list-clients', '-F', '#{client_name}')).split('\n');
    const target = clients[1] ?? '';

    const socket = (await inner.tmux('display-message', '-p', '#{socket_path}')).trim();
    const result = await inner.cli(['attach', 'beta', '--client', target], { env: { TMUX: `${socket},1,0` } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const after = (await inner.tmux('list-clients', '-F', '#{client_name} #{session_name}')).split('\n').sort();
    expect(after).toEqual([`${clients[0] ?? ''} alpha`, `${target} beta`].sort());
  });
});
