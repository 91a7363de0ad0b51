// Terminal-level measurements for `npm run bench`: the built binary in a real
// pty (a pane of a private tmux server).
//
// Two clocks. From outside, by polling the screen: what a user waits for,
// with tmux's own window start and the polling added to every figure, so it
// is reported next to the same measurement of `node -e` printing one line
// (the floor) and as a ratio. From inside, with TMUX_DASHBOARD_TRACE: when
// each startup step finished and when each frame was written, in ms since the
// process started — where the time goes, and key-to-frame without polling.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'tmux-dashboard.cjs');
// BENCH_BASELINE=<another checkout>/bin/tmux-dashboard.cjs (or .js): that build's first
// frame too, start for start beside this one's. Figures from two runs (or two
// machines) move by 10–20 %; an A/B within one run does not.
const baseline = process.env.BENCH_BASELINE;
// TMUX_DASHBOARD_BENCH_TAG: the servers' name prefix (a run of one measurement beside other work keeps its own names).
const tag = `${process.env.TMUX_DASHBOARD_BENCH_TAG ?? 'tdbench'}-${process.pid}`;
const home = mkdtempSync(path.join(os.tmpdir(), 'tmux-dashboard-bench-'));
// NODE_EXTRA_CA_CERTS makes every node start read a CA bundle (+50–80 ms on
// the machines this was built on); users' shells do not set it, and it is not
// the dashboard's cost. CI would blank Ink's frames.
const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TMUX') && key !== 'CI' && key !== 'NODE_EXTRA_CA_CERTS'));
const env = { ...inherited, HOME: home, XDG_STATE_HOME: path.join(home, 'state'), XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache'), SHELL: '/bin/sh', LANG: 'C.UTF-8' };
const childEnv = ['env', '-u', 'TMUX', '-u', 'TMUX_PANE', '-u', 'NODE_EXTRA_CA_CERTS'];

const tmux = (server, ...args) => execFileSync('tmux', ['-u', '-f', '/dev/null', '-L', server, ...args], { env, encoding: 'utf8' });
const median = (values) => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every server this run started: all are killed at the end, whatever failed. */
const started = new Set();

/** Kills every server of this run and removes its socket file, and the run's HOME: at the end of a part, and on every way out. */
function removeEverything() {
  const panes = [];
  for (const server of started) {
    const listed = spawnSync('tmux', ['-L', server, 'list-panes', '-a', '-F', '#{pane_pid}'], { env, encoding: 'utf8' });
    panes.push(...(listed.stdout ?? '').split('\n').map(Number).filter((pid) => pid > 0));
    spawnSync('tmux', ['-L', server, 'kill-server'], { env });
    // tmux 3.3a leaves the socket file behind. (TMUX_TMPDIR is not passed to these servers.)
    rmSync(path.join('/tmp', `tmux-${process.getuid()}`, server), { force: true });
  }
  started.clear();
  // A dashboard in a pane ends on the hang-up a moment later, and writes its log in HOME as it goes: wait for it (2 s at most).
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let waited = 0; waited < 2000 && panes.some(alive); waited += 50) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  rmSync(home, { recursive: true, force: true });
}

// A run stopped with Ctrl-C or kill would skip the `finally` blocks: exit
// instead, so the `exit` handlers (this one, run.mjs's) remove what it made.
process.on('exit', removeEverything);
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) process.once(signal, () => process.exit(128 + number));

/**
 * Creates `count` sessions, 200 per tmux call (one call for all is "command
 * too long"). With `agents`, every tenth session also has a window running
 * an agent (`claude`: sleep under that name), and every other of those a
 * hook's mark (waiting for the user), as users of agents have them.
 */
