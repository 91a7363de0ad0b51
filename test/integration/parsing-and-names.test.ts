import { execa } from 'execa';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_AI_COMMANDS } from '../../src/config/schema.js';
import { fullMeasure } from '../../src/sessions/measure-full.js';
import { sessionRowText } from '../../src/sessions/rows.js';
import { SessionChangedError } from '../../src/tmux/errors.js';
import { TmuxService } from '../../src/tmux/service.js';
import { BIN, socketFile, TestServer, waitFor } from '../helpers/tmux-server.js';

const RS = '\x1e';
const US = '\x1f';
const NO_STACK = /^\s+at /m;

let server: TestServer;

beforeEach(() => {
  server = new TestServer();
});
afterEach(async () => {
  await server.kill();
});

interface Listed {
  id: string;
  name: string;
  path: string;
  panes: { path: string; command: string }[];
}

async function listJson(): Promise<Listed[]> {
  const result = await server.cli(['list', '--json']);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as Listed[];
}

/** A pane's foreground process as tmux sees it, once the pane has started it. */
async function waitForCommand(name: string, command: string): Promise<void> {
  await waitFor(async () => ((await listJson()).find((s) => s.name === name)?.panes.some((p) => p.command === command) === true ? true : undefined), `${JSON.stringify(command)} running in ${name}`);
}

/** The CLI with argv bytes Node cannot pass itself (not UTF-8): through sh and printf. */
function cliWithBytes(args: string[], printfArg: string) {
  const quoted = args.map((arg) => `'${arg}'`).join(' ');
  return execa('sh', ['-c', `exec "$0" "$1" -L "$2" ${quoted} "$(printf '${printfArg}')"`, process.execPath, BIN, server.socketName], {
    env: server.env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    cwd: server.home,
  });
}

describe('no character from tmux breaks parsing', () => {
  it('a folder and a process name holding RS, US and a newline: list, list --json, kill and the dashboard rows stay exact', async () => {
    await server.start('keep');
    const odd = path.join(server.home, `d${RS}x${US}y\nz`);
    mkdirSync(odd);
    // A session started there, and a pane that cd's into it and runs a process whose argv[0] holds separators.
    await server.tmux('new-session', '-d', '-s', 'odd', '-c', odd);
    await server.tmux('new-window', '-d', '-t', '=odd:', '-c', server.home, `cd "$(printf 'd\\036x\\037y\\nz')" && exec bash -c 'exec -a "$0" sleep 1000' "$(printf 'p\\036q\\037r')"`);
    await waitForCommand('odd', `p${RS}q${US}r`);

    const sessions = await listJson();
    expect(sessions.map((s) => s.name)).toEqual(['keep', 'odd']);
    const listed = sessions.find((s) => s.name === 'odd');
    expect(listed?.path).toBe(odd);
    expect(listed?.panes.map((p) => [p.command, p.path])).toEqual([
      ['sh', odd],
      [`p${RS}q${US}r`, odd],
    ]);

    const table = await server.cli(['list']);
    expect(table.exitCode).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^odd\s+2\s+0\s+\S+\s+~\/d\\x1ex\\x1fy\\x0az$/);

    // What the dashboard draws from the same one call.
    const snapshot = await new TmuxService({ kind: 'socket-name', name: server.socketName }, server.env).snapshot();
    const context = { width: 80, home: server.home, nowMs: Date.now(), aiCommands: new Set(DEFAULT_AI_COMMANDS), currentSessionId: undefined, measure: fullMeasure };
    const rows = snapshot.sessions.map((session, i) => sessionRowText(session, i + 1, false, context));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^ 2 odd\s+2 win\s+\S+ ago ~\/d\\x1ex\\x1fy\\x0az\s*$/);

    const kill = await server.cli(['kill', 'keep']);
    expect([kill.exitCode, kill.stderr]).toEqual([0, '']);
    expect(await server.sessionNames()).toEqual(['odd']);
  });

  it('a folder crafted to forge another session record cannot add a row or rename one', async () => {
    await server.start('victim');
    // Whole records in the old RS/US format and in the framed one, after a newline.
    const forged = `x\n${RS}S${US}$0${US}pwned${US}1${US}0${US}1${US}1${US}0${US}${US}/\n${RS}S${US}2:$0${US}5:pwned`;
    const dir = path.join(server.home, forged.replaceAll('/', '_'));
    mkdirSync(dir);
    await server.tmux('new-session', '-d', '-s', 'attacker', '-c', dir);
    const sessions = await listJson();
    expect(sessions.map((s) => [s.name, s.path])).toEqual([
      ['attacker', dir],
      ['victim', server.home],
    ]);
    expect(sessions.find((s) => s.name === 'attacker')?.panes.map((p) => p.path)).toEqual([dir]);
    expect((await server.cli(['kill', 'pwned'])).stderr).toMatch(/not found: pwned/);
  });

  it('a folder that is not UTF-8 is listed escaped, never dropped, and the other rows are intact', async () => {
    await server.start('keep');
    await execa('sh', ['-c', `mkdir "$(printf 'bad\\377dir')"`], { cwd: server.home });
    await server.tmux('new-window', '-d', '-t', '=keep:', '-c', server.home, `cd "$(printf 'bad\\377dir')" && exec sleep 1000`);
    await waitForCommand('keep', 'sleep');
    const [keep] = await listJson();
    expect(keep?.panes.map((p) => p.path).sort()).toEqual([server.home, path.join(server.home, 'bad\\xffdir')].sort());
  });
});

