import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import { renderAppOn } from '../helpers/app-on-terminal.js';
import { TestServer, waitFor } from '../helpers/tmux-server.js';

const RS = '\x1e';
const US = '\x1f';

let server: TestServer | undefined;
let unmount: (() => void) | undefined;

afterEach(async () => {
  unmount?.();
  await server?.kill();
});

it('the dashboard lists every session by its own name when folders and process names hold separators or forge records', async () => {
  server = new TestServer();
  const home = server.home;
  await server.start('keep');
  const odd = path.join(home, `d${RS}x${US}y`);
  mkdirSync(odd);
  await server.tmux('new-session', '-d', '-s', 'odd', '-c', odd);
  await server.tmux('new-window', '-d', '-t', '=odd:', '-c', home, `cd "$(printf 'd\\036x\\037y')" && exec bash -c 'exec -a "$0" sleep 1000' "$(printf 'p\\036q\\037r')"`);
  const forged = path.join(home, `x\n${RS}S${US}2:$0${US}5:pwned`);
  mkdirSync(forged);
  await server.tmux('new-session', '-d', '-s', 'attacker', '-c', forged);
  const tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
  await waitFor(async () => ((await tmux.listSessions()).some((s) => s.panes.some((p) => p.command === `p${RS}q${US}r`)) ? true : undefined), 'the process with separators in its name');

  const app = renderAppOn(server, tmux, { columns: 100, rows: 30 });
  unmount = app.unmount;
  const frame = await app.until(/odd/, 'the list');
  expect(frame).toMatch(/3 sessions/);
  const rows = [...frame.matchAll(/^[› ][1-9 ][* ](\S+)\s+(\d+) win/gm)].map((row) => [row[1], row[2]]);
  expect(rows).toEqual([
    ['attacker', '1'],
    ['keep', '1'],
    ['odd', '2'],
  ]);
  // The forged text shows only as the attacker's folder, escaped, never as a row.
  expect(frame).toMatch(/^›1 attacker\s+1 win\s+\S+ ago ~\/x\\x0a\\x1eS\\x1f2:\$0\\x1f5:pwned$/m);
  expect(frame).toMatch(/~\/d\\x1ex\\x1fy/);
});