function startSessions(server, count, { agents = false } = {}) {
  started.add(server);
  const agentBin = path.join(home, 'agent-bin');
  if (agents && !existsSync(agentBin)) {
    mkdirSync(agentBin);
    symlinkSync(execFileSync('sh', ['-c', 'command -v sleep'], { encoding: 'utf8' }).trim(), path.join(agentBin, 'claude'));
  }
  const now = Math.floor(Date.now() / 1000);
  for (let first = 0; first < count; first += 200) {
    const args = [];
    const add = (...command) => args.push(...(args.length > 0 ? [';'] : []), ...command);
    for (let i = first; i < Math.min(count, first + 200); i++) {
      add('new-session', '-d', '-s', `s${i}`);
      if (agents && i % 10 === 5) {
        add('new-window', '-d', '-t', `=s${i}:`, `exec ${path.join(agentBin, 'claude')} 3600`);
        if (i % 20 === 5) add('set-option', '-p', '-t', `=s${i}:1.0`, '@tmux_dashboard_agent', `needs-input ${now} ${now}`);
      }
    }
    tmux(server, ...args);
  }
}

let outputs = 0;

/** Resolves when `file` contains `pattern` past `from` (inotify, not polling: polling would take CPU from what it measures). */
function waitForOutput(file, pattern, from = 0, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const text = readFileSync(file, 'utf8');
      const index = text.slice(from).search(pattern);
      if (index < 0) return false;
      watcher.close();
      clearTimeout(timer);
      resolve({ at: performance.now(), end: text.length });
      return true;
    };
    const watcher = watch(file, check);
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`timed out waiting for ${pattern} in ${file}:\n${readFileSync(file, 'utf8').slice(-2000)}`));
    }, timeoutMs);
    check();
  });
}

/**
 * Runs `command` in a fresh window of `server`; ms from the key that starts
 * it until `pattern` is in what it wrote. The window waits in `read` with its
 * output already piped to a file (pipe-pane), so nothing is missed and no
 * process polls the screen meanwhile.
 */
async function timeToScreen(server, command, pattern) {
  const output = path.join(home, `output-${outputs++}`);
  writeFileSync(output, '');
  const pane = tmux(server, 'new-window', '-d', '-P', '-F', '#{pane_id}', 'sh', '-c', 'read _ && exec "$@"', 'sh', ...command).trim();
  tmux(server, 'pipe-pane', '-O', '-t', pane, `exec cat >> '${output}'`);
  await sleep(50); // the pipe's cat is running
  const start = performance.now();
  tmux(server, 'send-keys', '-t', pane, 'Enter');
  const { at, end } = await waitForOutput(output, pattern);
  return { ms: at - start, pane, output, end };
}

/** Sends `keys` (q: quit) and waits for the window to go (its trace is written on the way out), then kills what is left. */
async function closePane(server, pane, keys = ['q']) {
  for (const key of keys) tmux(server, 'send-keys', '-t', pane, key);
  const start = performance.now();
  while (keys.length > 0 && existsPane(server, pane) && performance.now() - start < 3000) await sleep(25);
  spawnSync('tmux', ['-L', server, 'kill-pane', '-t', pane], { env });
}

/** The traces a run wrote (one JSON line per process), then a fresh file. */
function takeTraces(file) {
  if (!existsSync(file)) return [];
  const traces = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  rmSync(file);
  return traces;
}

const markAt = (trace, name) => trace.marks.find(([mark]) => mark === name)?.[1] ?? NaN;
const firstListFrame = (trace) => trace.frames.find(([, , list]) => list)?.[0] ?? NaN;

/** Median time of each startup step, in ms since the process started. */
function startupSteps(traces) {
  const names = ['main', 'config', 'lock', 'snapshot', 'ui-loaded', 'render', 'input-live'];
  const steps = Object.fromEntries(names.map((name) => [name, median(traces.map((trace) => markAt(trace, name)))]));
  steps['list-frame'] = median(traces.map(firstListFrame));
  return steps;
}

