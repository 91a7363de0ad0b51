import { ENV_OVERRIDES } from '../config/schema.js';
import { helpLines } from '../dashboard/keymaps.js';
import { VERSION } from '../version.js';

export function helpText(): string {
  const keys = helpLines()
    .map((line) => `  ${line}`)
    .join('\n');
  const variables = Object.entries(ENV_OVERRIDES)
    .map(([name, key]) => `  ${name.padEnd(38)} ${key}`)
    .join('\n');
  return `tmux-dashboard ${VERSION} — a fast, safe dashboard for tmux sessions

Usage:
  tmux-dashboard [GLOBAL OPTIONS] [DASHBOARD OPTIONS]   open the dashboard (needs a terminal)
  tmux-dashboard [GLOBAL OPTIONS] COMMAND [ARGS]

Commands:
  list [--json]            list sessions: a table, or a JSON array
  new [NAME] [--dir DIR]   create a detached session in DIR (default: the project
                           directory of the current folder), named NAME (default:
                           the project's name); prints the name tmux holds
  open [PATH|NAME]         go to a project's session, created in its folder if none
       [--no-attach]       is open (default: the project of the current folder);
                           prints the session's name last; --no-attach, or no
                           terminal outside tmux: only find or create it
  projects [--json]        the project folders the picker offers: name, path,
                           sources, the session open for it
  attach NAME              attach (outside tmux) or switch the client (inside tmux)
         [--client CLIENT] the tmux client to switch
  kill NAME                kill the session named exactly NAME
  rename OLD NEW           rename the session named exactly OLD
  status [--json]          is a dashboard running for this server? (exit 3: yes)
  cleanup-locks            remove a lock left by a dashboard that died
  config [--json]          the effective settings and where each one comes from
  init bash|zsh|fish       print rc-file lines that open the dashboard at login
       [--exit]            quitting the dashboard then logs out
       [--ssh-only]        only in SSH sessions
  agents [--json]          agent panes and their states, most urgent first
  agent-state STATE        record an agent pane's state (working, needs-input,
       [--pane %ID]        done, idle, clear): what agent hooks call; the pane
                           is $TMUX_PANE unless given
  agent-hooks claude|codex print the hook configuration for that agent
       [--install]         claude: merge it into its settings.json (keeps a backup)

Dashboard options:
  --client CLIENT          the tmux client to switch (a popup binding passes it)
  --wait SECONDS           wait for a running dashboard to quit instead of exiting 3
  --takeover               ask the running dashboard to quit, then open here

Global options:
  -L, --socket-name NAME   use the tmux server on socket NAME (as tmux -L)
  -S, --socket-path PATH   use the tmux server at socket PATH (as tmux -S)
  -h, --help               show this help
  -V, --version            show the version

Without -L/-S: the server of $TMUX when inside tmux, else tmux's default server.
Names match exactly, never by prefix. Use -- before a NAME that starts with '-'.
Names are sanitised: '.' and ':' become '_'; a taken name gets -2, -3, … on new.

Keys in the dashboard:
${keys}

Environment (each overrides the config file):
${variables}
  TMUX_DASHBOARD_CONFIG                  the config file to read
  TMUX_DASHBOARD_LOCK_FILE, _PID_FILE    where the single-instance lock lives

Exit codes:
  0    success
  1    failure (session not found, name taken, tmux error, …)
  2    usage error; the dashboard without a terminal
  3    another dashboard holds the lock for this server
  127  tmux is not installed
`;
}