describe('random names and folders (fast-check; FC_SEED replays)', () => {
  // Every character class that ever broke a parser or a name: C0 controls
  // (RS, US, newline, tab, ESC), backslash, $ before a letter, #, quotes,
  // separators of other formats, wide and combining characters, emoji.
  const pieces = ['\x1e', '\x1f', '\n', '\t', '\x1b[31m', '\\', '\\\\', '$x', '${', '$_', '#{host}', '#(x)', '##', "'", '"', '|', ':', '.', ',', ' ', '日本', 'e\u0301', '🚀', '👩‍💻', 'a', 'Z', '0', '\u00ff', '\u0085'];
  const text = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
  const seed = process.env.FC_SEED === undefined ? Date.now() : Number(process.env.FC_SEED);

  it('40 sessions in folders of random names, under random names: every row read back exactly', async () => {
    await server.start('keep');
    const tmux = new TmuxService({ kind: 'socket-name', name: server.socketName }, server.env);
    const [cases] = fc.sample(fc.array(fc.tuple(text, text), { minLength: 40, maxLength: 40 }), { numRuns: 1, seed });
    const expected: [string, string][] = [];
    for (const [i, [name, folder]] of (cases ?? []).entries()) {
      const dir = path.join(server.home, `${i}-${folder.replaceAll('/', '_')}`);
      mkdirSync(dir);
      // Control characters are refused in names we are given; a name tmux holds can still carry them (made in tmux itself).
      // eslint-disable-next-line no-control-regex -- replacing control characters is the point
      const wanted = `${i}-${name}`.replace(/[\u0000-\u001f\u007f]/g, '_').replace(/[.:]/g, '_');
      const created = await tmux.createSession(wanted, dir);
      expect(created.name, `seed ${seed}`).toBe(wanted);
      expected.push([wanted, dir]);
    }
    const listed = await tmux.listSessions();
    expect(listed.filter((s) => s.name !== 'keep').map((s) => [s.name, s.path]).sort(), `seed ${seed}`).toEqual(expected.sort());
    for (const session of listed) expect(session.panes.map((p) => p.path), `seed ${seed}`).toEqual([session.path]);
  }, 120_000);
});

describe('names round-trip', () => {
  it('a name with backslashes (and a $ before a letter) goes through new, list, rename, attach and kill by the name typed', async () => {
    await server.start('keep');
    const name = 'a\\b\\\\c';
    const created = await server.cli(['new', name]);
    expect([created.exitCode, created.stdout, created.stderr]).toEqual([0, name, '']);
    // tmux holds it escaped (its session_check_name runs utf8_stravis): a\\b\\\\c.
    expect(await server.sessionNames()).toContain('a\\\\b\\\\\\\\c');
    expect((await listJson()).map((s) => s.name)).toEqual([name, 'keep']);

    const renamedTo = 'r\\$HOME\\x';
    const renamed = await server.cli(['rename', name, renamedTo]);
    expect([renamed.exitCode, renamed.stdout, renamed.stderr]).toEqual([0, renamedTo, '']);
    expect((await listJson()).map((s) => s.name)).toEqual(['keep', renamedTo]);

    // attach from "inside tmux" switches the client we name: a control client of this server.
    const control = execa('tmux', ['-u', '-f', '/dev/null', '-L', server.socketName, '-C', 'attach-session', '-t', '=keep'], { env: server.env, extendEnv: false, stdin: 'pipe', reject: false });
    try {
      const client = `client-${String(control.pid)}`;
      await waitFor(async () => ((await server.tmux('list-clients', '-F', '#{client_name}')).includes(client) ? true : undefined), 'the control client');
      const tmuxEnv = { TMUX: `${socketFile(server.socketName, server.env)},1,0` };
      const attach = await server.cli(['attach', renamedTo, '--client', client], { env: tmuxEnv });
      expect([attach.exitCode, attach.stderr]).toEqual([0, '']);
      const target = (await listJson()).find((s) => s.name === renamedTo)?.id;
      expect(await server.tmux('display-message', '-p', '-c', client, '#{session_id}')).toBe(target);
    } finally {
      control.stdin.end();
      await control;
    }

    const killed = await server.cli(['kill', renamedTo]);
    expect([killed.exitCode, killed.stderr]).toEqual([0, '']);
    expect((await listJson()).map((s) => s.name)).toEqual(['keep']);
  });

  it.each([
    [['new'], 'bad\\377name'],
    [['rename', 'keep'], 'bad\\377name'],
    [['new'], 'half\\303'],
  ])('%j with a name that is not UTF-8 (%s) is refused with a message, and nothing changes', async (args, bytes) => {
    await server.start('keep');
    const result = await cliWithBytes(args, bytes);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^tmux-dashboard: a session name must be valid UTF-8 text: .* holds bytes that are not/);
    expect(result.stderr).not.toMatch(NO_STACK);
    expect(await server.sessionNames()).toEqual(['keep']);
  });
});