/** Each key's time to the next frame write, from inside the process. */
function keyToFrame(traces) {
  const latencies = [];
  for (const trace of traces) {
    for (const [name, at] of trace.marks) {
      if (name !== 'key') continue;
      const frame = trace.frames.find(([written, size]) => written >= at && size > 100);
      if (frame !== undefined) latencies.push(frame[0] - at);
    }
  }
  return latencies;
}

/**
 * `only` (BENCH_ONLY=idle,change,… for a quick look while working) runs a
 * subset: floor, first, keys, rss, calls, enter, picker, fzf, idle, change.
 */
export async function terminalBench({ counts = [1, 100, 1000], runs = 9, only = undefined } = {}) {
  const wanted = (part) => only === undefined || only.includes(part);
  const outer = `${tag}-outer`;
  const traceFile = path.join(home, 'trace.jsonl');
  const traced = [...childEnv, `TMUX_DASHBOARD_TRACE=${traceFile}`];
  started.add(outer);
  tmux(outer, 'new-session', '-d', '-s', 'bench', '-x', '120', '-y', '40');
  tmux(outer, 'set-option', '-g', 'remain-on-exit', 'off');
  const results = { floorMs: NaN, firstFrameMs: {}, ratio: {}, baselineFirstFrameMs: {}, startupSteps: {}, keystrokeMs: {}, keystrokeOutsideMs: {}, treeKeystrokeMs: NaN, peakRssMb: {}, tmuxCallsPerRefresh: NaN, enterToExitMs: NaN, picker: undefined, fzfMs: {}, nodeListMs: {}, idle: undefined, change: undefined };
  try {
    const floor = [];
    for (let i = 0; i < (wanted('floor') || wanted('first') ? runs : 0); i++) {
      const { ms, pane } = await timeToScreen(outer, [...childEnv, process.execPath, '-e', "process.stdout.write('›1 ready'); setTimeout(() => {}, 5000)"], /›1 ready/);
      floor.push(ms);
      await closePane(outer, pane, []);
    }
    results.floorMs = median(floor);

    for (const count of wanted('first') || wanted('keys') || wanted('rss') || wanted('fzf') ? counts : []) {
      const inner = `${tag}-${count}`;
      startSessions(inner, count, { agents: true });
      if (wanted('fzf')) results.fzfMs[count] = await fzfReference(outer, inner, runs);
      if (wanted('fzf')) results.nodeListMs[count] = await nodeListReference(outer, inner, runs);
      // One start that fills the code cache (bin/tmux-dashboard.cjs), as a user's first start does.
      await closePane(outer, (await timeToScreen(outer, [...childEnv, process.execPath, bin, '-L', inner], /›1 /)).pane);
      if (baseline !== undefined && wanted('first')) await closePane(outer, (await timeToScreen(outer, [...childEnv, process.execPath, baseline, '-L', inner], /›1 /)).pane);
      const times = [];
      const baselineTimes = [];
      for (let i = 0; i < (wanted('first') ? runs : 0); i++) {
        const { ms, pane } = await timeToScreen(outer, [...traced, process.execPath, bin, '-L', inner], /›1 /);
        times.push(ms);
        await closePane(outer, pane);
        if (baseline === undefined) continue;
        const other = await timeToScreen(outer, [...childEnv, process.execPath, baseline, '-L', inner], /›1 /);
        baselineTimes.push(other.ms);
        await closePane(outer, other.pane);
      }
      results.firstFrameMs[count] = median(times);
      if (baseline !== undefined) results.baselineFirstFrameMs[count] = median(baselineTimes);
      results.ratio[count] = median(times) / results.floorMs;
      results.startupSteps[count] = startupSteps(takeTraces(traceFile));

      if (count < 10 || !(wanted('keys') || wanted('rss'))) {
        spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
        continue; // too few rows to move through; RSS is measured at the larger sizes
      }
      // Keystroke to frame: j moves the selection. Inside: key read to frame
      // written. Outside: send-keys until capture-pane shows the move.
      const { pane, output, end } = await timeToScreen(outer, [...traced, process.execPath, bin, '-L', inner], /›1 /);
      await sleep(300);
      const outside = [];
      let seen = end;
      for (let i = 0; i < (wanted('keys') ? 30 : 0); i++) {
        const start = performance.now();
        tmux(outer, 'send-keys', '-t', pane, i % 8 === 7 ? 'g' : 'j');
        const shown = await waitForOutput(output, new RegExp(`›${i % 8 === 7 ? 1 : (i % 8) + 2}`), seen, 5000);
        outside.push(shown.at - start);
        seen = shown.end;
        await sleep(40);
      }
      await closePane(outer, pane);
      await sleep(100);
      results.keystrokeMs[count] = median(keyToFrame(takeTraces(traceFile)));
      results.keystrokeOutsideMs[count] = median(outside);

      // Peak RSS of a dashboard that drew the list.
      const rssFile = path.join(home, `rss-${count}`);
      const withTime = await timeToScreen(outer, [...childEnv, '/usr/bin/time', '-f', '%M', '-o', rssFile, process.execPath, bin, '-L', inner], /›1 /);
      await sleep(2500); // a refresh or two at this size
      await closePane(outer, withTime.pane);
      await sleep(200);
      results.peakRssMb[count] = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
      spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
    }

    if (wanted('tree')) results.treeKeystrokeMs = await treeKeyToFrame(outer, traceFile);
    if (wanted('calls')) results.tmuxCallsPerRefresh = await tmuxCallsPerRefresh(outer);
    if (wanted('enter')) results.enterToExitMs = await enterToExit(outer, traceFile, runs);
    if (wanted('picker')) results.picker = await pickerBench(outer, traceFile, runs);
    if (wanted('idle')) results.idle = await idleCpu(outer);
    if (wanted('change')) results.change = await changeToScreen(outer);
  } finally {
    removeEverything();
  }
  return results;
}

