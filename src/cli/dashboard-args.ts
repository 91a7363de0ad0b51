/**
 * The command lines a dashboard is started with nearly always — none,
 * `-L NAME`, `-S PATH` — read without util.parseArgs, whose module costs
 * ~1.5 ms to load on the way to the first frame, and before the launcher's
 * first tmux call (src/cli/early.ts). parseCliArgs gives the same for them
 * (a property test checks it on any command line); undefined for anything
 * else, which parseCliArgs reads in full.
 */
export function plainDashboardArgs(argv: readonly string[]): { socketName: string | undefined; socketPath: string | undefined } | undefined {
  if (argv.length === 0) return { socketName: undefined, socketPath: undefined };
  const [option, value] = argv;
  // A value that starts with '-' is an option, or a number parseCliArgs has its own messages for.
  if (argv.length !== 2 || value === undefined || value === '' || value.startsWith('-')) return undefined;
  if (option === '-L' || option === '--socket-name') return { socketName: value, socketPath: undefined };
  if (option === '-S' || option === '--socket-path') return { socketName: undefined, socketPath: value };
  return undefined;
}
