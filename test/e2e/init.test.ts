import { execa } from 'execa';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { BIN } from '../helpers/tmux-server.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];
const installed = (shell: Shell) => execa('sh', ['-c', `command -v ${shell}`], { reject: false }).then((result) => result.exitCode === 0);
const available = Object.fromEntries(await Promise.all(SHELLS.map(async (shell) => [shell, await installed(shell)] as const))) as Record<Shell, boolean>;

let fx: DashboardFixture;
let marker: string;
let binDir: string;

beforeEach(async () => {
  fx = new DashboardFixture();
  await fx.addSessions('work');
  marker = path.join(fx.home, 'DASHBOARD_STARTED');
  // A `tmux-dashboard` on PATH that notes it was started, then runs the real one on the test server.
  binDir = path.join(fx.home, 'bin');
  mkdirSync(binDir);
  const wrapper = path.join(binDir, 'tmux-dashboard');
  writeFileSync(wrapper, `#!/bin/sh\necho started >> '${marker}'\nexec '${process.execPath}' '${BIN}' -L ${fx.inner.socketName} "$@"\n`);
  chmodSync(wrapper, 0o755);
});
afterEach(async () => {
  await fx.close();
});

async function snippet(shell: Shell, flags: string[] = []): Promise<string> {
  const result = await execa(process.execPath, [BIN, 'init', shell, ...flags]);
  return result.stdout;
}

/** An rc file: the snippet, then a prompt the test can wait for. */
async function rcFile(shell: Shell, flags: string[] = []): Promise<string> {
  const prompt = shell === 'fish' ? "function fish_prompt; echo -n 'READY> '; end" : shell === 'zsh' ? "PROMPT='READY> '" : "PS1='READY> '";
  const file = path.join(fx.home, `rc.${shell}`);
  writeFileSync(file, `${await snippet(shell, flags)}\n${prompt}\n`);
  return file;
}

function interactive(shell: Shell, rc: string): string[] {
  if (shell === 'bash') return ['bash', '--noprofile', '--rcfile', rc, '-i'];
  if (shell === 'zsh') {
    // zsh reads $ZDOTDIR/.zshrc: make the rc file that.
    const dir = path.join(path.dirname(rc), 'zdotdir');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '.zshrc'), `source '${rc}'\n`);
    return ['env', `ZDOTDIR=${dir}`, 'zsh', '-i'];
  }
  return ['fish', '--no-config', '-i', '-C', `source '${rc}'`];
}

const PATH_ENV = () => ({ PATH: `${binDir}:${process.env.PATH ?? ''}` });

describe.each(SHELLS)('init %s', (shell) => {
  it.runIf(available[shell])('parses in its shell, with every flag', async () => {
    for (const flags of [[], ['--exit'], ['--ssh-only'], ['--exit', '--ssh-only']]) {
      const file = path.join(fx.home, `check.${shell}`);
      writeFileSync(file, await snippet(shell, flags));
      const check = shell === 'fish' ? ['fish', '--no-execute', file] : [shell, '-n', file];
      const result = await execa(check[0] ?? '', check.slice(1), { reject: false });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
    }
  });

  it.runIf(available[shell])('starts the dashboard in an interactive shell outside tmux; with --exit, quitting ends the shell', async () => {
    await fx.open(interactive(shell, await rcFile(shell, ['--exit'])), { env: PATH_ENV() });
    await fx.waitForScreen(/tmux-dashboard · 1 session/, 'the dashboard');
    await fx.press('q');
    await fx.waitForExit('the shell to end');
    expect(existsSync(marker)).toBe(true);
  });

  it.runIf(available[shell])('without --exit, quitting returns to the shell', async () => {
    await fx.open(interactive(shell, await rcFile(shell)), { env: PATH_ENV() });
    await fx.waitForScreen(/tmux-dashboard · 1 session/, 'the dashboard');
    await fx.press('q');
    await fx.waitForScreen(/READY>/, 'the prompt');
  });

  it.runIf(available[shell])('appended twice (`>>`, a setup script run again) to an rc file whose last line has no newline: that line stays whole, and the dashboard opens once', async () => {
    const prompt = shell === 'fish' ? "function fish_prompt; echo -n 'READY> '; end" : shell === 'zsh' ? "PROMPT='READY> '" : "PS1='READY> '";
    const rc = path.join(fx.home, `rc-twice.${shell}`);
    writeFileSync(rc, `${prompt}${await snippet(shell)}\n${await snippet(shell)}\n`);
    await fx.open(interactive(shell, rc), { env: PATH_ENV() });
    await fx.waitForScreen(/tmux-dashboard · 1 session/, 'the dashboard');
    await fx.press('q');
    await fx.waitForScreen(/READY>/, 'the prompt the first line sets');
    expect(readFileSync(marker, 'utf8')).toBe('started\n');
  });

  it.runIf(available[shell])('does nothing inside tmux, when opted out, with --ssh-only outside SSH, or in a non-interactive shell', async () => {
    const cases: { env: Record<string, string>; flags: string[] }[] = [
      { env: { TMUX: '/tmp/elsewhere,1,0' }, flags: [] },
      { env: { TMUX_DASHBOARD_DISABLE: '1' }, flags: [] },
      { env: {}, flags: ['--ssh-only'] },
    ];
    for (const { env, flags } of cases) {
      await fx.open(interactive(shell, await rcFile(shell, flags)), { env: { ...PATH_ENV(), ...env } });
      await fx.waitForScreen(/READY>/, 'the prompt');
    }
    writeFileSync(path.join(fx.home, '.no-tmux-dashboard'), '');
    await fx.open(interactive(shell, await rcFile(shell)), { env: PATH_ENV() });
    await fx.waitForScreen(/READY>/, 'the prompt');
    // `ssh host cmd`, scp, rsync: a shell that is not interactive and has no terminal.
    const rc = await rcFile(shell);
    const command = shell === 'fish' ? ['fish', '--no-config', '-c', `source '${rc}'; echo done`] : [shell, '-c', `. '${rc}'; echo done`];
    const result = await execa(command[0] ?? '', command.slice(1), { env: { ...fx.env, ...PATH_ENV(), HOME: path.join(fx.home, 'other') }, extendEnv: false, stdin: 'ignore' });
    expect(result.stdout).toBe('done');
    expect(existsSync(marker)).toBe(false);
  });
});

describe('init', () => {
  it('refuses an unknown shell with a usage error', async () => {
    const result = await execa(process.execPath, [BIN, 'init', 'tcsh'], { reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/init takes bash, zsh or fish/);
  });
});