/**
 * Key to frame with the tree open on a session of 50 windows (and 49 other
 * sessions): `l` opens it, then j and g move through its window rows, as the
 * list's key-to-frame does. Inside: key read to frame written.
 */
async function treeKeyToFrame(outer, traceFile) {
  const inner = `${tag}-tree`;
  started.add(inner);
  const args = ['new-session', '-d', '-s', 'big'];
  for (let i = 1; i < 50; i++) args.push(';', 'new-window', '-d', '-t', '=big:', '-n', `w${i}`);
  for (let i = 0; i < 49; i++) args.push(';', 'new-session', '-d', '-s', `s${i}`);
  tmux(inner, ...args);
  try {
    takeTraces(traceFile);
    const { pane, output, end } = await timeToScreen(outer, [...childEnv, `TMUX_DASHBOARD_TRACE=${traceFile}`, `TMUX_DASHBOARD_SORT_MODE=windows_count`, process.execPath, bin, '-L', inner], /›1 /);
    await sleep(300);
    tmux(outer, 'send-keys', '-t', pane, 'l');
    let seen = (await waitForOutput(output, /├─/, end, 5000)).end;
    for (let i = 0; i < 30; i++) {
      tmux(outer, 'send-keys', '-t', pane, i % 8 === 7 ? 'g' : 'j');
      seen = (await waitForOutput(output, new RegExp(`›${i % 8 === 7 ? 1 : (i % 8) + 2}`), seen, 5000)).end;
      await sleep(40);
    }
    await closePane(outer, pane);
    await sleep(100);
    return median(keyToFrame(takeTraces(traceFile)));
  } finally {
    spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
  }
}

/** Only the tree's key to frame (a check of that measurement alone): its own outer server, removed after. */
export async function treeBenchAlone() {
  const outer = `${tag}-outer`;
  started.add(outer);
  tmux(outer, 'new-session', '-d', '-s', 'bench', '-x', '120', '-y', '40');
  try {
    return await treeKeyToFrame(outer, path.join(home, 'trace.jsonl'));
  } finally {
    removeEverything();
  }
}

