#!/usr/bin/env bash
# tmux-dashboard as a tmux plugin (TPM: set -g @plugin '…/tmux-dashboard'),
# or sourced by hand: run-shell /path/to/tmux-dashboard.tmux
#
# Binds a key (default prefix + S) to a popup with the dashboard, told which
# client pressed the key: it switches that client, and asks tmux for that
# client's pane directory (so `n` uses the project you are in). The directory
# is never pasted into a command line, where a folder named `#(…)` or `a'b`
# would be run or break the quoting. tmux 3.3 expands no formats in
# display-popup itself, hence run-shell, which does (#{q:} shell-quotes).
#
# Options:
#   @tmux-dashboard-key      key after the prefix (default: S)
#   @tmux-dashboard-width    popup width  (default: 80%)
#   @tmux-dashboard-height   popup height (default: 80%)
#   @tmux-dashboard-command  the command to run (default: tmux-dashboard on
#                            PATH, else this checkout's bin/tmux-dashboard.cjs)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

option() {
  local value
  value="$(tmux show-option -gqv "$1")"
  printf '%s' "${value:-$2}"
}

if command -v tmux-dashboard >/dev/null 2>&1; then
  default_command="tmux-dashboard"
else
  default_command="node '$here/bin/tmux-dashboard.cjs'"
fi

key="$(option @tmux-dashboard-key S)"
width="$(option @tmux-dashboard-width 80%)"
height="$(option @tmux-dashboard-height 80%)"
command="$(option @tmux-dashboard-command "$default_command")"

tmux bind-key "$key" run-shell "tmux display-popup -c #{q:client_name} -w '$width' -h '$height' -E \"$command --client #{q:client_name}\""
