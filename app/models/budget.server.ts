// Queries for budgets, expenses and the ledger. No business rules here.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import {
  budgetExpenseGroups,
  budgetLedgerBuckets,
  budgetLedgerTotals,
  budgets,
  departments,
  expenses,
  ledgerEntries,
  users,
  type ExpenseStatus,
  type LedgerEntryType,
} from "#db/schema.ts";
import { figuresFromTotals, type BudgetFigures, type PlannedEntry } from "#app/domain/budget.ts";

export type Budget = typeof budgets.$inferSelect;
export type Expense = typeof expenses.$inferSelect;
export type LedgerEntry = typeof ledgerEntries.$inferSelect;

export function getBudget(db: Db, id: number): Budget | undefined {
  return db.select().from(budgets).where(eq(budgets.id, id)).get();
}

/** The guild has one budget today; the newest one is "the" budget on the pages. */
export function getCurrentBudget(db: Db): Budget | undefined {
  return db
    .select()
    .from(budgets)
    .orderBy(desc(budgets.startDate), desc(budgets.id))
    .limit(1)
    .get();
}

export function listBudgets(db: Db): Budget[] {
  return db.select().from(budgets).orderBy(asc(budgets.startDate)).all();
}

/**
 * Sums per ledger type plus the requests still waiting, read from the aggregates the triggers of
 * migration 0009 maintain (docs/decisions/010-maintained-budget-aggregates.md): two primary-key
 * lookups, however long the ledger grows.
 */
export function getBudgetFigures(db: Db, budgetId: number): BudgetFigures {
  const totals = db
    .select()
    .from(budgetLedgerTotals)
    .where(eq(budgetLedgerTotals.budgetId, budgetId))
    .get();
  const pending = db
    .select({ total: sql<number>`coalesce(sum(${budgetExpenseGroups.amountCents}), 0)` })
    .from(budgetExpenseGroups)
    .where(
      and(eq(budgetExpenseGroups.budgetId, budgetId), eq(budgetExpenseGroups.status, "requested")),
    )
    .get();
  return figuresFromTotals(
    {
      allocation: totals?.allocationCents ?? 0,
      commitment: totals?.commitmentCents ?? 0,
      release: totals?.releaseCents ?? 0,
      actual: totals?.actualCents ?? 0,
      correction: totals?.correctionCents ?? 0,
    },
    Number(pending?.total ?? 0),
  );
}

/** The same figures summed from the ledger rows themselves: the check on the maintained totals. */
export function recomputeBudgetFigures(db: Db, budgetId: number): BudgetFigures {
  const rows = db
    .select({
      type: ledgerEntries.type,
      total: sql<number>`coalesce(sum(${ledgerEntries.amountCents}), 0)`,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.budgetId, budgetId))
    .groupBy(ledgerEntries.type)
    .all();
  const totals: Partial<Record<LedgerEntryType, number>> = {};
  for (const row of rows) totals[row.type] = Number(row.total);
  const pending = db
    .select({ total: sql<number>`coalesce(sum(${expenses.amountCents}), 0)` })
    .from(expenses)
    .where(and(eq(expenses.budgetId, budgetId), eq(expenses.status, "requested")))
    .get();
  return figuresFromTotals(totals, Number(pending?.total ?? 0));
}

/** What the ledger did to the available amount per bucket (see budgetLedgerBuckets), in time order. */
export function listAvailableDeltas(db: Db, budgetId: number) {
  return db
    .select({ at: budgetLedgerBuckets.bucket, deltaCents: budgetLedgerBuckets.availableDeltaCents })
    .from(budgetLedgerBuckets)
    .where(eq(budgetLedgerBuckets.budgetId, budgetId))
    .orderBy(asc(budgetLedgerBuckets.bucket))
    .all();
}