/** tmux processes per list refresh: every invocation counted through a PATH shim. */
async function tmuxCallsPerRefresh(outer) {
  const inner = `${tag}-count`;
  startSessions(inner, 10);
  const shimDir = path.join(home, 'shim');
  mkdirSync(shimDir);
  const log = path.join(home, 'tmux-calls');
  const realTmux = execFileSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).trim();
  writeFileSync(path.join(shimDir, 'tmux'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realTmux}' "$@"\n`);
  chmodSync(path.join(shimDir, 'tmux'), 0o755);
  const configDir = path.join(home, 'config', 'tmux-dashboard');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ refresh_interval_ms: 250, preview_lines: 0 }));
  const { pane } = await timeToScreen(outer, [...childEnv, `PATH=${shimDir}:${process.env.PATH}`, process.execPath, bin, '-L', inner], /›1 /);
  writeFileSync(log, '');
  await sleep(3000);
  const calls = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
  const refreshes = calls.filter((line) => line.includes('list-sessions')).length;
  await closePane(outer, pane);
  rmSync(path.join(configDir, 'config.json'));
  spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
  return refreshes === 0 ? NaN : calls.length / refreshes;
}

/**
 * Enter on a session inside tmux until the process exits: a client of the
 * inner server runs in an outer window; the dashboard runs in a window of the
 * inner server (so $TMUX is set), Enter switches the client and exits.
 */
async function enterToExit(outer, traceFile, runs) {
  const inner = `${tag}-enter`;
  startSessions(inner, 100);
  const client = tmux(outer, 'new-window', '-d', '-P', '-F', '#{pane_id}', ...childEnv, 'tmux', '-u', '-f', '/dev/null', '-L', inner, 'attach', '-t', '=s0').trim();
  const socket = tmux(inner, 'display-message', '-p', '#{socket_path}').trim();
  for (let i = 0; i < runs; i++) {
    await sleep(300);
    // Inside tmux: the pane's own $TMUX and $TMUX_PANE stay.
    const pane = tmux(inner, 'new-window', '-P', '-F', '#{pane_id}', '-t', '=s0:', 'env', '-u', 'NODE_EXTRA_CA_CERTS', `TMUX_DASHBOARD_TRACE=${traceFile}`, process.execPath, bin, '-S', socket).trim();
    const start = performance.now();
    while (!/›1/.test(tmux(inner, 'capture-pane', '-p', '-t', pane))) {
      if (performance.now() - start > 10_000) throw new Error('the dashboard inside tmux did not start');
      await sleep(20);
    }
    await sleep(200);
    tmux(inner, 'send-keys', '-t', pane, 'Enter');
    const sent = performance.now();
    while (existsPane(inner, pane) && performance.now() - sent < 5000) await sleep(20);
  }
  spawnSync('tmux', ['-L', outer, 'kill-pane', '-t', client], { env });
  spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
  const latencies = takeTraces(traceFile).map((trace) => markAt(trace, 'exit') - trace.marks.filter(([name]) => name === 'key').at(-1)?.[1]);
  return median(latencies);
}

/**
 * The project picker with 2,000 candidate folders (a project root of 2,000
 * repositories, scanned once before so its cache is there, as for a user
 * who opened the picker before), next to a second root of 20,000 plain
 * folders that every opening rescans in the background:
 * - from `o` (send-keys) to the first of the 2,000 on the screen;
 * - every key read to its frame (inside) while that rescan runs;
 * - the first frame with those roots configured (the scan never runs before the picker opens).
 */
