import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const testTmpDir = path.join(projectRoot, "tmp", "test");
export const baseDatabasePath = path.join(testTmpDir, "base.db");
