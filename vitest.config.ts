import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'ui', include: ['test/ui/**/*.test.{ts,tsx}'] } },
      // Real tmux servers on private sockets and the built binary: slower, and
      // limited in parallel so a 2-core machine is not starved into timeouts.
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000, maxWorkers: 2 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 30_000, maxWorkers: 2 } },
    ],
  },
});
