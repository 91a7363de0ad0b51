/** The process exit codes, documented in the README's table. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** Another dashboard holds the lock for this tmux server. */
  locked: 3,
  tmuxMissing: 127,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