async function pickerBench(outer, traceFile, runs) {
  const inner = `${tag}-picker`;
  startSessions(inner, 20);
  const projects = path.join(home, 'projects');
  for (let i = 0; i < 2000; i++) mkdirSync(path.join(projects, `p${String(i).padStart(4, '0')}`, '.git'), { recursive: true });
  const big = path.join(home, 'big');
  for (let i = 0; i < 20; i++) for (let j = 0; j < 1000; j++) mkdirSync(path.join(big, `d${i}`, `e${j}`), { recursive: true });
  const configDir = path.join(home, 'config', 'tmux-dashboard');
  mkdirSync(configDir, { recursive: true });
  const configFile = path.join(configDir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ project_roots: [{ path: projects, depth: 1 }, { path: big, depth: 3 }] }));
  const cacheFile = path.join(home, 'cache', 'tmux-dashboard', 'projects.json');
  try {
    // Once to fill the scan's cache.
    const warm = await timeToScreen(outer, [...childEnv, process.execPath, bin, '-L', inner], /›1 /);
    await sleep(200);
    tmux(outer, 'send-keys', '-t', warm.pane, 'o');
    await waitForOutput(warm.output, /p0000/, warm.end, 30_000);
    const waitStart = performance.now();
    while (!existsSync(cacheFile) && performance.now() - waitStart < 30_000) await sleep(50);
    await closePane(outer, warm.pane, ['C-c']);
    takeTraces(traceFile);

    const firstRows = [];
    const firstFrames = [];
    for (let i = 0; i < runs; i++) {
      const { ms, pane, output, end } = await timeToScreen(outer, [...traced(traceFile), process.execPath, bin, '-L', inner], /›1 /);
      firstFrames.push(ms);
      await sleep(300);
      const start = performance.now();
      tmux(outer, 'send-keys', '-t', pane, 'o');
      const shown = await waitForOutput(output, /p0000/, end, 10_000);
      firstRows.push(shown.at - start);
      // Keys while the 20,000-folder root is being rescanned: each waits for its frame.
      let seen = shown.end;
      for (let k = 0; k < 8; k++) {
        tmux(outer, 'send-keys', '-t', pane, 'Down');
        seen = (await waitForOutput(output, /›/, seen, 5000)).end;
        await sleep(30);
      }
      await closePane(outer, pane, ['C-c']);
    }
    const keys = keyToFrame(takeTraces(traceFile));
    return { firstRowsMs: median(firstRows), keyToFrameDuringScanMs: median(keys), keyToFrameDuringScanMaxMs: Math.max(...keys), firstFrameMs: median(firstFrames) };
  } finally {
    rmSync(configFile, { force: true });
    spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
  }
}

const traced = (traceFile) => [...childEnv, `TMUX_DASHBOARD_TRACE=${traceFile}`];

/**
 * The peers' core, for reference: `tmux ls | fzf` from the key that starts it
 * to the first session on its screen (fzf draws the last line of its input
 * at the bottom, the first on the line above its prompt). NaN without fzf.
 */
async function fzfReference(outer, inner, runs) {
  if (spawnSync('sh', ['-c', 'command -v fzf'], { env }).status !== 0) return NaN;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { ms, pane } = await timeToScreen(outer, [...childEnv, 'sh', '-c', `tmux -L '${inner}' ls | fzf`], /s0: /);
    times.push(ms);
    await closePane(outer, pane, ['C-c']);
  }
  return median(times);
}

/**
 * The limit of our architecture, for reference: a Node program that spawns
 * one `tmux list-sessions` and prints what it says, from the key that starts
 * it to the first session on its screen.
 */
async function nodeListReference(outer, inner, runs) {
  const script = `process.stdout.write(require('node:child_process').execFileSync('tmux', ['-L', ${JSON.stringify(inner)}, 'list-sessions'])); setTimeout(() => {}, 5000)`;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { ms, pane } = await timeToScreen(outer, [...childEnv, process.execPath, '-e', script], /s0: /);
    times.push(ms);
    await closePane(outer, pane, []);
  }
  return median(times);
}

