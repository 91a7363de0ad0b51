import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration and e2e tests start tmux servers and node processes: more
    // workers than cores starves them into timeouts on a 2-core machine.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/helpers/temp-cleanup.ts'] } },
      // Ink draws no live frames when it believes it runs in CI (is-in-ci
      // reads CI at import); the UI tests need the frames.
      { test: { name: 'ui', include: ['test/ui/**/*.test.{ts,tsx}'], setupFiles: ['test/helpers/yoga-ready.ts', 'test/helpers/temp-cleanup.ts'], env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' }, testTimeout: 30_000, hookTimeout: 30_000 } },
      // Real tmux servers on private sockets and the built binary: slower.
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], setupFiles: ['test/helpers/temp-cleanup.ts'], testTimeout: 30_000, hookTimeout: 30_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], setupFiles: ['test/helpers/temp-cleanup.ts'], testTimeout: 60_000, hookTimeout: 30_000 } },
    ],
  },
});
