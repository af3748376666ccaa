// Budget rules: the figures derived from the ledger, significance, the expense state machine,
// four eyes, the hard stop at zero, the 80 % warning and the pace projection. No I/O here.
import type {
  CollegeDecisionOutcome,
  ExpenseKind,
  ExpenseStatus,
  LedgerEntryType,
} from "#db/schema.ts";
import { courseKindLabels } from "#app/domain/catalogue-admin.ts";

export type LedgerLine = { type: LedgerEntryType; amountCents: number };

export type BudgetFigures = {
  budgetCents: number;
  committedCents: number;
  actualCents: number;
  pendingCents: number;
  availableCents: number;
};

/** Sums per ledger type; `pendingCents` comes from requests not yet decided (not money yet). */
export function figuresFromTotals(
  totals: Partial<Record<LedgerEntryType, number>>,
  pendingCents: number,
): BudgetFigures {
  const budgetCents = totals.allocation ?? 0;
  const committedCents = (totals.commitment ?? 0) - (totals.release ?? 0);
  const actualCents = (totals.actual ?? 0) + (totals.correction ?? 0);
  return {
    budgetCents,
    committedCents,
    actualCents,
    pendingCents,
    availableCents: budgetCents - committedCents - actualCents,
  };
}

export function figuresFromLedger(
  lines: readonly LedgerLine[],
  pendingCents: number,
): BudgetFigures {
  const totals: Partial<Record<LedgerEntryType, number>> = {};
  for (const line of lines) totals[line.type] = (totals[line.type] ?? 0) + line.amountCents;
  return figuresFromTotals(totals, pendingCents);
}

/** Share of the budget in use (committed + actual), 0..1+; 0 for an empty budget. */
export function usedShare(
  figures: Pick<BudgetFigures, "budgetCents" | "committedCents" | "actualCents">,
): number {
  if (figures.budgetCents <= 0) return 0;
  return (figures.committedCents + figures.actualCents) / figures.budgetCents;
}

export const WARNING_RATIO = 0.8;

function isAboveWarning(figures: BudgetFigures): boolean {
  return usedShare(figures) >= WARNING_RATIO;
}

export function isSignificant(amountCents: number, thresholdCents: number): boolean {
  return amountCents >= thresholdCents;
}

/** An expense is for one of the catalogue's kinds of activity, or for something else. */
export const expenseKindLabels: Record<ExpenseKind, string> = {
  ...courseKindLabels,
  other: "Overig",
};

export const ledgerEntryTypeLabels: Record<LedgerEntryType, string> = {
  allocation: "Toekenning",
  commitment: "Verplichting",
  release: "Vrijval",
  actual: "Realisatie",
  correction: "Correctie",
};

// ---- What an amount does to the budget ----

export type Projection = {
  after: BudgetFigures;
  /** Use passes 80 % with this amount (and was below before). */
  crossesWarning: boolean;
  aboveWarning: boolean;
  /** The amount does not fit in what is available. */
  shortfallCents: number;
};

/** The figures after committing `amountCents` (a request turned into a commitment). */
export function projectCommitment(before: BudgetFigures, amountCents: number): Projection {
  const after: BudgetFigures = {
    ...before,
    committedCents: before.committedCents + amountCents,
    availableCents: before.availableCents - amountCents,
  };
  return project(before, after, amountCents);
}

/**
 * The figures after paying an approved expense: its commitment becomes actual at the invoice
 * amount, so only a difference (the correction) changes what is in use.
 */
export function projectPayment(
  before: BudgetFigures,
  committedCents: number,
  paidCents: number,
): Projection {
  const after: BudgetFigures = {
    ...before,
    committedCents: before.committedCents - committedCents,
    actualCents: before.actualCents + paidCents,
    availableCents: before.availableCents + committedCents - paidCents,
  };
  return project(before, after, extraForPayment(committedCents, paidCents));
}

function project(before: BudgetFigures, after: BudgetFigures, extraCents: number): Projection {
  const wasAbove = isAboveWarning(before);
  const isAbove = isAboveWarning(after);
  return {
    after,
    crossesWarning: !wasAbove && isAbove,
    aboveWarning: isAbove,
    shortfallCents: Math.max(0, extraCents - before.availableCents),
  };
}

// ---- The expense state machine ----

export type ExpenseAction = "approve" | "reject" | "cancel" | "pay" | "record_college_decision";

export type ExpenseState = {
  status: ExpenseStatus;
  significant: boolean;
  collegeOutcome: CollegeDecisionOutcome | null;
  requestedById: number;
  amountCents: number;
};

export type Refusal = { ok: false; code: RefusalCode; message: string };
export type Verdict = { ok: true } | Refusal;

export type RefusalCode =
  | "not_allowed_in_state"
  | "own_request"
  | "college_decision_missing"
  | "college_rejected"
  | "not_significant"
  | "college_already_decided"
  | "shortfall";

const statusLabels: Record<ExpenseStatus, string> = {
  requested: "aangevraagd",
  approved: "goedgekeurd",
  rejected: "afgewezen",
  paid: "betaald",
  cancelled: "geannuleerd",
};

export const expenseStatusLabels: Record<ExpenseStatus, string> = {
  requested: "In aanvraag",
  approved: "Goedgekeurd (verplicht)",
  rejected: "Afgewezen",
  paid: "Betaald (gerealiseerd)",
  cancelled: "Geannuleerd",
};

