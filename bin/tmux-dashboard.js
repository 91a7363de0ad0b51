#!/usr/bin/env node
// Tiny on purpose: everything lives in the bundle, loaded once.
import('../dist/cli.js').then(
  (cli) => cli.main(process.argv.slice(2)),
  (error) => {
    process.stderr.write(`tmux-dashboard: cannot load dist/cli.js (run 'npm run build'): ${error.message}\n`);
    process.exitCode = 1;
  },
);
