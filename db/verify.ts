// Checks a database file for damage and for money and seats that do not add up: used on every
// backup and restore, and by the crash test after each SIGKILL.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { getBudgetFigures } from "#app/models/budget.server.ts";
import * as schema from "./schema.ts";

export type VerifyReport = {
  ok: boolean;
  /** Dutch, one line per problem; empty when ok. */
  problems: string[];
  counts: { budgets: number; expenses: number; ledgerEntries: number; enrolments: number };
  /** Migrations the file is behind; its figures were then only recomputed from the rows. */
  pendingMigrations: number;
};

type LedgerRow = {
  id: number;
  budget_id: number;
  expense_id: number | null;
  type: string;
  amount_cents: number;
};
type ExpenseRow = {
  id: number;
  budget_id: number;
  status: string;
  amount_cents: number;
  paid_amount_cents: number | null;
};

// More problems than this are not more useful to read; the check still counts them all.
const MAX_LISTED = 50;

const journalFile = fileURLToPath(new URL("./migrations/meta/_journal.json", import.meta.url));

/** How many of the app's migrations the file has not had (drizzle compares their timestamps). */
export function pendingMigrations(sqlite: Database.Database): number {
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as {
    entries: { when: number }[];
  };
  const table = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'",
    )
    .get();
  const last = table
    ? Number(
        (
          sqlite.prepare("SELECT max(created_at) AS last FROM __drizzle_migrations").get() as {
            last: number | null;
          }
        ).last ?? 0,
      )
    : 0;
  return journal.entries.filter((entry) => entry.when > last).length;
}

