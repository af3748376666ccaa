// Restores a backup into a new database file, never over an existing one, after checking it.
// `npm run db:restore -- <back-upbestand> [<nieuw databasebestand>]`
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { openSqlite } from "./connection.ts";
import { migrationsFolder } from "./migrate.ts";
import {
  openForVerify,
  pendingMigrations,
  verifyDatabase,
  verifyDatabaseFile,
  type VerifyReport,
} from "./verify.ts";

export class RestoreError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export type RestoreResult = {
  target: string;
  /** Migrations the backup was behind and that were applied to the restored file. */
  migrationsApplied: number;
  report: VerifyReport;
};

/** data/gildeportaal-hersteld-2026-11-28T17-59-00-123Z.db */
export function defaultRestoreTarget(now = new Date()): string {
  return path.join("data", `gildeportaal-hersteld-${now.toISOString().replace(/[:.]/g, "-")}.db`);
}

const damaged = (file: string, problems: string[]) =>
  new RestoreError(
    `Herstel geweigerd: ${file} is beschadigd of klopt niet (geen bruikbare database van het Gildeportaal).`,
    problems,
  );

/**
 * Checks the backup (integrity; and the ledger against the expenses when it has the current
 * schema), copies it to a new file, brings that file up to the app's migrations if the backup is
 * older, and checks the result again in full. A failed check removes the new file.
 */
export async function restoreBackup(
  backupFile: string,
  targetFile?: string,
): Promise<RestoreResult> {
  if (!fs.existsSync(backupFile))
    throw new RestoreError(`Het back-upbestand ${backupFile} bestaat niet.`);
  const target = targetFile ?? defaultRestoreTarget();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    if (fs.existsSync(target + suffix))
      throw new RestoreError(
        `Herstel geweigerd: ${target + suffix} bestaat al. Herstellen overschrijft nooit een bestaand bestand; kies een nieuwe naam.`,
      );
  }

  // An older backup may lack what today's figure query reads: the app's figures are compared
  // after migrating, the recomputation from the rows is checked here either way.
  const before = verifyDatabaseFile(backupFile);
  if (!before.ok) throw damaged(backupFile, before.problems);

  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  // Created exclusively: even a file that appeared after the check above is not overwritten.
  fs.closeSync(fs.openSync(target, "wx"));
  try {
    // Through SQLite rather than a file copy, so a backup that still has a -wal comes along whole.
    const source = openForVerify(backupFile);
    try {
      await source.backup(target, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
    const sqlite = openSqlite(target);
    try {
      const pending = pendingMigrations(sqlite);
      if (pending > 0) migrate(drizzle(sqlite), { migrationsFolder });
      const report = verifyDatabase(sqlite, { appFigures: true });
      if (!report.ok)
        throw new RestoreError(
          "Herstel geweigerd: de herstelde database klopt niet; het nieuwe bestand is verwijderd.",
          report.problems,
        );
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
      return { target, migrationsApplied: pending, report };
    } finally {
      sqlite.close();
    }
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm", "-journal"])
      fs.rmSync(target + suffix, { force: true });
    throw error;
  }
}

async function main() {
  const [backupFile, targetFile] = process.argv.slice(2).filter((arg) => arg !== "--");
  if (!backupFile) {
    console.error("Gebruik: npm run db:restore -- <back-upbestand> [<nieuw databasebestand>]");
    process.exitCode = 1;
    return;
  }
  try {
    const result = await restoreBackup(backupFile, targetFile);
    const { counts } = result.report;
    console.log(`Back-up gecontroleerd: integriteit in orde, grootboek klopt met de uitgaven.`);
    console.log(
      `Hersteld naar ${result.target} (${counts.expenses} uitgaven, ${counts.ledgerEntries} grootboekregels, ` +
        `${counts.enrolments} inschrijvingen); ` +
        (result.migrationsApplied > 0
          ? `${result.migrationsApplied} migratie(s) uitgevoerd.`
          : "migraties waren niet nodig."),
    );
    console.log("Laat de app deze database gebruiken met:");
    console.log(`  DATABASE_PATH=${result.target} npm start`);
    console.log(`of zet DATABASE_PATH=${result.target} in .env en start de app opnieuw.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    if (error instanceof RestoreError)
      for (const problem of error.problems) console.error(`- ${problem}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]))
  await main();
