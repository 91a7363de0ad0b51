#!/usr/bin/env node
// Tiny on purpose: everything lives in the bundle, loaded once.
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

// Node ≥ 22.1 keeps V8's compiled code for dist/cli.js between runs: 30–40 ms
// off every start (npm run bench). In the user's own cache directory, not a
// shared /tmp one: V8 trusts the code it reads back. NODE_DISABLE_COMPILE_CACHE=1
// turns it off.
try {
  const cacheHome = path.isAbsolute(process.env.XDG_CACHE_HOME ?? '') ? process.env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  module.enableCompileCache?.(path.join(cacheHome, 'tmux-dashboard', 'compile-cache'));
} catch {
  // No home directory: start without the cache.
}

import('../dist/cli.js').then(
  (cli) => cli.main(process.argv.slice(2)),
  (error) => {
    process.stderr.write(`tmux-dashboard: cannot load dist/cli.js (run 'npm run build'): ${error.message}\n`);
    process.exitCode = 1;
  },
);