/** Opens a file read-only for checking; a file that is not a database fails here or in the check. */
export function openForVerify(filePath: string): Database.Database {
  const sqlite = new Database(filePath, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

/**
 * Integrity, foreign keys, and the ledger against the expenses: every budget's figures as the app
 * computes them equal a recomputation from the raw rows, and every expense has exactly the ledger
 * entries its status implies. Seats: no planned session holds more than its capacity, and a paid
 * enrolment's expense is in a matching state. The app's own figure query is left out for a file
 * that is behind on migrations (it may read a table that file does not have yet), unless
 * `appFigures` says otherwise; the recomputation from the rows is checked either way.
 */
export function verifyDatabase(
  sqlite: Database.Database,
  options: { appFigures?: boolean } = {},
): VerifyReport {
  const problems: string[] = [];
  const counts = { budgets: 0, expenses: 0, ledgerEntries: 0, enrolments: 0 };
  let behind = 0;
  const add = (problem: string) => problems.push(problem);
  const finish = (): VerifyReport => {
    const listed = problems.slice(0, MAX_LISTED);
    if (problems.length > MAX_LISTED)
      listed.push(`… en nog ${problems.length - MAX_LISTED} problemen.`);
    return { ok: problems.length === 0, problems: listed, counts, pendingMigrations: behind };
  };

  let integrity: string[];
  try {
    integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map(
      (row) => row.integrity_check,
    );
  } catch (error) {
    add(`integrity_check mislukt: ${error instanceof Error ? error.message : String(error)}`);
    return finish();
  }
  if (integrity.length !== 1 || integrity[0] !== "ok") {
    for (const line of integrity) add(`integrity_check: ${line}`);
    // A damaged file may give any answer to the queries below; stop here.
    return finish();
  }
  const foreignKeys = sqlite.pragma("foreign_key_check") as {
    table: string;
    rowid: number;
    parent: string;
  }[];
  for (const row of foreignKeys)
    add(
      `foreign_key_check: ${row.table} rij ${row.rowid} verwijst naar een ontbrekende ${row.parent}`,
    );

  const budgetIds = (
    sqlite.prepare("SELECT id FROM budgets ORDER BY id").all() as { id: number }[]
  ).map((row) => row.id);
  const expenseRows = sqlite
    .prepare(
      "SELECT id, budget_id, status, amount_cents, paid_amount_cents FROM expenses ORDER BY id",
    )
    .all() as ExpenseRow[];
  const ledgerRows = sqlite
    .prepare("SELECT id, budget_id, expense_id, type, amount_cents FROM ledger_entries ORDER BY id")
    .all() as LedgerRow[];
  counts.budgets = budgetIds.length;
  counts.expenses = expenseRows.length;
  counts.ledgerEntries = ledgerRows.length;
  behind = pendingMigrations(sqlite);
  const appFigures = options.appFigures ?? behind === 0;

  // Budget figures: the app's own function against plain sums over the rows.
  const db = drizzle(sqlite, { schema });
  for (const budgetId of budgetIds) {
    const sums = { allocation: 0, commitment: 0, release: 0, actual: 0, correction: 0 };
    for (const row of ledgerRows) {
      if (row.budget_id !== budgetId) continue;
      if (row.type in sums) sums[row.type as keyof typeof sums] += row.amount_cents;
    }
    let pending = 0;
    for (const expense of expenseRows)
      if (expense.budget_id === budgetId && expense.status === "requested")
        pending += expense.amount_cents;
    const committed = sums.commitment - sums.release;
    const actual = sums.actual + sums.correction;
    if (sums.allocation - committed - actual < 0)
      add(`budget ${budgetId}: beschikbaar is negatief (${sums.allocation - committed - actual})`);
    const expected = {
      budgetCents: sums.allocation,
      committedCents: committed,
      actualCents: actual,
      pendingCents: pending,
      availableCents: sums.allocation - committed - actual,
    };
    if (!appFigures) continue;
    let figures: ReturnType<typeof getBudgetFigures>;
    try {
      figures = getBudgetFigures(db, budgetId);
    } catch (error) {
      // E.g. a file from before a migration the app's query needs.
      add(
        `budget ${budgetId}: de app kan de cijfers niet lezen: ${error instanceof Error ? error.message : String(error)}`,
      );
      continue;
    }
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
      if (figures[key] !== expected[key])
        add(
          `budget ${budgetId}: ${key} is volgens de app ${figures[key]}, uit het grootboek ${expected[key]}`,
        );
    }
  }

  // Every ledger row has a known type; only allocations stand without an expense.
  const byExpense = new Map<number, LedgerRow[]>();
  const expenseById = new Map(expenseRows.map((row) => [row.id, row]));
  for (const row of ledgerRows) {
    if (!(row.type in { allocation: 1, commitment: 1, release: 1, actual: 1, correction: 1 }))
      add(`grootboekregel ${row.id}: onbekend soort ${row.type}`);
    if (row.type === "allocation") {
      if (row.expense_id !== null)
        add(`grootboekregel ${row.id}: een toekenning hoort niet bij een uitgave`);
      continue;
    }
    if (row.expense_id === null) {
      add(`grootboekregel ${row.id}: ${row.type} zonder uitgave`);
      continue;
    }
    const expense = expenseById.get(row.expense_id);
    if (expense && expense.budget_id !== row.budget_id)
      add(`grootboekregel ${row.id}: ander budget dan uitgave ${row.expense_id}`);
    const list = byExpense.get(row.expense_id) ?? [];
    list.push(row);
    byExpense.set(row.expense_id, list);
  }

  // Per expense: what its status implies is exactly what its ledger entries say.
  for (const expense of expenseRows) {
    const entries = byExpense.get(expense.id) ?? [];
    const sum = (type: string) =>
      entries.filter((entry) => entry.type === type).reduce((s, e) => s + e.amount_cents, 0);
    const countOf = (type: string) => entries.filter((entry) => entry.type === type).length;
    const netCommitted = sum("commitment") - sum("release");
    const realised = sum("actual") + sum("correction");
    const label = `uitgave ${expense.id} (${expense.status})`;
    const expectCommitted = expense.status === "approved" ? expense.amount_cents : 0;
    const expectRealised = expense.status === "paid" ? (expense.paid_amount_cents ?? -1) : 0;
    if (netCommitted !== expectCommitted)
      add(`${label}: verplicht in het grootboek ${netCommitted}, verwacht ${expectCommitted}`);
    if (realised !== expectRealised)
      add(`${label}: gerealiseerd in het grootboek ${realised}, verwacht ${expectRealised}`);
    if (countOf("commitment") > 1) add(`${label}: meer dan één verplichting`);
    if (countOf("release") > countOf("commitment")) add(`${label}: vrijval zonder verplichting`);
    if (countOf("actual") > 1) add(`${label}: meer dan één realisatie`);
    if ((expense.status === "requested" || expense.status === "rejected") && entries.length > 0)
      add(`${label}: heeft grootboekregels maar is nooit goedgekeurd`);
    if (countOf("commitment") === 1 && sum("commitment") !== expense.amount_cents)
      add(`${label}: verplichting ${sum("commitment")} wijkt af van het bedrag`);
  }

  // Seats: a planned session never holds more than its capacity; a paid enrolment matches its
  // expense (a request waits, a seat is approved or paid, a cancelled one holds no money).
  const overfull = sqlite
    .prepare(
      `SELECT s.id, s.capacity, count(e.id) AS taken FROM course_sessions s
       JOIN enrolments e ON e.session_id = s.id AND e.status IN ('confirmed', 'requested')
       WHERE s.status = 'planned' GROUP BY s.id HAVING taken > s.capacity`,
    )
    .all() as { id: number; capacity: number; taken: number }[];
  for (const row of overfull)
    add(`sessie ${row.id}: ${row.taken} plaatsen bezet bij een capaciteit van ${row.capacity}`);
  const enrolmentRows = sqlite
    .prepare("SELECT id, status, expense_id FROM enrolments ORDER BY id")
    .all() as { id: number; status: string; expense_id: number | null }[];
  counts.enrolments = enrolmentRows.length;
  const allowedExpenseStatus: Record<string, readonly string[]> = {
    requested: ["requested"],
    confirmed: ["approved", "paid"],
    waitlisted: [],
    rejected: ["rejected", "cancelled"],
    cancelled: ["cancelled", "paid"],
  };
  for (const enrolment of enrolmentRows) {
    if (enrolment.expense_id === null) continue;
    const expense = expenseById.get(enrolment.expense_id);
    const allowed = allowedExpenseStatus[enrolment.status] ?? [];
    if (expense && !allowed.includes(expense.status))
      add(
        `inschrijving ${enrolment.id} (${enrolment.status}): uitgave ${expense.id} is ${expense.status}`,
      );
  }
  return finish();
}

/** Opens, checks and closes a file; a file that cannot be opened as a database is a problem too. */
export function verifyDatabaseFile(
  filePath: string,
  options: { appFigures?: boolean } = {},
): VerifyReport {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = openForVerify(filePath);
    return verifyDatabase(sqlite, options);
  } catch (error) {
    return {
      ok: false,
      problems: [
        `niet te lezen als database: ${error instanceof Error ? error.message : String(error)}`,
      ],
      counts: { budgets: 0, expenses: 0, ledgerEntries: 0, enrolments: 0 },
      pendingMigrations: 0,
    };
  } finally {
    sqlite?.close();
  }
}
