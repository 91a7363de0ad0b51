// The bundle's entry (built into dist/cli.js, which bin/tmux-dashboard.js
// loads): the one module that joins the CLI (src/) and the Ink UI
// (components/). Arrows point one way — components → hooks → src — so the
// CLI gets the UI as a function; the UI's code is a chunk of its own, loaded
// only by the dashboard, after the lock and the first frame.
import type { EarlyList } from '../src/cli/early.js';
import { main as runCli } from '../src/cli/main.js';

/** `early`: the dashboard's first list call, started by the launcher before this bundle loaded. */
export function main(argv: readonly string[], early?: EarlyList): Promise<never> {
  return runCli(argv, async () => (await import('../components/run.js')).runDashboardUi, early);
}
