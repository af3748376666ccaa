// The rows the budget page and the exports are built from: two indexed queries per budget, no N+1.
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import { ledgerEntries, users } from "#db/schema.ts";
import { listExpenses, type ExpenseListRow, type LedgerEntry } from "#app/models/budget.server.ts";

export type LedgerReportRow = LedgerEntry & { createdByName: string | null };

/** The whole ledger of a budget in booking order, with the name of whoever booked each entry. */
export function listLedgerWithNames(db: Db, budgetId: number): LedgerReportRow[] {
  return db
    .select({ entry: ledgerEntries, createdByName: users.name })
    .from(ledgerEntries)
    .leftJoin(users, eq(users.id, ledgerEntries.createdById))
    .where(eq(ledgerEntries.budgetId, budgetId))
    .orderBy(asc(ledgerEntries.at), asc(ledgerEntries.id))
    .all()
    .map((row) => ({ ...row.entry, createdByName: row.createdByName }));
}

export type BudgetReportRows = { ledger: LedgerReportRow[]; expenses: ExpenseListRow[] };

export function loadBudgetReportRows(db: Db, budgetId: number): BudgetReportRows {
  return { ledger: listLedgerWithNames(db, budgetId), expenses: listExpenses(db, budgetId) };
}