describe('an action on a session replaced since it was looked up', () => {
  it('is refused as "replaced" (a new session of that name), not "not found"', async () => {
    await server.start('keep');
    await server.tmux('new-session', '-d', '-s', 'web');
    const tmux = new TmuxService({ kind: 'socket-name', name: server.socketName }, server.env);
    const stale = await tmux.requireByName('web');
    await server.tmux('kill-session', '-t', '=web');
    await server.tmux('new-session', '-d', '-s', 'web');
    await expect(tmux.killSession(stale)).rejects.toThrow(/was replaced by another session of that name .*nothing was done/);
    await expect(tmux.renameSession(stale, 'x')).rejects.toBeInstanceOf(SessionChangedError);
    expect(await server.sessionNames()).toEqual(['keep', 'web']);
  });

  it('the same id and name with another creation time (a restarted server) is a replacement too', async () => {
    await server.start('keep');
    const tmux = new TmuxService({ kind: 'socket-name', name: server.socketName }, server.env);
    const session = await tmux.requireByName('keep');
    await expect(tmux.killSession({ ...session, created: session.created - 1 })).rejects.toThrow(/replaced/);
    expect(await server.sessionNames()).toEqual(['keep']);
  });
});

describe('dry run predicts the real run', () => {
  const DRY = { TMUX_DASHBOARD_DRY_RUN: '1' };

  /** Runs `args` dry, then for real, on the same server state; returns both. */
  async function both(args: string[], options: { cwd?: string } = {}) {
    const dry = await server.cli(args, { ...options, env: DRY });
    const real = await server.cli(args, options);
    return { dry, real };
  }

  it('new: the same de-duplicated, sanitised name in the same folder', async () => {
    await server.start('web');
    await server.tmux('new-session', '-d', '-s', 'web-2');
    const project = path.join(server.home, 'proj.x');
    mkdirSync(project);
    for (const [args, cwd] of [[['new', 'web'], server.home], [['new', 'a.b:c'], server.home], [['new'], project], [['new'], project]] as const) {
      const { dry, real } = await both([...args], { cwd });
      expect(real.exitCode).toBe(0);
      const name = real.stdout.trimEnd();
      expect(dry.stdout).toBe(`dry run: would create ${name} in ${cwd}`);
      expect(dry.exitCode).toBe(0);
    }
    expect(await server.sessionNames()).toEqual(['a_b_c', 'proj_x', 'proj_x-2', 'web', 'web-2', 'web-3']);
  });

  it.each([
    ['new into a folder that does not exist', () => ['new', 'x', '--dir', path.join(server.home, 'missing')]],
    ['new into a file', () => {
      writeFileSync(path.join(server.home, 'file'), '');
      return ['new', 'x', '--dir', path.join(server.home, 'file')];
    }],
    ['new with a control character', () => ['new', 'a\tb']],
    ['new with an empty name', () => ['new', ' ']],
    ['rename to a taken name', () => ['rename', 'keep', 'other']],
    ['rename of a missing session', () => ['rename', 'missing', 'x']],
    ['rename to an invalid name', () => ['rename', 'keep', '']],
    ['kill of a missing session', () => ['kill', 'missing']],
  ])('%s: the same error and exit code, and nothing done', async (_what, argsOf) => {
    await server.start('keep');
    await server.tmux('new-session', '-d', '-s', 'other');
    const args = argsOf();
    const { dry, real } = await both(args);
    expect(real.exitCode).toBe(1);
    expect(real.stderr).toMatch(/^tmux-dashboard: /);
    expect([dry.exitCode, dry.stderr, dry.stdout]).toEqual([real.exitCode, real.stderr, '']);
    expect(await server.sessionNames()).toEqual(['keep', 'other']);
  });

  it('rename to its own name and kill: what the real run then does', async () => {
    await server.start('keep');
    await server.tmux('new-session', '-d', '-s', 'other');
    const same = await both(['rename', 'keep', 'keep']);
    expect(same.dry.stdout).toBe('dry run: would rename keep to keep');
    expect([same.real.exitCode, same.real.stdout]).toEqual([0, 'keep']);
    const kill = await both(['kill', 'other']);
    expect(kill.dry.stdout).toMatch(/^dry run: would kill other \(\$\d+\)$/);
    expect([kill.real.exitCode, kill.real.stdout]).toEqual([0, 'killed other']);
  });
});
