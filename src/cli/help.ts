import { VERSION } from '../version.js';

export function helpText(): string {
  return `tmux-dashboard ${VERSION} — a fast, safe dashboard for tmux sessions

Usage:
  tmux-dashboard [GLOBAL OPTIONS]                 open the dashboard (for now: the session list)
  tmux-dashboard [GLOBAL OPTIONS] COMMAND [ARGS]

Commands:
  list [--json]            list sessions: a table, or a JSON array
  new [NAME] [--dir DIR]   create a detached session in DIR (default: the project
                           directory of the current folder), named NAME (default:
                           the project's name); prints the name tmux holds
  attach NAME              attach (outside tmux) or switch the client (inside tmux)
         [--client CLIENT] the tmux client to switch (as a popup binding passes it)
  kill NAME                kill the session named exactly NAME
  rename OLD NEW           rename the session named exactly OLD

Global options:
  -L, --socket-name NAME   use the tmux server on socket NAME (as tmux -L)
  -S, --socket-path PATH   use the tmux server at socket PATH (as tmux -S)
  -h, --help               show this help
  -V, --version            show the version

Without -L/-S: the server of $TMUX when inside tmux, else tmux's default server.
Names match exactly, never by prefix. Use -- before a NAME that starts with '-'.
Names are sanitised: '.' and ':' become '_'; a taken name gets -2, -3, … on new.

Exit codes:
  0    success
  1    failure (session not found, name taken, tmux error, …)
  2    usage error
  127  tmux is not installed
`;
}
