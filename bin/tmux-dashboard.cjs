#!/usr/bin/env node
'use strict';
// The launcher. Tiny, and CommonJS so that Node does not start its ES module
// loader before the first line here (~10 ms). It starts the dashboard's first
// tmux call (dist/early.cjs), then runs the bundle, dist/cli.cjs, compiled
// with V8's code cache: README, "Start-up, and what it costs".
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const argv = process.argv.slice(2);
const dist = path.join(__dirname, '..', 'dist');

let early;
try {
  early = require(path.join(dist, 'early.cjs')).startEarlyList(argv, process.env);
} catch {
  // No early call: the bundle makes it.
}

const bundle = path.join(dist, 'cli.cjs');
let source;
try {
  // The build keeps it ASCII: as latin1 the string is a copy, not a decode.
  source = fs.readFileSync(bundle, 'latin1');
} catch (error) {
  process.stderr.write(`tmux-dashboard: cannot load dist/cli.cjs (run 'npm run build'): ${error.message}\n`);
  process.exit(1);
}
const cache = openCodeCache(source);
let script;
const loaded = { exports: {} };
try {
  // The bundle holds no import() (build.mjs): it needs no module loader.
  script = new vm.Script(source, { filename: bundle, cachedData: cache.data });
  // The bundle is one function expression (build.mjs): a CommonJS module's wrapper.
  script.runInThisContext()(loaded.exports, createRequire(bundle), loaded, bundle, dist);
} catch (error) {
  process.stderr.write(`tmux-dashboard: cannot load dist/cli.cjs (run 'npm run build'): ${error.message}\n`);
  process.exit(1);
}
loaded.exports.main(argv, { early, keepCompiledCode: (after) => cache.keep(script, after) });

/**
 * V8's compiled code for dist/cli.cjs from an earlier start, and `keep`,
 * which writes this start's once the bundle says its code has run.
 *
 * V8 runs the code it reads back, so the directory must be ours and private
 * (else anyone who could write there could run code as us): our cache
 * directory's tmux-dashboard/code, tightened to 0700, refused when another
 * user owns it or it is a link. V8 itself checks its version, its flags and
 * the source's length, not the source: so the file's name carries the build
 * (the bundle's first line, a hash of it), the Node version and the
 * architecture. A `dashboard` file, kept once the first frame is up, holds
 * what a dashboard start needs and is preferred to a `command` file, kept at
 * the end of any other command when there was none. NODE_DISABLE_COMPILE_CACHE=1
 * (Node's own switch for its compile cache) turns it off.
 */
function openCodeCache(code) {
  const off = { data: undefined, keep() {} };
  const build = /^\/\/ tmux-dashboard build ([0-9a-f]{64})\n/.exec(code)?.[1];
  if (process.env.NODE_DISABLE_COMPILE_CACHE || build === undefined) return off;
  let dir;
  try {
    dir = privateCodeDir();
  } catch {
    // No home folder, a read-only one: start without the cache.
  }
  if (dir === undefined) return off;
  const prefix = `${build.slice(0, 32)}-`;
  const file = (kind) => path.join(dir, `${prefix}${process.version}-${process.arch}-${kind}.bin`);
  let loadedKind;
  let data;
  for (const kind of ['dashboard', 'command']) {
    try {
      data = fs.readFileSync(fs.openSync(file(kind), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW));
      loadedKind = kind;
      break;
    } catch {
      // None of this kind.
    }
  }
  let kept = false;
  return {
    data,
    keep(compiled, after) {
      if (kept) return;
      kept = true;
      const usable = loadedKind !== undefined && !compiled.cachedDataRejected;
      if (usable && (loadedKind === 'dashboard' || after === 'command')) return;
      try {
        if (loadedKind !== undefined && !usable) fs.rmSync(file(loadedKind), { force: true });
        const temp = `${file(after)}.${process.pid}.tmp`;
        fs.writeFileSync(temp, compiled.createCachedData(), { mode: 0o600, flag: 'wx' });
        fs.renameSync(temp, file(after));
        // Earlier builds' files, and the directory of Node's own compile cache that earlier versions used.
        for (const name of fs.readdirSync(dir)) if (!name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
        fs.rmSync(path.join(dir, '..', 'compile-cache'), { recursive: true, force: true });
      } catch {
        // A full disk, a race with another start: the next start compiles again.
      }
    },
  };
}

/** $XDG_CACHE_HOME/tmux-dashboard/code (~/.cache when unset or relative), or undefined when it is not safely ours. */
function privateCodeDir() {
  const cacheHome = path.isAbsolute(process.env.XDG_CACHE_HOME ?? '') ? process.env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  const base = path.join(cacheHome, 'tmux-dashboard');
  const dir = path.join(base, 'code');
  for (const each of [base, dir]) {
    fs.mkdirSync(each, { recursive: true, mode: 0o700 });
    const info = fs.lstatSync(each);
    if (!info.isDirectory()) return undefined;
    if (process.getuid !== undefined && info.uid !== process.getuid()) {
      process.stderr.write(`tmux-dashboard: the cache directory ${each} belongs to uid ${info.uid}, not to you; starting without the code cache\n`);
      return undefined;
    }
    if ((info.mode & 0o077) !== 0) fs.chmodSync(each, 0o700);
  }
  // A directory above that another user can write lets them swap ours for
  // theirs once the checks are done: each must be root's or ours, and not
  // writable by everyone unless sticky (as /tmp is).
  const uid = process.getuid?.();
  for (let at = fs.realpathSync(base); uid !== undefined; at = path.dirname(at)) {
    const info = fs.statSync(at);
    if ((info.uid !== 0 && info.uid !== uid) || ((info.mode & 0o002) !== 0 && (info.mode & 0o1000) === 0)) {
      process.stderr.write(`tmux-dashboard: the cache directory ${base} is inside ${at}, which another user can change; starting without the code cache\n`);
      return undefined;
    }
    if (at === path.dirname(at)) break;
  }
  return dir;
}
