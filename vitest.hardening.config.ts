import { defineConfig } from "vitest/config";

// The slow proofs of issue "hardening": fuzzed input, SIGKILL crash runs, backups under load and
// graceful shutdown. `npm run test:hardening` runs them; CI runs them after `npm test`.
export default defineConfig({
  test: {
    include: ["test/hardening/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/setup/global-setup.ts"],
    setupFiles: ["test/setup/per-file-database.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
