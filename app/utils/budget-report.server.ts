// Builds the budget report for the current budget: the page from the maintained aggregates, the
// exports from every row.
import type { Db } from "#db/client.server.ts";
import {
  figuresFromLedger,
  usedShare,
  WARNING_RATIO,
  type BudgetFigures,
} from "#app/domain/budget.ts";
import {
  amsterdamDateOf,
  breakdownByDepartment,
  breakdownByKind,
  breakdownByOgwRole,
  burnDownFromDeltas,
  burnDownSeries,
  pacePoints,
  pendingTotal,
  runOutDate,
  runOutSentence,
  type Breakdown,
  type ChartPoint,
  type CountedExpense,
} from "#app/domain/budget-report.ts";
import type { OgwRole } from "#app/domain/roles.ts";
import {
  getBudgetFigures,
  getCurrentBudget,
  listAvailableDeltas,
  listExpenseGroups,
  listExpenses,
  type Budget,
  type ExpenseListRow,
} from "#app/models/budget.server.ts";
import { loadBudgetReportRows, type LedgerReportRow } from "#app/models/budget-report.server.ts";

export type BudgetReport = {
  budget: Budget;
  /** Today's calendar date in Huizen (YYYY-MM-DD). */
  today: string;
  figures: BudgetFigures;
  /** Committed + actual as a share of the budget. */
  useRatio: number;
  aboveWarning: boolean;
  series: ChartPoint[];
  pace: ChartPoint[];
  runOut: string | null;
  runOutSentence: string;
  byKind: Breakdown;
  byDepartment: Breakdown;
  byOgwRole: Breakdown;
  expenses: ExpenseListRow[];
  ledger: LedgerReportRow[];
};

/** What the report and the page both say from the figures alone: use, pace and run-out date. */
function budgetOutlook(budget: Budget, figures: BudgetFigures, now: Date) {
  const today = amsterdamDateOf(now);
  const period = { startDate: budget.startDate, endDate: budget.endDate };
  const ratio = usedShare(figures);
  const runOut = runOutDate(figures, period, now);
  return {
    budget,
    today,
    figures,
    useRatio: ratio,
    aboveWarning: ratio >= WARNING_RATIO,
    pace: pacePoints(figures.budgetCents, { ...period, today }),
    runOut,
    runOutSentence: runOutSentence(figures.availableCents, runOut),
  };
}

/** The report on the newest budget, or null when no budget has been set up yet. */
export function buildBudgetReport(db: Db, now = new Date()): BudgetReport | null {
  const budget = getCurrentBudget(db);
  if (!budget) return null;
  const { ledger, expenses } = loadBudgetReportRows(db, budget.id);
  // The same sums as getBudgetFigures, taken from rows already loaded instead of two more queries.
  const figures = figuresFromLedger(ledger, pendingTotal(expenses));
  const outlook = budgetOutlook(budget, figures, now);
  return {
    ...outlook,
    series: burnDownSeries(ledger, { startDate: budget.startDate, today: outlook.today }),
    byKind: breakdownByKind(expenses),
    byDepartment: breakdownByDepartment(expenses),
    byOgwRole: breakdownByOgwRole(expenses),
    expenses,
    ledger,
  };
}

export type BudgetOverview = Omit<BudgetReport, "expenses" | "ledger"> & {
  /** The significant expenses, newest request first. */
  significantExpenses: ExpenseListRow[];
};

/**
 * The budget page: the same figures, series and breakdowns as buildBudgetReport, read from the
 * aggregates that migration 0009 keeps (docs/decisions/010-maintained-budget-aggregates.md) instead of
 * from the whole ledger, so its cost does not grow with the number of entries.
 */
export function buildBudgetOverview(db: Db, now = new Date()): BudgetOverview | null {
  const budget = getCurrentBudget(db);
  if (!budget) return null;
  const figures = getBudgetFigures(db, budget.id);
  const groups: CountedExpense[] = listExpenseGroups(db, budget.id).map((group) => ({
    kind: group.kind,
    departmentCode: group.departmentCode,
    ogwRole: group.ogwRole === "" ? null : (group.ogwRole as OgwRole),
    status: group.status,
    amountCents: group.amountCents,
    // Summed paid amounts, or the amount where nothing was paid: what expenseContribution counts.
    paidAmountCents: group.settledCents,
    expenseCount: group.expenseCount,
  }));
  const outlook = budgetOutlook(budget, figures, now);
  return {
    ...outlook,
    series: burnDownFromDeltas(listAvailableDeltas(db, budget.id), {
      startDate: budget.startDate,
      today: outlook.today,
    }),
    byKind: breakdownByKind(groups),
    byDepartment: breakdownByDepartment(groups),
    byOgwRole: breakdownByOgwRole(groups),
    significantExpenses: listExpenses(db, budget.id, { significantOnly: true }),
  };
}