/** Which status each action needs before it may happen. */
export const allowedFrom: Record<ExpenseAction, readonly ExpenseStatus[]> = {
  approve: ["requested"],
  reject: ["requested"],
  cancel: ["requested", "approved"],
  pay: ["approved"],
  record_college_decision: ["requested"],
};

export const nextStatus: Record<
  Exclude<ExpenseAction, "record_college_decision">,
  ExpenseStatus
> = {
  approve: "approved",
  reject: "rejected",
  cancel: "cancelled",
  pay: "paid",
};

function refuse(code: RefusalCode, message: string): Refusal {
  return { ok: false, code, message };
}

/**
 * May `actorId` take `action` on the expense now? Checks state, four eyes and the college rule;
 * the money check (shortfall) is separate because it needs the budget figures.
 */
export function checkTransition(
  expense: ExpenseState,
  action: ExpenseAction,
  actorId: number,
): Verdict {
  if (!allowedFrom[action].includes(expense.status)) {
    // Paying a request that is not approved yet is "not yet", everything else is "no longer".
    return refuse(
      "not_allowed_in_state",
      expense.status === "requested"
        ? "Dit kan nog niet: de uitgave moet eerst worden goedgekeurd."
        : `Dit kan niet meer: de uitgave is al ${statusLabels[expense.status]}.`,
    );
  }
  if (action === "reject" && expense.requestedById === actorId) {
    return refuse(
      "own_request",
      "U kunt uw eigen aanvraag niet afwijzen; trek hem in met annuleren.",
    );
  }
  if (action === "approve") {
    if (expense.requestedById === actorId) {
      return refuse(
        "own_request",
        "U kunt uw eigen aanvraag niet goedkeuren; een andere coördinator moet dat doen.",
      );
    }
    if (expense.significant && expense.collegeOutcome === null) {
      return refuse(
        "college_decision_missing",
        "Deze uitgave is significant: leg eerst het besluit van het college vast.",
      );
    }
    if (expense.significant && expense.collegeOutcome === "rejected") {
      return refuse("college_rejected", "Het college heeft deze uitgave afgewezen.");
    }
  }
  if (action === "record_college_decision") {
    if (!expense.significant)
      return refuse("not_significant", "Alleen significante uitgaven gaan naar het college.");
    if (expense.collegeOutcome !== null) {
      return refuse("college_already_decided", "Het besluit van het college is al vastgelegd.");
    }
  }
  return { ok: true };
}

/** The hard stop: available never goes below zero. */
export function checkFits(availableCents: number, amountCents: number): Verdict {
  if (amountCents <= availableCents) return { ok: true };
  return refuse(
    "shortfall",
    `Dit past niet in het budget: er is ${formatCentsPlain(availableCents)} beschikbaar, er komt ${formatCentsPlain(
      amountCents - availableCents,
    )} tekort.`,
  );
}

function formatCentsPlain(cents: number): string {
  return new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format(cents / 100);
}

// ---- Ledger entries per decision ----

export type PlannedEntry = { type: LedgerEntryType; amountCents: number };

/** The entries an approval writes: the whole amount becomes a commitment. */
export function entriesForApproval(amountCents: number): PlannedEntry[] {
  return [{ type: "commitment", amountCents }];
}

/** Cancelling an approved expense releases its commitment; a request has none yet. */
export function entriesForCancellation(status: ExpenseStatus, amountCents: number): PlannedEntry[] {
  return status === "approved" ? [{ type: "release", amountCents }] : [];
}

/**
 * Paying releases the commitment and books the committed amount as actual; a different invoice
 * amount is a separate correction, so the difference stays visible.
 */
export function entriesForPayment(committedCents: number, paidCents: number): PlannedEntry[] {
  const entries: PlannedEntry[] = [
    { type: "release", amountCents: committedCents },
    { type: "actual", amountCents: committedCents },
  ];
  if (paidCents !== committedCents)
    entries.push({ type: "correction", amountCents: paidCents - committedCents });
  return entries;
}

/** Extra money a payment needs beyond its commitment (0 when the invoice is not higher). */
export function extraForPayment(committedCents: number, paidCents: number): number {
  return Math.max(0, paidCents - committedCents);
}

// ---- Pace and projection ----

const DAY_MS = 24 * 60 * 60 * 1000;

export type PacePoint = { date: Date; availableCents: number };

/** The pace line: available money if spent evenly over the period (pro rata). */
export function paceAvailable(budgetCents: number, start: Date, end: Date, at: Date): number {
  const total = end.getTime() - start.getTime();
  if (total <= 0) return 0;
  const elapsed = Math.min(Math.max(at.getTime() - start.getTime(), 0), total);
  return Math.round(budgetCents * (1 - elapsed / total));
}

/**
 * The day the money runs out if use continues at the average pace so far; null when nothing is
 * used yet, or when it lasts beyond the end of the period.
 */
export function projectedRunOut(
  figures: Pick<BudgetFigures, "availableCents" | "committedCents" | "actualCents">,
  start: Date,
  end: Date,
  now: Date,
): Date | null {
  const used = figures.committedCents + figures.actualCents;
  const elapsedDays = (now.getTime() - start.getTime()) / DAY_MS;
  if (used <= 0 || elapsedDays <= 0) return null;
  if (figures.availableCents <= 0) return now;
  const perDay = used / elapsedDays;
  const runOut = new Date(now.getTime() + (figures.availableCents / perDay) * DAY_MS);
  return runOut.getTime() > end.getTime() ? null : runOut;
}
