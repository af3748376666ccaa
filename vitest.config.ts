import { defineConfig } from "vitest/config";

// Unit and integration tests; no Remix plugin here, routes are imported as plain modules.
export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    exclude: ["test/e2e/**", "test/hardening/**", "test/bench/**", "node_modules/**"],
    environment: "node",
    globalSetup: ["test/setup/global-setup.ts"],
    setupFiles: ["test/setup/per-file-database.ts"],
    testTimeout: 20_000,
  },
});
