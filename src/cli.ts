// Entry point of the bundle that bin/tmux-dashboard.js loads.
export { main } from './cli/main.js';
