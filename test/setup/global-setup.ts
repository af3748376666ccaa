// Migrates one base database file per run; every test file starts from a copy of it.
import fs from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { openSqlite } from "#db/connection.ts";
import { projectRoot, testTmpDirFor } from "./paths.ts";

export default function setup() {
  const runId = `${process.pid}-${Date.now()}`;
  process.env.GILDE_TEST_RUN = runId;
  const dir = testTmpDirFor(runId);
  fs.mkdirSync(dir, { recursive: true });
  const sqlite = openSqlite(path.join(dir, "base.db"));
  migrate(drizzle(sqlite), { migrationsFolder: path.join(projectRoot, "db/migrations") });
  // Fold the WAL into the main file so that a plain copy is complete.
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
