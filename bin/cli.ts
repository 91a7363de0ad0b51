// The bundle's entry (built into dist/cli.cjs, which bin/tmux-dashboard.cjs
// loads): the one module that joins the CLI (src/) and the Ink UI
// (components/). Arrows point one way — components → hooks → src — so the
// CLI gets the UI as a function; the UI's modules are evaluated only when the
// dashboard loads it, after the lock and the first frame.
import { main as runCli, type Launcher } from '../src/cli/main.js';

/** `launcher`: what bin/tmux-dashboard.cjs hands over (the first list call it started, where to say the start's code has run). */
export function main(argv: readonly string[], launcher?: Launcher): Promise<never> {
  return runCli(argv, async () => (await import('../components/run.js')).runDashboardUi, launcher);
}
