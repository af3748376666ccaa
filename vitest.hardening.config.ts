import { defineConfig } from "vitest/config";

// The slow proofs of issue "hardening": fuzzed input, SIGKILL crash runs, backups under load and
// graceful shutdown. `npm run test:hardening` runs them; CI runs them after `npm test`.
export default defineConfig({
  test: {
    include: ["test/hardening/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/setup/global-setup.ts"],
    setupFiles: ["test/setup/per-file-database.ts"],
    // The fuzz file is the long one; the crash, backup and shutdown files run beside it. Each file
    // has its own database copy and its own child processes and ports.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