/** CPU time of a process and its waited-for children (tmux clients), in ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command: state is field 3; utime, stime, cutime, cstime are 14–17.
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * A dashboard left open on an idle server of 100 sessions, preview on (a
 * 120×40 pane: beside the list): its CPU (and its tmux clients') over
 * BENCH_IDLE_SECONDS (60 by default), as a share of one core. It starts
 * after 65 s without a key, as a dashboard left alone; then the same again
 * from 185 s on, as one left open all day.
 */
async function idleCpu(outer) {
  const inner = `${tag}-idle`;
  startSessions(inner, 100);
  const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
  try {
    const { pane } = await timeToScreen(outer, [...childEnv, process.execPath, bin, '-L', inner], /›1 /);
    const pid = Number(tmux(outer, 'display-message', '-p', '-t', pane, '#{pane_pid}').trim());
    // Past the first minute the ages on screen change once a minute, as on a server whose sessions are not brand new.
    await sleep(65_000);
    const window = async () => {
      const before = cpuMs(pid);
      const start = performance.now();
      await sleep(seconds * 1000);
      return { used: cpuMs(pid) - before, wall: performance.now() - start };
    };
    const { used, wall } = await window();
    // Left open all day: a minute once the start's garbage is long collected
    // (V8's memory reducer runs its collections in the first two minutes).
    await sleep(Math.max(0, 185_000 - 65_000 - seconds * 1000));
    const later = await window();
    await closePane(outer, pane);
    return { seconds, cpuMs: used, percent: (100 * used) / wall, laterCpuMs: later.used, laterPercent: (100 * later.used) / later.wall };
  } finally {
    spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
  }
}

/**
 * A session created, then renamed, by another client while the user moves
 * in the list (a key every 200 ms): ms from the tmux command to the name on
 * the dashboard's screen (its output), median of 6 of each. Someone's
 * client is attached to the server (a `tmux attach` in another window), as
 * when the dashboard is used: its control-mode client joins only a session
 * a person looks at (BENCH_CONTROL_MODE=0 measures polling alone).
 */
async function changeToScreen(outer) {
  const inner = `${tag}-change`;
  startSessions(inner, 100);
  tmux(outer, 'new-window', '-d', ...childEnv, 'tmux', '-u', '-f', '/dev/null', '-L', inner, 'attach', '-t', '=s0');
  const controlMode = process.env.BENCH_CONTROL_MODE === '0' ? ['TMUX_DASHBOARD_CONTROL_MODE=0'] : [];
  try {
    const { pane, output, end } = await timeToScreen(outer, [...childEnv, ...controlMode, process.execPath, bin, '-L', inner], /›1 /);
    let seen = end;
    let typing = true;
    const typist = (async () => {
      for (let i = 0; typing; i++) {
        tmux(outer, 'send-keys', '-t', pane, i % 2 === 0 ? 'j' : 'k');
        await sleep(200);
      }
    })();
    const created = [];
    const renamed = [];
    for (let i = 0; i < 6; i++) {
      await sleep(700);
      let start = performance.now();
      tmux(inner, 'new-session', '-d', '-s', `zznew${i}`);
      let shown = await waitForOutput(output, new RegExp(`zznew${i}`), seen, 10_000);
      created.push(shown.at - start);
      seen = shown.end;
      await sleep(700);
      start = performance.now();
      tmux(inner, 'rename-session', '-t', `=zznew${i}`, `zzren${i}`);
      shown = await waitForOutput(output, new RegExp(`zzren${i}`), seen, 10_000);
      renamed.push(shown.at - start);
      seen = shown.end;
    }
    typing = false;
    await typist;
    await closePane(outer, pane);
    return { createdMs: median(created), renamedMs: median(renamed), createdMaxMs: Math.max(...created), renamedMaxMs: Math.max(...renamed) };
  } finally {
    spawnSync('tmux', ['-L', inner, 'kill-server'], { env });
  }
}

function existsPane(server, pane) {
  return spawnSync('tmux', ['-L', server, 'display-message', '-p', '-t', pane, '#{pane_id}'], { env }).status === 0;
}
