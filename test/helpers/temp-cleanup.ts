import { afterAll } from 'vitest';
import { removeTempDirs } from './tmux-server.js';

// A setup file of every test project: the temporary folders a test file made
// (homes, bundles, packed tarballs, hostile repositories) go when its tests
// are done, whether or not each test removed its own.
afterAll(() => {
  removeTempDirs();
});
