import { afterAll } from 'vitest';
import { killLeftServers, removeTempDirs } from './tmux-server.js';

// A setup file of every test project: the tmux servers a test file started
// and the temporary folders it made (homes, bundles, packed tarballs,
// hostile repositories) go when its tests are done, whether or not each test
// removed its own (a timed-out test does not). Servers first: their panes
// may be using the folders.
afterAll(() => {
  const left = killLeftServers();
  if (left.length > 0) process.stderr.write(`killed ${String(left.length)} tmux server(s) a test left running: ${left.join(' ')}\n`);
  removeTempDirs();
});
