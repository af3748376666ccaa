import { defineConfig } from "vitest/config";

// Browser journeys against the production build (run `npm run build` first; `npm run test:e2e` does).
// One worker, one file at a time: every file talks to the same server and database, and the
// journeys count sign-in failures per network address, so they must not run side by side.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/e2e/global-setup.ts"],
    fileParallelism: false,
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
    // Every page gets an axe run (about a second each); the longest journey visits some fifteen pages
    // and took over 40 s on a busy machine.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
