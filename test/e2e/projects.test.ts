import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

describe('the project picker, end to end', () => {
  it('o, a few letters, Enter: the client is in a new session in the project folder; again: the same session, no new one', async () => {
    const project = path.join(fx.home, 'src', 'billing api');
    mkdirSync(path.join(project, '.git'), { recursive: true });
    mkdirSync(path.join(fx.home, 'src', 'blog'), { recursive: true });
    writeFileSync(path.join(fx.home, 'src', 'blog', 'package.json'), '{}');
    mkdirSync(path.join(fx.home, '.config', 'tmux-dashboard'), { recursive: true });
    writeFileSync(path.join(fx.home, '.config', 'tmux-dashboard', 'config.json'), JSON.stringify({ project_roots: [{ path: '~/src', depth: 2 }] }));
    await fx.addSessions('other');
    await fx.start();
    await fx.waitForScreen(/other/, 'the list');
    await fx.press('o');
    await fx.waitForScreen(/Open a project: /, 'the picker');
    // The roots' scan has answered: the project is a row.
    await fx.waitForScreen(/billing api\s+~\/src\/billing api/, 'the project from the scanned root');
    await fx.type('bil');
    await fx.waitForScreen(/› billing api/, 'the project highlighted');
    await fx.press('Enter');
    await fx.waitForScreen(/\[billing a/, 'attached to the new session (tmux cuts the name in its status line)');
    expect((await fx.clients()).map((client) => client.session)).toEqual(['billing api']);
    expect(await panePath('billing api')).toBe(realpathSync(project));
    await fx.press('C-b', 'd');
    await fx.waitForScreen(/billing api/, 'the dashboard again');
    await fx.press('o');
    await fx.waitForScreen(/Open a project: /, 'the picker again');
    await fx.type('bil');
    // Remembered as opened, and its session is shown.
    await fx.waitForScreen(/› billing api .*● billing api/, 'the project with its session');
    await fx.press('Enter');
    await fx.waitForScreen(/\[billing a/, 'attached to the same session');
    expect((await fx.clients()).map((client) => client.session)).toEqual(['billing api']);
    expect((await fx.names()).sort()).toEqual(['billing api', 'other']);
  });

  it('in a display-popup inside tmux: a typed folder with Tab completion, Enter switches the client to the new session; again, to the same one', async () => {
    const project = path.join(fx.home, 'work', 'it.s:here');
    mkdirSync(project, { recursive: true });
    await fx.addSessions('other');
    const client = await fx.attachClient('other');
    for (let round = 1; round <= 2; round++) {
      const popup = fx.popup(client.client, { width: 90, height: 20, args: ['--client', client.client] });
      await client.waitForScreen(/other/, 'the dashboard in the popup');
      await client.press('o');
      await client.waitForScreen(/Open a project: /, 'the picker');
      await client.type('~/wo');
      await client.press('Tab');
      await client.waitForScreen(/Open a project: ~\/work\//, 'the folder completed');
      await client.press('Tab');
      await client.waitForScreen(/Open a project: ~\/work\/it\.s:here\//, 'the folder completed again');
      await client.waitForScreen(/› it\.s:here/, 'the typed folder offered');
      await client.press('Enter');
      expect(await popup).toBe(0);
      await waitFor(async () => ((await fx.clients()).find((each) => each.name === client.client)?.session === 'it_s_here' ? true : undefined), `round ${round}: the client switched to it_s_here`);
    }
    expect(await fx.names()).toEqual(['it_s_here', 'other']);
    expect(await panePath('it_s_here')).toBe(realpathSync(project));
  });
});
