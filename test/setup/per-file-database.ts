// Each test file gets its own copy of the migrated base database, opened lazily by the app's client.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { closeDb } from "#db/client.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { baseDatabasePath, testTmpDir } from "./paths.ts";

const file = path.join(testTmpDir, `file-${process.pid}-${crypto.randomUUID()}.db`);
fs.copyFileSync(baseDatabasePath, file);
process.env.DATABASE_PATH = file;
process.env.APP_URL = "http://localhost:3000";
delete process.env.SMTP_URL;
resetEnvCache();

afterAll(() => {
  closeDb();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
