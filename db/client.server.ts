// The app's one database connection, opened on first use from DATABASE_PATH.
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type Database from "better-sqlite3";
import { getEnv } from "../app/utils/env.server.ts";
import { openSqlite } from "./connection.ts";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema>;

let sqlite: Database.Database | undefined;
let db: Db | undefined;

export function getSqlite(): Database.Database {
  if (!sqlite) sqlite = openSqlite(getEnv().DATABASE_PATH);
  return sqlite;
}

export function getDb(): Db {
  if (!db) db = drizzle(getSqlite(), { schema });
  return db;
}

export function closeDb() {
  sqlite?.close();
  sqlite = undefined;
  db = undefined;
}

/** Any write that decides on current data runs here: BEGIN IMMEDIATE, synchronous callback. */
export function writeTransaction<T>(work: (tx: Db) => T): T {
  return getDb().transaction((tx) => work(tx as unknown as Db), { behavior: "immediate" });
}
