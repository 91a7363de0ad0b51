import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { REPO_ROOT } from '../helpers/tmux-server.js';

let fx: DashboardFixture;

beforeEach(() => {
  fx = new DashboardFixture();
});
afterEach(async () => {
  await fx.close();
});

/**
 * How long a #() that slipped into a command line gets to run once the popup
 * has closed: tmux runs such jobs in the background, and nothing on the
 * screen or in tmux tells that one never started.
 */
const JOB_GRACE_MS = 500;

describe('the tmux plugin file', () => {
  it('binds prefix + S to a popup with the dashboard, in the project of the pane that pressed it', async () => {
    // A pane inside a repository whose folder names would break a command line.
    const repo = path.join(fx.inner.home, "it's #(touch MARKER) repo");
    const sub = path.join(repo, 'sub dir');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(sub);
    await fx.inner.tmux('new-session', '-d', '-s', 'work', '-c', sub.replaceAll('#', '##'));
    await fx.addSessions('other');
    await fx.inner.tmux('run-shell', path.join(REPO_ROOT, 'tmux-dashboard.tmux'));
    expect(await fx.inner.tmux('list-keys', '-T', 'prefix', 'S')).toMatch(/display-popup/);

    await fx.attachClient('work');
    await fx.press('C-b', 'S');
    const screen = await fx.waitForScreen(/tmux-dashboard · 2 sessions/, 'the dashboard in the popup');
    expect(screen).toMatch(/\*work/); // the client's own session is marked
    await fx.press('n');
    await fx.waitForScreen(/→ Enter creates it's #\(touch MARKER\) repo/, 'the project of the pane, not of the popup');
    await fx.press('Escape');
    await fx.waitForScreenWithout(/→ Enter creates/, 'the prompt to close');
    await fx.press('q');
    await fx.waitForScreenWithout(/tmux-dashboard ·/, 'the popup to close');
    await new Promise((resolve) => setTimeout(resolve, JOB_GRACE_MS));
    expect(existsSync(path.join(fx.inner.home, 'MARKER'))).toBe(false);
    expect(existsSync(path.join(sub, 'MARKER'))).toBe(false);
  });

  it('honours @tmux-dashboard-key', async () => {
    await fx.addSessions('work');
    await fx.inner.tmux('set-option', '-g', '@tmux-dashboard-key', 'D');
    await fx.inner.tmux('run-shell', path.join(REPO_ROOT, 'tmux-dashboard.tmux'));
    expect(await fx.inner.tmux('list-keys', '-T', 'prefix', 'D')).toMatch(/display-popup/);
  });
});
