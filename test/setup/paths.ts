import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// Each vitest run has its own folder, so two runs at once never rebuild each other's base file.
// The global setup sets the run id before the workers start; they inherit it.
export function testTmpDirFor(runId: string): string {
  return path.join(projectRoot, "tmp", "test", `run-${runId}`);
}

const runId = process.env.GILDE_TEST_RUN ?? "local";
export const testTmpDir = testTmpDirFor(runId);
export const baseDatabasePath = path.join(testTmpDir, "base.db");
