// Builds the budget report (page and exports) for the current budget: three queries, then the domain.
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
  burnDownSeries,
  pacePoints,
  pendingTotal,
  runOutDate,
  runOutSentence,
  type Breakdown,
  type ChartPoint,
} from "#app/domain/budget-report.ts";
import { getCurrentBudget, type Budget, type ExpenseListRow } from "#app/models/budget.server.ts";
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

/** The report on the newest budget, or null when no budget has been set up yet. */
export function buildBudgetReport(db: Db, now = new Date()): BudgetReport | null {
  const budget = getCurrentBudget(db);
  if (!budget) return null;
  const { ledger, expenses } = loadBudgetReportRows(db, budget.id);
  // The same sums as getBudgetFigures, taken from rows already loaded instead of two more queries.
  const figures = figuresFromLedger(ledger, pendingTotal(expenses));
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
    series: burnDownSeries(ledger, { startDate: budget.startDate, today }),
    pace: pacePoints(figures.budgetCents, { ...period, today }),
    runOut,
    runOutSentence: runOutSentence(figures.availableCents, runOut),
    byKind: breakdownByKind(expenses),
    byDepartment: breakdownByDepartment(expenses),
    byOgwRole: breakdownByOgwRole(expenses),
    expenses,
    ledger,
  };
}
