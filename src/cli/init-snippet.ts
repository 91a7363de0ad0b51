/**
 * `tmux-dashboard init bash|zsh|fish`: the lines for a shell's rc file that
 * open the dashboard at login. They run only in an interactive shell on a
 * terminal, outside tmux, never for scp/rsync/`ssh host cmd` (those are not
 * interactive), and not when opted out.
 *
 * They are appended with `>>`, so: they start with an empty line (an rc
 * file whose last line has no newline would otherwise swallow the first
 * one, and a `#` inside a word starts no comment), and a second copy —
 * a setup script run twice — does nothing (a shell variable the first copy
 * sets, not exported: a nested interactive shell is a new login as before).
 */
export const INIT_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type InitShell = (typeof INIT_SHELLS)[number];

export interface InitOptions {
  /** Quitting the dashboard ends the login shell (the original's behaviour). */
  exitAfter: boolean;
  /** Only in SSH sessions. */
  sshOnly: boolean;
}

const OPT_OUT = 'TMUX_DASHBOARD_DISABLE=1 or a file ~/.no-tmux-dashboard';

function posixSnippet(shell: 'bash' | 'zsh', options: InitOptions): string {
  const conditions = [
    '[ -z "${_tmux_dashboard_ran:-}" ]',
    '[[ $- == *i* ]]',
    '[ -t 0 ] && [ -t 1 ]',
    '[ -z "${TMUX:-}" ]',
    ...(options.sshOnly ? ['[ -n "${SSH_CONNECTION:-}${SSH_TTY:-}" ]'] : []),
    '[ -z "${TMUX_DASHBOARD_DISABLE:-}" ]',
    '[ ! -e "$HOME/.no-tmux-dashboard" ]',
    'command -v tmux-dashboard >/dev/null 2>&1',
  ];
  const run = options.exitAfter
    ? '  # Quitting the dashboard logs out; if it cannot start (another one runs: exit 3), you stay here.\n  tmux-dashboard && exit'
    : '  tmux-dashboard';
  return `
# tmux-dashboard at login (${shell}; from \`tmux-dashboard init ${shell}\`). Opt out: ${OPT_OUT}.
if ${conditions.join(' \\\n   && ')}; then
  _tmux_dashboard_ran=1
${run}
fi
`;
}

function fishSnippet(options: InitOptions): string {
  const conditions = [
    'not set -q _tmux_dashboard_ran',
    'status is-interactive',
    'isatty stdin',
    'isatty stdout',
    'not set -q TMUX',
    ...(options.sshOnly ? ['begin; set -q SSH_CONNECTION; or set -q SSH_TTY; end'] : []),
    'not set -q TMUX_DASHBOARD_DISABLE',
    'not test -e ~/.no-tmux-dashboard',
    'command -q tmux-dashboard',
  ];
  // `exit` in a sourced file (config.fish is one) only leaves that file: the
  // shell is ended from its first prompt instead.
  const run = options.exitAfter
    ? '    # Quitting the dashboard logs out; if it cannot start (another one runs: exit 3), you stay here.\n    tmux-dashboard; and function __tmux_dashboard_logout --on-event fish_prompt; exit; end'
    : '    tmux-dashboard';
  return `
# tmux-dashboard at login (fish; from \`tmux-dashboard init fish\`). Opt out: ${OPT_OUT}.
if ${conditions.join('; and ')}
    set -g _tmux_dashboard_ran 1
${run}
end
`;
}

export function initSnippet(shell: InitShell, options: InitOptions): string {
  return shell === 'fish' ? fishSnippet(options) : posixSnippet(shell, options);
}

export function isInitShell(word: string): word is InitShell {
  return (INIT_SHELLS as readonly string[]).includes(word);
}
