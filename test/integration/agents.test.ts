import { execa } from 'execa';
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, TestServer, waitFor } from '../helpers/tmux-server.js';

// Fake agents only: scripts run under an agent's process name (argv[0], which
// is what tmux reports as the pane's command) that set their title, call the
// hook as the agent would, and write the agent's own status file in a
// temporary HOME. No real agent is installed here.

let server: TestServer;
let bin: string;

beforeEach(() => {
  server = new TestServer();
  bin = path.join(server.home, 'bin');
  mkdirSync(bin, { recursive: true });
  // What hooks call: the binary under test, by the name the hook configuration uses.
  writeFileSync(path.join(bin, 'tmux-dashboard'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(path.join(bin, 'tmux-dashboard'), 0o755);
});
afterEach(async () => {
  await server.kill();
});

const env = () => ({ ...server.env, PATH: `${bin}:${server.env.PATH ?? ''}` });

/** A session whose pane runs a fake agent named `name`: the script's lines, then it waits. */
async function fakeAgent(session: string, name: string, script: string): Promise<string> {
  const file = path.join(bin, `fake-${session}.sh`);
  // The agent's work, then the same process (same PID and start time) goes on under the agent's name:
  // bash's exec -a sets argv[0].
  writeFileSync(file, `PATH=${bin}:$PATH\n${script}\nexec -a ${name} bash -c 'while :; do sleep 600; done'\n`);
  // tmux (3.3a, Linux) reports as pane_current_command the argv[0] of the pane's foreground process
  // group's leader. tmux runs the command through `$SHELL -c`, and dash (the /bin/sh here) forks it
  // instead of replacing itself, so without `exec` the leader stays `sh` and the pane reads as `sh`.
  return (await server.tmux('new-session', '-d', '-P', '-F', '#{pane_id}', '-s', session, '-x', '100', '-y', '20', `exec bash ${file}`)).trim();
}

async function cli(...args: string[]) {
  return execa(process.execPath, [BIN, '-L', server.socketName, ...args], { env: env(), extendEnv: false, reject: false });
}

interface Row { session: string; pane: string; name: string; state: string; source: string }
async function agents(): Promise<Row[]> {
  const result = await cli('agents', '--json');
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Row[];
}
const stateOf = async (session: string) => (await agents()).find((row) => row.session === session);

describe('agent states from fake agents', () => {
  it('hook calls from inside the pane set each state; the hook wins over a contradicting title; clear forgets it', async () => {
    await fakeAgent('web', 'claude', `printf '\\033]2;%s\\033\\\\' '✳ Claude Code'\ntmux-dashboard agent-state needs-input`);
    await waitFor(async () => ((await stateOf('web'))?.name === 'claude' ? true : undefined), 'the hook state under the agent name');
    expect(await stateOf('web')).toMatchObject({ name: 'claude', state: 'needs-input', source: 'hook' });
    const pane = (await stateOf('web'))?.pane ?? '';
    for (const state of ['working', 'done', 'idle'] as const) {
      expect((await cli('agent-state', state, '--pane', pane)).exitCode).toBe(0);
      expect(await stateOf('web')).toMatchObject({ state, source: 'hook' });
    }
    await cli('agent-state', 'clear', '--pane', pane);
    // Without a hook the title decides: ✳ is Claude Code at rest.
    expect(await stateOf('web')).toMatchObject({ state: 'idle', source: 'title' });
  });

  it('titles alone: a spinner is working, Codex’s marker is needs-input, nothing is unknown', async () => {
    await fakeAgent('spin', 'claude', `printf '\\033]2;%s\\033\\\\' '⠋ Fixing'`);
    await fakeAgent('ask', 'codex', `printf '\\033]2;%s\\033\\\\' '[ ! ] Action Required'`);
    await fakeAgent('mute', 'aider', 'true');
    await waitFor(async () => ((await agents()).length === 3 && (await stateOf('ask'))?.state === 'needs-input' ? true : undefined), 'three agents');
    expect(await stateOf('spin')).toMatchObject({ state: 'working', source: 'title' });
    expect(await stateOf('mute')).toMatchObject({ state: 'unknown', source: 'process' });
    // Most urgent first.
    expect((await agents()).map((row) => row.session)).toEqual(['ask', 'spin', 'mute']);
  });

  it('the status file of a live agent counts; one whose PID was reused by another process is ignored', async () => {
    const sessions = path.join(server.home, '.claude', 'sessions');
    mkdirSync(sessions, { recursive: true });
    // The fake writes its own record, with its real start time from /proc.
    await fakeAgent('filed', 'claude', `start=$(sed 's/.*) //' /proc/$$/stat | cut -d' ' -f20)\nprintf '{"pid":%s,"procStart":"%s","status":"waiting","statusUpdatedAt":%s000}' $$ "$start" "$(date +%s)" > ${JSON.stringify(sessions)}/$$.json`);
    await waitFor(() => (readdirSync(sessions).length === 1 ? true : undefined), 'the status file');
    await waitFor(async () => ((await stateOf('filed'))?.state === 'needs-input' ? true : undefined), 'the file state');
    await waitFor(async () => ((await stateOf('filed'))?.name === 'claude' ? true : undefined), 'the agent name');
    expect(await stateOf('filed')).toMatchObject({ state: 'needs-input', source: 'file' });
    // Same PID, another start time: the process that wrote it is gone, this one only reuses its number.
    const [name = ''] = readdirSync(sessions);
    const record = JSON.parse(readFileSync(path.join(sessions, name), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(sessions, name), JSON.stringify({ ...record, procStart: '1' }));
    expect(await stateOf('filed')).toMatchObject({ state: 'unknown', source: 'process' });
  });

  it('two agents in one session: the session gets the more urgent state', async () => {
    const first = await fakeAgent('pair', 'claude', 'true');
    await server.tmux('split-window', '-t', '=pair:', `exec bash -c 'exec -a codex bash -c "while :; do sleep 600; done"'`);
    const second = (await server.tmux('display-message', '-p', '-t', '=pair:', '#{pane_id}')).trim();
    await cli('agent-state', 'working', '--pane', first);
    await cli('agent-state', 'needs-input', '--pane', second);
    const listed = JSON.parse((await cli('list', '--json')).stdout) as { name: string; agent: { state: string } | null }[];
    expect(listed.find((session) => session.name === 'pair')?.agent?.state).toBe('needs-input');
  });

  it('bad input: one line on stderr and an exit code, never a stack trace', async () => {
    await fakeAgent('x', 'claude', 'true');
    for (const [args, code] of [
      [['agent-state', 'sleeping', '--pane', '%0'], 2],
      [['agent-state', 'done', '--pane', 'x'], 2],
      [['agent-state', 'done'], 2],
      [['agent-state', 'done', '--pane', '%999'], 1],
      [['agent-hooks', 'vim'], 2],
    ] as const) {
      const result = await cli(...args);
      expect(result.exitCode, args.join(' ')).toBe(code);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\bat \S+:\d+/);
    }
  });
});

describe('done becomes seen', () => {
  it('after a plain tmux switch-client to the session', async () => {
    await fakeAgent('other', 'claude', 'true');
    const pane = await fakeAgent('agent', 'claude', 'true');
    await cli('agent-state', 'done', '--pane', pane);
    expect(await stateOf('agent')).toMatchObject({ state: 'done' });
    // A client (in a pane of a second server, as a person's terminal) on the other session, then switched.
    const outer = new TestServer(server.home);
    try {
      await outer.tmux('new-session', '-d', '-s', 'term', '-x', '100', '-y', '20', `env -u TMUX tmux -L ${server.socketName} attach -t =other`);
      const client = await waitFor(async () => (await server.tmux('list-clients', '-F', '#{client_name}')).trim() || undefined, 'a client');
      expect(await stateOf('agent')).toMatchObject({ state: 'done' });
      await server.tmux('switch-client', '-c', client, '-t', '=agent');
      await waitFor(async () => ((await stateOf('agent'))?.state === 'idle' ? true : undefined), 'done seen');
      await server.tmux('switch-client', '-c', client, '-t', '=other');
      expect(await stateOf('agent')).toMatchObject({ state: 'idle' });
    } finally {
      await outer.kill();
    }
  });
});

describe('agent-hooks claude --install', () => {
  it('keeps the other settings byte for byte, writes a backup, and a second run changes nothing', async () => {
    const dir = path.join(server.home, '.claude');
    mkdirSync(dir, { recursive: true });
    const settings = path.join(dir, 'settings.json');
    const user = `${JSON.stringify({ model: 'opus', env: { FOO: '1' }, hooks: { Stop: [{ hooks: [{ type: 'command', command: 'notify-send done' }] }] } }, null, 2)}\n`;
    writeFileSync(settings, user);
    const first = await cli('agent-hooks', 'claude', '--install');
    expect(first.exitCode).toBe(0);
    const after = readFileSync(settings, 'utf8');
    expect(after.slice(0, user.indexOf('"hooks"'))).toBe(user.slice(0, user.indexOf('"hooks"')));
    expect(after).toContain('notify-send done');
    expect(after).toContain('tmux-dashboard agent-state needs-input || true');
    const backups = readdirSync(dir).filter((name) => name.endsWith('.tmux-dashboard.bak'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(dir, backups[0] ?? ''), 'utf8')).toBe(user);
    const second = await cli('agent-hooks', 'claude', '--install');
    expect(second.stdout).toMatch(/nothing changed/);
    expect(readFileSync(settings, 'utf8')).toBe(after);
    expect(readdirSync(dir).filter((name) => name.endsWith('.bak'))).toHaveLength(1);
  });

  it('a settings.json that is a link (a dotfile manager\'s): nothing written, no backup left, the hooks printed to merge by hand', async () => {
    const dir = path.join(server.home, '.claude');
    mkdirSync(dir, { recursive: true });
    const real = path.join(server.home, 'dotfiles-settings.json');
    writeFileSync(real, '{"model": "opus"}\n');
    symlinkSync(real, path.join(dir, 'settings.json'));
    const result = await cli('agent-hooks', 'claude', '--install');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/was not changed: it is a symbolic link\. Merge this by hand/);
    expect(result.stderr).toMatch(/agent-state needs-input/);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(readFileSync(real, 'utf8')).toBe('{"model": "opus"}\n');
  });
});
