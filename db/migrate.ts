// Applies the committed SQL migrations to DATABASE_PATH.
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { fileURLToPath } from "node:url";
import { closeDb, getDb } from "./client.server.ts";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export function runMigrations() {
  migrate(getDb(), { migrationsFolder });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMigrations();
  closeDb();
  console.log("Migraties uitgevoerd.");
}
