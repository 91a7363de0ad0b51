import { isatty } from 'node:tty';
import { absoluteFrom, startingFolder } from '../project/detect.js';
import { QUICK_LIST_ARGS } from '../tmux/formats.js';
import { runTmuxBytes } from '../tmux/runner.js';
import { checkServerPath, resolveServer, type TmuxServer } from '../tmux/server.js';
import { parseCliArgs } from './args.js';

/** The dashboard's first list call, already running, and the server it asked. */
export interface EarlyList {
  server: TmuxServer;
  output: Promise<Uint8Array>;
}

/**
 * Starts the dashboard's first tmux call from the launcher, before the
 * bundle loads (dist/early.cjs is a few KB; dist/cli.cjs, even from the code cache,
 * takes longer to load than tmux takes to answer a list of 100 sessions,
 * and the two now overlap). Only for a dashboard on a terminal; the same
 * arguments, server resolution and socket check as the CLI (src/cli/main.ts),
 * which uses the answer only when it resolves the very same server, and
 * otherwise asks again. Never throws: anything unexpected leaves the call
 * to the CLI.
 */
export function startEarlyList(argv: readonly string[], env: NodeJS.ProcessEnv): EarlyList | undefined {
  try {
    if (!isatty(0) || !isatty(1)) return undefined;
    const args = parseCliArgs(argv);
    if (args.command !== undefined || args.help || args.version) return undefined;
    const here = startingFolder();
    const server = resolveServer({ socketName: args.socketName, socketPath: args.socketPath === undefined ? undefined : absoluteFrom(args.socketPath, '-S', here) }, env);
    // As for every tmux call: tmux replaces whatever file sits where its socket should be.
    checkServerPath(server, env);
    const output = runTmuxBytes({ server, env }, QUICK_LIST_ARGS);
    // Whoever uses it sees its failure; unused, it must not end the process.
    output.catch(() => undefined);
    return { server, output };
  } catch {
    return undefined;
  }
}

/** The same server, as resolved twice. */
export function sameServer(a: TmuxServer, b: TmuxServer): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
