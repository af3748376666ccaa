import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { getSqlite } from "#db/client.server.ts";
import { assertConnectionSettings, DatabaseSettingsError } from "#db/connection.ts";
import { testTmpDir } from "#test/setup/paths.ts";

describe("database connection settings", () => {
  it("the app's connection runs WAL, synchronous FULL, foreign keys and a busy timeout", () => {
    const sqlite = getSqlite();
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(Number(sqlite.pragma("busy_timeout", { simple: true }))).toBeGreaterThanOrEqual(1000);
  });

  it.each([
    ["synchronous NORMAL", (db: Database.Database) => db.pragma("synchronous = NORMAL")],
    ["foreign keys off", (db: Database.Database) => db.pragma("foreign_keys = OFF")],
    ["journal mode DELETE", (db: Database.Database) => db.pragma("journal_mode = DELETE")],
    ["no busy timeout", (db: Database.Database) => db.pragma("busy_timeout = 0")],
  ])("refuses a connection with %s", (_name, spoil) => {
    const db = new Database(path.join(testTmpDir, `settings-${process.pid}-${Math.random()}.db`));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    expect(() => assertConnectionSettings(db)).not.toThrow();
    spoil(db);
    expect(() => assertConnectionSettings(db)).toThrow(DatabaseSettingsError);
    db.close();
  });
});
