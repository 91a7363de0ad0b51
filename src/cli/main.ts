import { InstanceLockError, LockAcquisitionError } from '../lock/errors.js';
import { TmuxError, TmuxNotInstalledError } from '../tmux/errors.js';
import { resolveServer } from '../tmux/server.js';
import { TmuxService } from '../tmux/service.js';
import { parseCliArgs, UsageError, type ParsedArgs } from './args.js';
import { attachCommand, killCommand, listCommand, newCommand, renameCommand, type Output } from './commands.js';
import { dashboardCommand } from './dashboard.js';
import { ExitCode } from './exit-codes.js';
import { cleanupLocksCommand, statusCommand } from './lock-commands.js';
import { helpText } from './help.js';
import { VERSION } from '../version.js';

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

async function dispatch(args: ParsedArgs, output: Output): Promise<number> {
  if (args.help) {
    output.out(helpText());
    return ExitCode.ok;
  }
  if (args.version) {
    output.out(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const tmux = new TmuxService(resolveServer({ socketName: args.socketName, socketPath: args.socketPath }));
  const [first = '', second = ''] = args.positionals;
  switch (args.command) {
    case undefined:
      return dashboardCommand(tmux, { client: args.client, wait: args.wait, takeover: args.takeover }, output);
    case 'status':
      return statusCommand(tmux.server, args.json, output);
    case 'cleanup-locks':
      return cleanupLocksCommand(tmux.server, output);
    case 'list':
      return listCommand(tmux, args.json, output);
    case 'new':
      return newCommand(tmux, args.positionals[0], args.dir, process.cwd(), output);
    case 'attach':
      return attachCommand(tmux, first, args.client);
    case 'kill':
      return killCommand(tmux, first, output);
    case 'rename':
      return renameCommand(tmux, first, second, output);
  }
}

/** Maps any failure to one line on stderr and an exit code — never a stack trace. */
export function reportFailure(error: unknown, output: Output): number {
  if (error instanceof UsageError) {
    output.err(`tmux-dashboard: ${error.message}\nRun 'tmux-dashboard --help' for usage.\n`);
    return ExitCode.usage;
  }
  if (error instanceof TmuxNotInstalledError) {
    output.err(`tmux-dashboard: ${error.message}\n`);
    return ExitCode.tmuxMissing;
  }
  if (error instanceof LockAcquisitionError) {
    output.err(`tmux-dashboard: ${error.message}\n`);
    return ExitCode.locked;
  }
  if (error instanceof TmuxError || error instanceof InstanceLockError) {
    output.err(`tmux-dashboard: ${error.message}\n`);
    return ExitCode.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  output.err(`tmux-dashboard: unexpected error: ${message}\n`);
  return ExitCode.failure;
}

/** The program. The only place that ends the process (DESIGN §2). */
export async function main(argv: readonly string[]): Promise<never> {
  let code: number;
  try {
    code = await dispatch(parseCliArgs(argv), processOutput);
  } catch (error) {
    code = reportFailure(error, processOutput);
  }
  process.exit(code);
}
