// Opening a SQLite file with the settings the ledger relies on, and refusing to go on without them.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const BUSY_TIMEOUT_MS = 5000;

export class DatabaseSettingsError extends Error {}

/** Reads back the pragmas that must hold on every connection; throws if one does not. */
export function assertConnectionSettings(sqlite: Database.Database) {
  const journalMode = String(sqlite.pragma("journal_mode", { simple: true })).toLowerCase();
  const synchronous = Number(sqlite.pragma("synchronous", { simple: true }));
  const foreignKeys = Number(sqlite.pragma("foreign_keys", { simple: true }));
  const busyTimeout = Number(sqlite.pragma("busy_timeout", { simple: true }));
  const problems: string[] = [];
  if (journalMode !== "wal") problems.push(`journal_mode is ${journalMode}, expected wal`);
  // 2 = FULL
  if (synchronous !== 2) problems.push(`synchronous is ${synchronous}, expected 2 (FULL)`);
  if (foreignKeys !== 1) problems.push(`foreign_keys is ${foreignKeys}, expected 1`);
  if (busyTimeout < 1000) problems.push(`busy_timeout is ${busyTimeout}, expected at least 1000`);
  if (problems.length > 0) {
    throw new DatabaseSettingsError(`Database settings refused: ${problems.join("; ")}`);
  }
}

export function openSqlite(filePath: string): Database.Database {
  if (filePath !== ":memory:")
    fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  const sqlite = new Database(filePath);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Deleted and overwritten content is zeroed, so an anonymised member's old name does not linger
  // in free space of the file (docs/decisions/008-personal-data.md).
  sqlite.pragma("secure_delete = ON");
  try {
    assertConnectionSettings(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}
