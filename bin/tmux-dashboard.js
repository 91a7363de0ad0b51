#!/usr/bin/env node
// Tiny on purpose: everything lives in the bundle, loaded once.
import fs from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

// Node ≥ 22.1 keeps V8's compiled code for dist/cli.js between runs: 30–40 ms
// off every start (npm run bench). In the user's own cache directory, not a
// shared /tmp one: V8 trusts the code it reads back. NODE_DISABLE_COMPILE_CACHE=1
// turns it off.
// Another user who could write there could hand V8 code to run as you: the
// directory must be yours (tightened to 0700), else the cache stays off.
try {
  const cacheHome = path.isAbsolute(process.env.XDG_CACHE_HOME ?? '') ? process.env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  const dir = path.join(cacheHome, 'tmux-dashboard');
  if (module.enableCompileCache !== undefined && privateDir(dir)) module.enableCompileCache(path.join(dir, 'compile-cache'));
} catch {
  // No home directory: start without the cache.
}

function privateDir(dir) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const info = fs.statSync(dir);
  if (process.getuid !== undefined && info.uid !== process.getuid()) {
    process.stderr.write(`tmux-dashboard: the cache directory ${dir} belongs to uid ${info.uid}, not to you; starting without the compile cache\n`);
    return false;
  }
  if ((info.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  return true;
}

// The dashboard's first tmux call starts now, from a small module, and runs
// while the bundle loads (src/cli/early.ts says why and when it is used).
let early;
try {
  early = (await import('../dist/early.js')).startEarlyList(process.argv.slice(2), process.env);
} catch {
  // No early call: the bundle makes it.
}

import('../dist/cli.js').then(
  (cli) => cli.main(process.argv.slice(2), early),
  (error) => {
    process.stderr.write(`tmux-dashboard: cannot load dist/cli.js (run 'npm run build'): ${error.message}\n`);
    process.exitCode = 1;
  },
);
