// Online backups while another process writes, their check and retention, and restoring them into
// a new file: the backup is a consistent prefix of the writer's commits and restores as it was.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "#db/client.server.ts";
import { openSqlite } from "#db/connection.ts";
import { BackupError, backupDatabase, listBackups } from "#db/backup.ts";
import { RestoreError, restoreBackup } from "#db/restore.ts";
import { verifyDatabaseFile } from "#db/verify.ts";
import { createUser } from "#test/factories.ts";
import { createBudget } from "#test/enrolment-fixtures.ts";
import { projectRoot, testTmpDir } from "#test/setup/paths.ts";

const WRITES = 10_000;
// The backup starts once this many writes are reported, so it copies a file with real content.
const BACKUP_AFTER = 3_000;

const workDir = path.join(testTmpDir, `backup-${crypto.randomUUID()}`);
const databasePath = () => process.env.DATABASE_PATH!;

type Write =
  | { n: number; kind: "request"; expenseId: number }
  | { n: number; kind: "approve"; expenseId: number; ledgerId: number };

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The writer's rows in a file, compared with the reported writes: how many it holds, exactly. */
function writesIn(file: string, writes: readonly Write[]): number {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const expenses = sqlite
      .prepare("SELECT id, status FROM expenses WHERE description LIKE 'Schrijftest %' ORDER BY id")
      .all() as { id: number; status: string }[];
    const ledger = sqlite
      .prepare(
        `SELECT l.id, l.expense_id, l.type FROM ledger_entries l
         JOIN expenses e ON e.id = l.expense_id WHERE e.description LIKE 'Schrijftest %' ORDER BY l.id`,
      )
      .all() as { id: number; expense_id: number; type: string }[];
    const held = expenses.length + ledger.length;
    // Exactly the first `held` writes, nothing else: a prefix of what the writer committed.
    const prefix = writes.slice(0, held);
    const approved = new Set(prefix.flatMap((w) => (w.kind === "approve" ? [w.expenseId] : [])));
    expect(expenses).toEqual(
      prefix
        .filter((w) => w.kind === "request")
        .map((w) => ({
          id: w.expenseId,
          status: approved.has(w.expenseId) ? "approved" : "requested",
        })),
    );
    expect(ledger).toEqual(
      prefix.flatMap((w) =>
        w.kind === "approve"
          ? [{ id: w.ledgerId, expense_id: w.expenseId, type: "commitment" }]
          : [],
      ),
    );
    return held;
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  fs.mkdirSync(workDir, { recursive: true });
  await createUser({ appRole: "coordinator", name: "Coördinator Aanvrager" });
  const approver = await createUser({ appRole: "coordinator", name: "Coördinator Beoordelaar" });
  createBudget(10_000_000_000, approver);
  // The writer is the app; this process only reads, through the backup.
  closeDb();
});

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe("online backup and restore", () => {
  let backupFile = "";

  it("backs up while another process writes 10 000 times and restores a consistent prefix", async () => {
    const writer = spawn(process.execPath, ["--import", "tsx", "test/hardening/backup-writer.ts"], {
      cwd: projectRoot,
      env: { ...process.env, WRITES: String(WRITES) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    writer.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const writes: Write[] = [];
    const markWaiters: ((n: number) => void)[] = [];
    let reachedStart: () => void = () => {};
    const started = new Promise<void>((resolve) => (reachedStart = resolve));
    readline.createInterface({ input: writer.stdout }).on("line", (line) => {
      const [tag, a, kind, id, ledgerId] = line.split(" ");
      if (tag === "W") {
        writes.push(
          kind === "request"
            ? { n: Number(a), kind, expenseId: Number(id) }
            : { n: Number(a), kind: "approve", expenseId: Number(id), ledgerId: Number(ledgerId) },
        );
        if (writes.length === BACKUP_AFTER) reachedStart();
      } else if (tag === "M") markWaiters.shift()?.(Number(a));
    });
    const exited = new Promise<number | null>((resolve) => writer.on("close", resolve));
    const mark = () =>
      new Promise<number>((resolve) => {
        markWaiters.push(resolve);
        writer.stdin.write("mark\n");
      });

    await Promise.race([started, exited]);
    const before = await mark();
    const result = await backupDatabase({
      databasePath: databasePath(),
      backupDir: path.join(workDir, "onder-belasting"),
      keep: 14,
    });
    const after = await mark();
    writer.stdin.end();
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
    expect(writes.map((w) => w.n)).toEqual(Array.from({ length: WRITES }, (_, i) => i + 1));

    // The writer committed while the backup was being made, and kept going after it.
    expect(after).toBeGreaterThan(before);
    expect(after).toBeLessThan(WRITES);
    expect(result.report.ok).toBe(true);
    expect(verifyDatabaseFile(result.file).problems).toEqual([]);
    // No -wal beside it: the backup is one self-contained file.
    expect(fs.existsSync(`${result.file}-wal`)).toBe(false);
    const held = writesIn(result.file, writes);
    expect(held).toBeGreaterThanOrEqual(before);
    expect(held).toBeLessThanOrEqual(after);

    const target = path.join(workDir, "hersteld", "gildeportaal.db");
    const restored = await run("npm", ["run", "--silent", "db:restore", "--", result.file, target]);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`DATABASE_PATH=${target}`);
    expect(verifyDatabaseFile(target).problems).toEqual([]);
    expect(writesIn(target, writes)).toBe(held);
    // The restored file works with the app's own connection settings.
    openSqlite(target).close();
    backupFile = result.file;

    console.log(
      `Backup under load: ${WRITES} writes by another process; the backup started after write ` +
        `${before} and ended before write ${after + 1} (${after - before} writes during it); ` +
        `it holds exactly writes 1–${held}, verified, and restored with the same ${held}.`,
    );
  });

  it("keeps only the newest BACKUP_KEEP backups", async () => {
    const dir = path.join(workDir, "bewaren");
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await run("npm", ["run", "--silent", "db:backup"], {
        BACKUP_DIR: dir,
        BACKUP_KEEP: "3",
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const file = /Back-up gemaakt: (\S+) \(/.exec(result.stdout)?.[1];
      expect(file).toBeDefined();
      made.push(file!);
    }
    expect(listBackups(dir)).toEqual(made.slice(2).reverse());
    expect(fs.readdirSync(dir).sort()).toEqual(made.slice(2).map((file) => path.basename(file)));
  });

  it("removes a backup that does not check out, and keeps the older ones", async () => {
    const dir = path.join(workDir, "afgekeurd");
    const good = await backupDatabase({ databasePath: databasePath(), backupDir: dir, keep: 1 });
    // A second commitment for an approved expense: the ledger no longer agrees with it.
    const broken = path.join(workDir, "ongelijk.db");
    fs.copyFileSync(good.file, broken);
    const sqlite = openSqlite(broken);
    const expense = sqlite
      .prepare("SELECT id, budget_id, amount_cents FROM expenses WHERE status = 'approved' LIMIT 1")
      .get() as { id: number; budget_id: number; amount_cents: number };
    sqlite
      .prepare(
        "INSERT INTO ledger_entries (budget_id, expense_id, type, amount_cents, reason, at) VALUES (?, ?, 'commitment', ?, 'test', ?)",
      )
      .run(expense.budget_id, expense.id, expense.amount_cents, new Date().toISOString());
    sqlite.close();

    const failed = backupDatabase({ databasePath: broken, backupDir: dir, keep: 1 });
    await expect(failed).rejects.toBeInstanceOf(BackupError);
    const error = (await failed.catch((e: unknown) => e)) as BackupError;
    expect(error.problems).toContain(
      `uitgave ${expense.id} (approved): verplicht in het grootboek ${2 * expense.amount_cents}, verwacht ${expense.amount_cents}`,
    );
    // The failed copy is gone and did not push the good one out.
    expect(fs.readdirSync(dir)).toEqual([path.basename(good.file)]);
  });

  it("restores only into a new file", async () => {
    expect(backupFile).not.toBe("");
    const existing = path.join(workDir, "bestaand.db");
    fs.writeFileSync(existing, "de huidige database");
    await expect(restoreBackup(backupFile, existing)).rejects.toThrow(RestoreError);
    await expect(restoreBackup(backupFile, existing)).rejects.toThrow(/bestaat al/);
    expect(fs.readFileSync(existing, "utf8")).toBe("de huidige database");
  });

  it("refuses a corrupted backup with a clear message", async () => {
    expect(backupFile).not.toBe("");
    const corrupted = path.join(workDir, "beschadigd.db");
    fs.copyFileSync(backupFile, corrupted);
    const bytes = fs.readFileSync(corrupted);
    const pageSize = bytes.readUInt16BE(16);
    // Flip the first bytes of a few b-tree pages: their headers no longer make sense.
    for (let page = 2; page <= 6; page++)
      for (let offset = (page - 1) * pageSize; offset < (page - 1) * pageSize + 16; offset++)
        bytes.writeUInt8(bytes.readUInt8(offset) ^ 0xff, offset);
    fs.writeFileSync(corrupted, bytes);

    const target = path.join(workDir, "niet-hersteld.db");
    const result = await run("npm", ["run", "--silent", "db:restore", "--", corrupted, target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Herstel geweigerd: ${corrupted} is beschadigd of klopt niet (geen bruikbare database van het Gildeportaal).`,
    );
    expect(fs.existsSync(target)).toBe(false);
  });
});
