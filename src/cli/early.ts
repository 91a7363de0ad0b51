import { isatty } from 'node:tty';
import { absoluteFrom, startingFolder } from '../project/detect.js';
import { LIST_END_MARK, QUICK_LIST_ARGS } from '../tmux/formats.js';
import { checkServerPath, resolveServer, serverArgs, type TmuxServer } from '../tmux/server.js';
import { endGroup, spawnCaptured, trackGroup, untrackGroup, withinDeadline, type StartedCall } from '../tmux/spawn.js';
import { plainDashboardArgs } from './dashboard-args.js';

/** The dashboard's first list call, already running, and the server it asked. */
export interface EarlyList {
  server: TmuxServer;
  call: StartedCall;
}

// The config is not read yet: the CLI waits for this call only as long as
// tmux_timeout_ms says, and stops it then (TmuxService.snapshot). This
// deadline is for a call no one waits for: the largest tmux_timeout_ms.
const EARLY_TIMEOUT_MS = 600_000;

/**
 * Starts the dashboard's first tmux call from the launcher, before the
 * bundle loads (dist/early.cjs is a few KB; dist/cli.cjs, even from the code cache,
 * takes longer to load than tmux takes to answer a list of 100 sessions,
 * and the two now overlap). Only for a dashboard on a terminal started
 * with no option but -L or -S (plainDashboardArgs); the same server
 * resolution and socket check as the CLI (src/cli/main.ts), which uses the
 * answer only when it resolves the very same server, and otherwise asks
 * again — as it does when this call fails: its errors are not read here.
 * What it loads is kept to the call itself: every millisecond before the
 * spawn delays tmux's answer, which the first frame waits for.
 * Never throws: anything unexpected leaves the call to the CLI.
 */
export function startEarlyList(argv: readonly string[], env: NodeJS.ProcessEnv): EarlyList | undefined {
  try {
    if (!isatty(0) || !isatty(1)) return undefined;
    const args = plainDashboardArgs(argv);
    if (args === undefined) return undefined;
    const here = startingFolder();
    const server = resolveServer({ socketName: args.socketName, socketPath: args.socketPath === undefined ? undefined : absoluteFrom(args.socketPath, '-S', here) }, env);
    // As for every tmux call: tmux replaces whatever file sits where its socket should be.
    checkServerPath(server, env);
    const call = spawnCaptured(['-u', ...serverArgs(server), ...QUICK_LIST_ARGS], { env, endMark: LIST_END_MARK });
    const group = call.pid;
    if (group !== undefined) trackGroup(group);
    const output = withinDeadline(call, { server, env, timeoutMs: EARLY_TIMEOUT_MS })
      .then((result) => {
        if (result.failed) throw new Error('the first list call failed');
        return result.stdout;
      })
      .finally(() => {
        if (group !== undefined) untrackGroup(group);
      });
    // Whoever uses it sees its failure; unused, it must not end the process.
    output.catch(() => undefined);
    return {
      server,
      call: {
        output,
        stop: () => {
          endGroup(call);
        },
      },
    };
  } catch {
    return undefined;
  }
}

/** The same server, as resolved twice. */
export function sameServer(a: TmuxServer, b: TmuxServer): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
