// Dutch wording for the expense pages: audit actions, the college status
// of a significant expense, dates and percentages. Loaders call these so the server decides the text.
import type { CollegeDecisionOutcome } from "#db/schema.ts";
import {
  isSignificant,
  projectCommitment,
  usedShare,
  WARNING_RATIO,
  type BudgetFigures,
} from "#app/domain/budget.ts";
import { formatEuro } from "#app/domain/money.ts";
import { TIME_ZONE } from "#app/domain/time.ts";

export const collegeOutcomeLabels: Record<CollegeDecisionOutcome, string> = {
  approved: "akkoord",
  rejected: "afgewezen",
};

/** What each audit action on an expense means; unknown actions show their code rather than nothing. */
const auditActionLabels: Record<string, string> = {
  expense_requested: "Aangevraagd",
  expense_approved: "Goedgekeurd",
  expense_rejected: "Afgewezen",
  expense_cancelled: "Geannuleerd",
  expense_paid: "Betaald",
  expense_college_decision: "Collegebesluit vastgelegd",
};

export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

const shortDate = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: TIME_ZONE,
});
const moment = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: TIME_ZONE,
});
// A calendar date (YYYY-MM-DD) has no time zone: read and shown as UTC so it never shifts a day.
const calendarDate = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const percent = new Intl.NumberFormat("nl-NL", { style: "percent", maximumFractionDigits: 1 });

/** "3 mrt 2026" */
export function formatExpenseDate(iso: string): string {
  return shortDate.format(new Date(iso));
}

/** "3 mrt 2026 14:05" */
export function formatExpenseMoment(iso: string): string {
  return moment.format(new Date(iso));
}

/** "2026-03-12" → "12 maart 2026" */
export function formatCalendarDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : calendarDate.format(parsed);
}

/** 0.8523 → "85,2%" */
export function formatPercent(ratio: number): string {
  return percent.format(ratio);
}

export function significanceThresholdText(thresholdCents: number): string {
  return `Vanaf ${formatEuro(thresholdCents)} is een uitgave significant en moet het college eerst besluiten.`;
}

type CollegeFacts = {
  significant: boolean;
  collegeOutcome: CollegeDecisionOutcome | null;
  collegeDecisionDate: string | null;
  collegeReference: string | null;
};

/** "Nee", "Ja – wacht op collegebesluit", "Ja – college akkoord (12 maart 2026, Z.1 / D.2)". */
export function significanceLabel(expense: CollegeFacts & { status: string }): string {
  if (!expense.significant) return "Nee";
  if (expense.collegeOutcome === null) {
    return expense.status === "requested"
      ? "Ja – wacht op collegebesluit"
      : "Ja – geen collegebesluit";
  }
  const when = expense.collegeDecisionDate ? formatCalendarDate(expense.collegeDecisionDate) : null;
  const facts = [when, expense.collegeReference].filter(Boolean).join(", ");
  return `Ja – college ${collegeOutcomeLabels[expense.collegeOutcome]}${facts ? ` (${facts})` : ""}`;
}

/** What committing `amountCents` would do to the budget, worded for BudgetEffectPanel. */
export function describeBudgetEffect(
  before: BudgetFigures,
  amountCents: number,
  thresholdCents: number,
) {
  const projection = projectCommitment(before, amountCents);
  return {
    amount: formatEuro(amountCents),
    availableNow: formatEuro(before.availableCents),
    // Available never goes below zero: an amount that does not fit shows its shortfall instead.
    availableAfter:
      projection.shortfallCents > 0
        ? `tekort ${formatEuro(projection.shortfallCents)}`
        : formatEuro(projection.after.availableCents),
    useNow: formatPercent(usedShare(before)),
    useAfter: formatPercent(usedShare(projection.after)),
    warningLine: formatPercent(WARNING_RATIO),
    aboveWarning: projection.aboveWarning,
    shortfall: projection.shortfallCents > 0 ? formatEuro(projection.shortfallCents) : null,
    pending: before.pendingCents > 0 ? formatEuro(before.pendingCents) : null,
    significant: isSignificant(amountCents, thresholdCents),
    threshold: formatEuro(thresholdCents),
  };
}
