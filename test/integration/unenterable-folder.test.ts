import { execa } from 'execa';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/tmux-server.js';

// A folder that exists but that the user cannot enter (no x bit): tmux starts
// a pane it cannot chdir into in the home folder, while session_path still
// names the folder, so a template's commands would run in the home folder.
// As root the mode bits do not bind: the user here is nobody, with a tmux
// server of its own on a socket in a folder of its own.
const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;

let home: string;
let socket: string;

beforeEach(() => {
  const dir = tempDir();
  chmodSync(dir, 0o755);
  home = path.join(dir, 'home');
  mkdirSync(home);
  chownSync(home, NOBODY.uid, NOBODY.gid);
  socket = path.join(home, 'tmux.sock');
});
afterEach(async () => {
  if (existsSync(socket)) await execa('tmux', ['-S', socket, 'kill-server'], { ...NOBODY, reject: false });
});

// SHELL: nobody's own is nologin, whose panes end at once (and the server with its last one).
const env = () => ({ SHELL: '/bin/sh', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.state'), XDG_CACHE_HOME: path.join(home, '.cache'), PATH: process.env.PATH ?? '' });
const asNobody = (args: string[]) => execa(process.execPath, [BIN, '-S', socket, ...args], { ...NOBODY, env: env(), extendEnv: false, cwd: home, reject: false });
const sessionPaths = async () => (await execa('tmux', ['-S', socket, 'list-sessions', '-F', '#{session_name} #{pane_current_path}'], { ...NOBODY, reject: false })).stdout;

describe.runIf(asRoot)('a folder that exists but cannot be entered', () => {
  it('new and open refuse it (exit 1, saying why); a template window in one is not opened', async () => {
    await execa('tmux', ['-S', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'keep', '-c', home], { ...NOBODY, env: env(), extendEnv: false });
    const locked = path.join(home, 'locked');
    mkdirSync(locked);
    chownSync(locked, NOBODY.uid, NOBODY.gid);
    chmodSync(locked, 0o600);

    const created = await asNobody(['new', 'x', '--dir', locked]);
    expect(created.stderr).toMatch(/start directory cannot be entered \(no permission\): .*locked/);
    expect(created.exitCode).toBe(1);
    const opened = await asNobody(['open', '--no-attach', locked]);
    expect(opened.stderr).toMatch(/cannot be entered \(no permission\)/);
    expect(opened.exitCode).toBe(1);
    expect(await sessionPaths()).toBe(`keep ${home}`);

    // A template's window whose folder cannot be entered: not opened, said; its command never runs in the home folder.
    const project = path.join(home, 'proj');
    mkdirSync(path.join(project, 'inner'), { recursive: true });
    chownSync(project, NOBODY.uid, NOBODY.gid);
    chownSync(path.join(project, 'inner'), NOBODY.uid, NOBODY.gid);
    chmodSync(path.join(project, 'inner'), 0o600);
    mkdirSync(path.join(home, '.config', 'tmux-dashboard'), { recursive: true });
    writeFileSync(path.join(home, '.config', 'tmux-dashboard', 'config.json'), JSON.stringify({ templates: [{ match: project, windows: [{ name: 'w2', dir: 'inner', command: 'touch MARKER' }] }] }));
    for (const made of [path.join(home, '.config'), path.join(home, '.config', 'tmux-dashboard'), path.join(home, '.config', 'tmux-dashboard', 'config.json')]) chownSync(made, NOBODY.uid, NOBODY.gid);
    const templated = await asNobody(['open', '--no-attach', project]);
    expect(templated.stderr).toMatch(/window w2 not opened: .*inner cannot be entered \(no permission\)/);
    expect(existsSync(path.join(home, 'MARKER'))).toBe(false);
  });
});
