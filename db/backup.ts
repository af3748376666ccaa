// Online backup of the app's database with SQLite's backup API, checked before it counts, and
// retention of the newest few. `npm run db:backup [-- --dir map]`; BACKUP_DIR and BACKUP_KEEP.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { getEnv } from "#app/utils/env.server.ts";
import { verifyDatabaseFile, type VerifyReport } from "./verify.ts";

export const DEFAULT_BACKUP_DIR = "data/backups";
export const DEFAULT_BACKUP_KEEP = 14;

const BACKUP_NAME = /^gildeportaal-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/;

export class BackupError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export type BackupOptions = {
  /** The database to copy; DATABASE_PATH by default. */
  databasePath?: string;
  /** BACKUP_DIR, else data/backups. */
  backupDir?: string;
  /** BACKUP_KEEP, else 14. */
  keep?: number;
  now?: Date;
};

export type BackupResult = {
  file: string;
  bytes: number;
  report: VerifyReport;
  /** Older backups removed after this one was checked. */
  pruned: string[];
};

/** BACKUP_DIR and BACKUP_KEEP, read here so the app's own configuration stays as it is. */
export function backupSettings(env: NodeJS.ProcessEnv = process.env): {
  backupDir: string;
  keep: number;
} {
  const backupDir = env.BACKUP_DIR?.trim() || DEFAULT_BACKUP_DIR;
  const rawKeep = env.BACKUP_KEEP?.trim();
  const keep = rawKeep ? Number(rawKeep) : DEFAULT_BACKUP_KEEP;
  if (!Number.isInteger(keep) || keep < 1)
    throw new BackupError(
      `BACKUP_KEEP moet een geheel getal van 1 of meer zijn, niet "${rawKeep}".`,
    );
  return { backupDir, keep };
}

/** gildeportaal-2026-11-28T17-59-00-123Z.db: UTC, and sorting by name is sorting by time. */
export function backupFileName(now: Date): string {
  return `gildeportaal-${now.toISOString().replace(/[:.]/g, "-")}.db`;
}

function removeDatabaseFile(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

/**
 * Copies the live database while the app keeps writing: the backup API copies one consistent
 * snapshot (all pages in one step, so a concurrent writer cannot make it start over). The copy is
 * turned into a single self-contained file, checked (integrity, foreign keys, ledger against the
 * expenses), and only then given its name; older backups beyond `keep` are removed after that.
 */
export async function backupDatabase(options: BackupOptions = {}): Promise<BackupResult> {
  const settings =
    options.backupDir === undefined || options.keep === undefined ? backupSettings() : undefined;
  const source = options.databasePath ?? getEnv().DATABASE_PATH;
  const backupDir = options.backupDir ?? settings!.backupDir;
  const keep = options.keep ?? settings!.keep;
  if (!fs.existsSync(source)) throw new BackupError(`De database ${source} bestaat niet.`);
  fs.mkdirSync(backupDir, { recursive: true });
  const file = path.join(backupDir, backupFileName(options.now ?? new Date()));
  if (fs.existsSync(file)) throw new BackupError(`${file} bestaat al; probeer het zo opnieuw.`);
  // Not yet a backup until it has been checked: a name the retention never counts.
  const partial = `${file}.onvolledig`;
  removeDatabaseFile(partial);

  const sqlite = new Database(source, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    await sqlite.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    removeDatabaseFile(partial);
    throw new BackupError(
      `De back-up kon niet worden gemaakt: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    sqlite.close();
  }

  // The copy carries the source's WAL mode; one file without -wal is what a backup should be.
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const report = verifyDatabaseFile(partial);
  if (!report.ok) {
    removeDatabaseFile(partial);
    throw new BackupError(
      "De back-up is gemaakt maar klopt niet en is verwijderd.",
      report.problems,
    );
  }
  fs.renameSync(partial, file);
  return { file, bytes: fs.statSync(file).size, report, pruned: pruneBackups(backupDir, keep) };
}

/** Keeps the newest `keep` backups in `backupDir` (by the time in their names); returns the removed. */
export function pruneBackups(backupDir: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1)
    throw new BackupError("Er moet minstens één back-up bewaard blijven.");
  const removed = listBackups(backupDir).slice(keep);
  for (const file of removed) fs.rmSync(file);
  return removed;
}

/** The backups in a folder, newest first. */
export function listBackups(backupDir: string): string[] {
  if (!fs.existsSync(backupDir)) return [];
  return fs
    .readdirSync(backupDir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse()
    .map((name) => path.join(backupDir, name));
}

function formatBytes(bytes: number): string {
  return `${new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}

async function main() {
  try {
    process.loadEnvFile(".env");
  } catch {
    // No .env: the environment and the defaults apply.
  }
  const { values } = parseArgs({ options: { dir: { type: "string" } } });
  try {
    const result = await backupDatabase({ backupDir: values.dir });
    const { counts } = result.report;
    console.log(`Back-up gemaakt: ${result.file} (${formatBytes(result.bytes)}).`);
    console.log(
      `Gecontroleerd: integriteit in orde, grootboek klopt met de uitgaven ` +
        `(${counts.budgets} budget(ten), ${counts.expenses} uitgaven, ${counts.ledgerEntries} grootboekregels, ` +
        `${counts.enrolments} inschrijvingen).`,
    );
    if (result.report.pendingMigrations > 0)
      console.log(
        `Let op: deze database mist nog ${result.report.pendingMigrations} migratie(s) (npm run db:migrate); ` +
          "de budgetcijfers zijn alleen uit het grootboek nagerekend.",
      );
    for (const file of result.pruned) console.log(`Oude back-up verwijderd: ${file}`);
  } catch (error) {
    console.error(`Back-up mislukt: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof BackupError)
      for (const problem of error.problems) console.error(`- ${problem}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main();
}