/** The expenses of a budget summed per kind, department, OGW role and status. */
export function listExpenseGroups(db: Db, budgetId: number) {
  return db
    .select({
      kind: budgetExpenseGroups.kind,
      departmentCode: departments.code,
      ogwRole: budgetExpenseGroups.ogwRole,
      status: budgetExpenseGroups.status,
      expenseCount: budgetExpenseGroups.expenseCount,
      amountCents: budgetExpenseGroups.amountCents,
      settledCents: budgetExpenseGroups.settledCents,
    })
    .from(budgetExpenseGroups)
    .leftJoin(departments, eq(departments.id, budgetExpenseGroups.departmentId))
    .where(eq(budgetExpenseGroups.budgetId, budgetId))
    .all();
}

export function getExpense(db: Db, id: number): Expense | undefined {
  return db.select().from(expenses).where(eq(expenses.id, id)).get();
}

export type NewExpense = typeof expenses.$inferInsert;

export function insertExpense(db: Db, values: NewExpense): Expense {
  return db.insert(expenses).values(values).returning().get();
}

export function updateExpense(db: Db, id: number, changes: Partial<NewExpense>, now: Date) {
  db.update(expenses)
    .set({ ...changes, updatedAt: now.toISOString() })
    .where(eq(expenses.id, id))
    .run();
}

export function appendLedgerEntries(
  db: Db,
  entries: readonly PlannedEntry[],
  context: {
    budgetId: number;
    expenseId: number | null;
    reason: string;
    createdById: number | null;
    at: Date;
  },
) {
  if (entries.length === 0) return;
  db.insert(ledgerEntries)
    .values(
      entries.map((entry) => ({
        budgetId: context.budgetId,
        expenseId: context.expenseId,
        type: entry.type,
        amountCents: entry.amountCents,
        reason: context.reason,
        createdById: context.createdById,
        at: context.at.toISOString(),
      })),
    )
    .run();
}

export function listLedgerForExpense(db: Db, expenseId: number) {
  return db
    .select({ entry: ledgerEntries, byName: users.name })
    .from(ledgerEntries)
    .leftJoin(users, eq(users.id, ledgerEntries.createdById))
    .where(eq(ledgerEntries.expenseId, expenseId))
    .orderBy(asc(ledgerEntries.id))
    .all();
}

export function listLedger(db: Db, budgetId: number) {
  return db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.budgetId, budgetId))
    .orderBy(asc(ledgerEntries.at), asc(ledgerEntries.id))
    .all();
}

export type ExpenseListRow = Expense & {
  requestedByName: string;
  departmentCode: string | null;
};

export function listExpenses(
  db: Db,
  budgetId: number,
  filter: { statuses?: readonly ExpenseStatus[]; significantOnly?: boolean } = {},
): ExpenseListRow[] {
  const conditions = [eq(expenses.budgetId, budgetId)];
  if (filter.statuses?.length) conditions.push(inArray(expenses.status, [...filter.statuses]));
  if (filter.significantOnly) conditions.push(eq(expenses.significant, true));
  return db
    .select({ expense: expenses, requestedByName: users.name, departmentCode: departments.code })
    .from(expenses)
    .innerJoin(users, eq(users.id, expenses.requestedById))
    .leftJoin(departments, eq(departments.id, expenses.departmentId))
    .where(and(...conditions))
    .orderBy(desc(expenses.requestedAt), desc(expenses.id))
    .all()
    .map((row) => ({
      ...row.expense,
      requestedByName: row.requestedByName,
      departmentCode: row.departmentCode,
    }));
}

export function updateBudgetSettings(
  db: Db,
  id: number,
  changes: Partial<
    Pick<
      Budget,
      | "name"
      | "fundingSource"
      | "decisionDate"
      | "decisionReference"
      | "startDate"
      | "endDate"
      | "significanceThresholdCents"
    >
  >,
  now: Date,
) {
  db.update(budgets)
    .set({ ...changes, updatedAt: now.toISOString() })
    .where(eq(budgets.id, id))
    .run();
}

export function activeUsersWithRoles(db: Db, roles: readonly ("coordinator" | "hr" | "admin")[]) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, appRole: users.appRole })
    .from(users)
    .where(and(inArray(users.appRole, [...roles]), eq(users.status, "active")))
    .all();
}
