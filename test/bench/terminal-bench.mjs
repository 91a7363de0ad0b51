// Terminal-level measurements for `npm run bench`: the built binary in a real
// pty (a pane of a private tmux server), timed from outside by polling the
// screen. Polling and tmux's own process start add a few ms to every figure,
// so each is reported next to the same measurement of `node -e` printing one
// line: the ratio is the honest number.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'tmux-dashboard.js');
const tag = `tdbench-${process.pid}`;
const home = mkdtempSync(path.join(os.tmpdir(), 'tmux-dashboard-bench-'));
const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TMUX') && key !== 'CI'));
const env = { ...inherited, HOME: home, XDG_STATE_HOME: path.join(home, 'state'), XDG_CONFIG_HOME: path.join(home, 'config'), SHELL: '/bin/sh', LANG: 'C.UTF-8' };

const tmux = (server, ...args) => execFileSync('tmux', ['-u', '-f', '/dev/null', '-L', server, ...args], { env, encoding: 'utf8' });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates `count` sessions, 200 per tmux call (one call for all is "command too long"). */
function startSessions(server, count) {
  for (let first = 0; first < count; first += 200) {
    const args = [];
    for (let i = first; i < Math.min(count, first + 200); i++) args.push(...(args.length > 0 ? [';'] : []), 'new-session', '-d', '-s', `s${i}`);
    tmux(server, ...args);
  }
}

/** Runs `command` in a fresh window of the outer server; ms until `pattern` is on its screen. */
async function timeToScreen(outer, command, pattern, timeoutMs = 10_000) {
  const start = performance.now();
  const pane = tmux(outer, 'new-window', '-d', '-P', '-F', '#{pane_id}', ...command).trim();
  for (;;) {
    const screen = tmux(outer, 'capture-pane', '-p', '-t', pane);
    if (pattern.test(screen)) return { ms: performance.now() - start, pane };
    if (performance.now() - start > timeoutMs) throw new Error(`timed out: ${command.join(' ')}\n${screen}`);
  }
}

async function closePane(outer, pane, keys = ['q']) {
  for (const key of keys) tmux(outer, 'send-keys', '-t', pane, key);
  await sleep(150);
  spawnSync('tmux', ['-L', outer, 'kill-pane', '-t', pane], { env });
}

export async function terminalBench({ counts = [1, 100, 1000], runs = 7 } = {}) {
  const outer = `${tag}-outer`;
  tmux(outer, 'new-session', '-d', '-s', 'bench', '-x', '120', '-y', '40');
  tmux(outer, 'set-option', '-g', 'remain-on-exit', 'off');
  const results = { floorMs: NaN, firstFrameMs: {}, ratio: {}, keystrokeMs: {}, peakRssMb: {}, tmuxCallsPerRefresh: NaN };
  try {
    const floor = [];
    for (let i = 0; i < runs; i++) {
      const { ms, pane } = await timeToScreen(outer, ['env', '-u', 'TMUX', process.execPath, '-e', "process.stdout.write('›1 ready'); setTimeout(() => {}, 5000)"], /›1 ready/);
      floor.push(ms);
      await closePane(outer, pane, []);
    }
    results.floorMs = median(floor);

    for (const count of counts) {
      const inner = `${tag}-${count}`;
      startSessions(inner, count);
      const times = [];
      for (let i = 0; i < runs; i++) {
        const { ms, pane } = await timeToScreen(outer, ['env', '-u', 'TMUX', process.execPath, bin, '-L', inner], /›1 /);
        times.push(ms);
        await closePane(outer, pane);
      }
      results.firstFrameMs[count] = median(times);
      results.ratio[count] = median(times) / results.floorMs;

      // Keystroke to frame: j moves the selection; poll until the row marker moves.
      if (count < 10) {
        spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
        continue; // too few rows to move through; RSS is measured at the larger sizes
      }
      const { pane } = await timeToScreen(outer, ['env', '-u', 'TMUX', process.execPath, bin, '-L', inner], /›1 /);
      const keys = [];
      for (let i = 0; i < 20; i++) {
        const expected = new RegExp(`›${(i % 8) + 2} `);
        const start = performance.now();
        tmux(outer, 'send-keys', '-t', pane, 'j');
        while (!expected.test(tmux(outer, 'capture-pane', '-p', '-t', pane))) if (performance.now() - start > 5000) break;
        keys.push(performance.now() - start);
        if (i % 8 === 7) tmux(outer, 'send-keys', '-t', pane, 'g');
        await sleep(30);
      }
      results.keystrokeMs[count] = median(keys);
      await closePane(outer, pane);

      // Peak RSS of a dashboard that drew the list.
      const rssFile = path.join(home, `rss-${count}`);
      const withTime = await timeToScreen(outer, ['env', '-u', 'TMUX', '/usr/bin/time', '-f', '%M', '-o', rssFile, process.execPath, bin, '-L', inner], /›1 /);
      await sleep(2500); // a refresh or two at this size
      await closePane(outer, withTime.pane);
      await sleep(200);
      results.peakRssMb[count] = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
      spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
    }

    // tmux processes per list refresh: count invocations through a PATH shim.
    const inner = `${tag}-count`;
    startSessions(inner, 10);
    const shimDir = path.join(home, 'shim');
    mkdirSync(shimDir);
    const log = path.join(home, 'tmux-calls');
    const realTmux = execFileSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(shimDir, 'tmux'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realTmux}' "$@"\n`);
    chmodSync(path.join(shimDir, 'tmux'), 0o755);
    mkdirSync(path.join(home, 'config', 'tmux-dashboard'), { recursive: true });
    writeFileSync(path.join(home, 'config', 'tmux-dashboard', 'config.json'), JSON.stringify({ refresh_interval_ms: 250, preview_lines: 0 }));
    const { pane } = await timeToScreen(outer, ['env', '-u', 'TMUX', `PATH=${shimDir}:${process.env.PATH}`, process.execPath, bin, '-L', inner], /›1 /);
    writeFileSync(log, '');
    await sleep(3000);
    const calls = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
    const refreshes = calls.filter((line) => line.includes('list-sessions')).length;
    results.tmuxCallsPerRefresh = refreshes === 0 ? NaN : calls.length / refreshes;
    await closePane(outer, pane);
    spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
  } finally {
    spawnSync('tmux', ['-L', outer, 'kill-server'], { env });
    rmSync(home, { recursive: true, force: true });
  }
  return results;
}
