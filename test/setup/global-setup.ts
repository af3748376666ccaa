// Migrates one base database file; every test file starts from a copy of it.
import fs from "node:fs";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { openSqlite } from "#db/connection.ts";
import { baseDatabasePath, projectRoot, testTmpDir } from "./paths.ts";
import path from "node:path";

export default function setup() {
  fs.rmSync(testTmpDir, { recursive: true, force: true });
  fs.mkdirSync(testTmpDir, { recursive: true });
  const sqlite = openSqlite(baseDatabasePath);
  migrate(drizzle(sqlite), { migrationsFolder: path.join(projectRoot, "db/migrations") });
  // Fold the WAL into the main file so that a plain copy is complete.
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}
