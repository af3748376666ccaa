// Report aggregation for the budget: the burn-down series, the pace line, the breakdowns of used
// money and the college status of significant expenses. Pure: plain rows in, plain numbers out.
import type {
  CollegeDecisionOutcome,
  ExpenseKind,
  ExpenseStatus,
  LedgerEntryType,
} from "#db/schema.ts";
import {
  expenseKindLabels,
  paceAvailable,
  projectedRunOut,
  type BudgetFigures,
} from "#app/domain/budget.ts";
import { ogwRoleLabels, ogwRoles, type OgwRole } from "#app/domain/roles.ts";
import { TIME_ZONE } from "#app/domain/time.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

// ---- Calendar dates ----
// Budget periods are calendar dates (YYYY-MM-DD) without a zone. Day arithmetic on them is done
// in UTC so that a daylight-saving change never makes a day 23 or 25 hours long.

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a calendar date. */
export function dayNumber(date: string): number {
  const match = isoDate.exec(date);
  if (!match) throw new Error(`Geen datum: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** A real calendar date written as YYYY-MM-DD (no 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const day = dayNumber(value);
  return dateFromDayNumber(day) === value;
}

export function dateFromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// en-CA writes dates as YYYY-MM-DD, which is exactly the calendar-date format of the database.
const amsterdamDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day in Huizen on which an instant falls: a payment at 00:30 local time counts for that day. */
export function amsterdamDateOf(instant: string | Date): string {
  return amsterdamDay.format(typeof instant === "string" ? new Date(instant) : instant);
}

/** The budget period as instants: from the first day 00:00 to the end of the last day (inclusive dates). */
export function periodBounds(startDate: string, endDate: string): { start: Date; end: Date } {
  return {
    start: new Date(dayNumber(startDate) * DAY_MS),
    end: new Date((dayNumber(endDate) + 1) * DAY_MS),
  };
}

const monthNames = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
] as const;

// Written out rather than taken from Intl, whose short Dutch months differ between ICU versions ("sep"/"sept.").
const shortMonthNames = [
  "jan",
  "feb",
  "mrt",
  "apr",
  "mei",
  "jun",
  "jul",
  "aug",
  "sep",
  "okt",
  "nov",
  "dec",
] as const;

/** "2027-03-14" → "14 maart 2027" */
export function formatDutchDate(date: string): string {
  const match = isoDate.exec(date);
  if (!match) return date;
  return `${Number(match[3])} ${monthNames[Number(match[2]) - 1]} ${match[1]}`;
}

/** "2027-03-14" → "14-03-2027", the form Dutch spreadsheets read as a date. */
export function formatNumericDate(date: string): string {
  const match = isoDate.exec(date);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : date;
}

// ---- Burn-down ----

export type LedgerRow = { type: LedgerEntryType; amountCents: number; at: string };

/** What one ledger entry does to the available amount (available = budget − committed − actual). */
export function availableDelta(type: LedgerEntryType, amountCents: number): number {
  switch (type) {
    case "allocation":
    case "release":
      return amountCents;
    case "commitment":
    case "actual":
    case "correction":
      return -amountCents;
  }
}

/** A point of a chart series: `day` counts days since the first day of the period (0 = start). */
export type ChartPoint = { date: string; day: number; availableCents: number };

/**
 * The available amount as a step series: the start of the period, one point for every day on which
 * the amount changed (its value at the end of that day) and today. Entries on one day are folded
 * together, so a payment (release + actual, same moment) never shows as a spike; entries from before
 * the period count for its first day.
 */
export function burnDownSeries(
  rows: readonly LedgerRow[],
  period: { startDate: string; today: string },
): ChartPoint[] {
  return burnDownFromDeltas(
    rows.map((row) => ({ at: row.at, deltaCents: availableDelta(row.type, row.amountCents) })),
    period,
  );
}

/** What entries did to the available amount at an instant (one entry, or several folded together). */
export type AvailableDelta = { at: string; deltaCents: number };

/** The burn-down series from available-amount changes; see burnDownSeries. */
export function burnDownFromDeltas(
  deltas: readonly AvailableDelta[],
  period: { startDate: string; today: string },
): ChartPoint[] {
  const startDay = dayNumber(period.startDate);
  const changes = new Map<number, number>();
  for (const delta of deltas) {
    const day = Math.max(dayNumber(amsterdamDateOf(delta.at)), startDay);
    changes.set(day, (changes.get(day) ?? 0) + delta.deltaCents);
  }
  const days = [...changes.keys()].sort((a, b) => a - b);
  const point = (day: number, availableCents: number): ChartPoint => ({
    date: dateFromDayNumber(day),
    day: day - startDay,
    availableCents,
  });

  let available = changes.get(startDay) ?? 0;
  const points: ChartPoint[] = [point(startDay, available)];
  for (const day of days) {
    if (day === startDay) continue;
    const delta = changes.get(day)!;
    if (delta === 0) continue;
    available += delta;
    points.push(point(day, available));
  }
  const todayDay = dayNumber(period.today);
  if (todayDay > points[points.length - 1]!.day + startDay) points.push(point(todayDay, available));
  return points;
}

/**
 * The pace line: what would be left if the budget were spent evenly over the period. Points at the
 * start, today (when inside the period) and the end; the end point lies at the end of the last day,
 * where the pace reaches zero.
 */
export function pacePoints(
  budgetCents: number,
  period: { startDate: string; endDate: string; today: string },
): ChartPoint[] {
  const { start, end } = periodBounds(period.startDate, period.endDate);
  const startDay = dayNumber(period.startDate);
  const endDay = dayNumber(period.endDate) + 1;
  const todayDay = dayNumber(period.today);
  const at = (day: number, date: string): ChartPoint => ({
    date,
    day: day - startDay,
    availableCents: paceAvailable(budgetCents, start, end, new Date(day * DAY_MS)),
  });
  const points = [at(startDay, period.startDate)];
  if (todayDay > startDay && todayDay < endDay) points.push(at(todayDay, period.today));
  points.push(at(endDay, period.endDate));
  return points;
}

/** The pace at the start of a day of the period, for the chart's data table. */
export function paceOn(
  budgetCents: number,
  period: { startDate: string; endDate: string },
  date: string,
): number {
  const { start, end } = periodBounds(period.startDate, period.endDate);
  return paceAvailable(budgetCents, start, end, new Date(dayNumber(date) * DAY_MS));
}

/** The day the money runs out at the pace so far (YYYY-MM-DD), or null when it lasts the period. */
export function runOutDate(
  figures: Pick<BudgetFigures, "availableCents" | "committedCents" | "actualCents">,
  period: { startDate: string; endDate: string },
  now: Date,
): string | null {
  const { start, end } = periodBounds(period.startDate, period.endDate);
  const date = projectedRunOut(figures, start, end, now);
  return date ? amsterdamDateOf(date) : null;
}

export function runOutSentence(availableCents: number, runOut: string | null): string {
  if (availableCents <= 0) return "Het budget is op: er is niets meer beschikbaar.";
  if (runOut === null) return "Bij het huidige tempo is er geld tot na het einde van de periode.";
  return `Bij het huidige tempo is het budget op rond ${formatDutchDate(runOut)}.`;
}

/** Labels for the month axis: at most `maxTicks`, every 1, 2, 3 or 6 months or whole years, on the first of a month. */
export function monthTicks(
  startDate: string,
  lastDate: string,
  maxTicks = 12,
): { date: string; month: string; year: string | null }[] {
  const [startYear, startMonth] = startDate.split("-").map(Number) as [number, number];
  const [lastYear, lastMonth] = lastDate.split("-").map(Number) as [number, number];
  // The first tick is the first whole month inside the range.
  let index = startYear * 12 + (startMonth - 1) + (startDate.endsWith("-01") ? 0 : 1);
  const lastIndex = lastYear * 12 + (lastMonth - 1);
  const span = lastIndex - index + 1;
  // Whole years beyond a year, so that even a decades-long period keeps a readable axis.
  const steps = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200];
  const step = steps.find((candidate) => Math.ceil(span / candidate) <= maxTicks) ?? steps.at(-1)!;
  if (step >= 3) index += (step - (index % step)) % step; // quarters start in Jan/Apr/Jul/Oct, years in January
  const ticks = [];
  let first = true;
  for (; index <= lastIndex; index += step) {
    const year = Math.floor(index / 12);
    const month = index % 12;
    ticks.push({
      date: `${year}-${String(month + 1).padStart(2, "0")}-01`,
      month: shortMonthNames[month]!,
      // The year under the first label and under every January, so the axis reads without repetition.
      year: first || month === 0 ? String(year) : null,
    });
    first = false;
  }
  return ticks;
}

// ---- Breakdowns of used money ----

export type ReportExpense = {
  kind: ExpenseKind;
  departmentCode: string | null;
  ogwRole: OgwRole | null;
  status: ExpenseStatus;
  amountCents: number;
  paidAmountCents: number | null;
};

/** Expenses alike in every field that matters here, summed: `expenseCount` of them (1 if absent). */
export type CountedExpense = ReportExpense & { expenseCount?: number };

export type BreakdownRow = {
  key: string;
  label: string;
  /** Approved, not yet paid: the approved amount. */
  committedCents: number;
  /** Paid: the amount on the invoice. */
  actualCents: number;
  usedCents: number;
  /** Requested, not yet decided: not money yet, shown beside the used money. */
  pendingCents: number;
  /** Expenses that count here (requested, approved or paid). */
  expenseCount: number;
};

export type Breakdown = { rows: BreakdownRow[]; total: BreakdownRow };

/** What one expense contributes; rejected and cancelled expenses use no money. */
export function expenseContribution(
  expense: Pick<ReportExpense, "status" | "amountCents" | "paidAmountCents">,
) {
  switch (expense.status) {
    case "approved":
      return { committedCents: expense.amountCents, actualCents: 0, pendingCents: 0, counts: true };
    case "paid":
      return {
        committedCents: 0,
        actualCents: expense.paidAmountCents ?? expense.amountCents,
        pendingCents: 0,
        counts: true,
      };
    case "requested":
      return { committedCents: 0, actualCents: 0, pendingCents: expense.amountCents, counts: true };
    case "rejected":
    case "cancelled":
      return { committedCents: 0, actualCents: 0, pendingCents: 0, counts: false };
  }
}

function emptyRow(key: string, label: string): BreakdownRow {
  return {
    key,
    label,
    committedCents: 0,
    actualCents: 0,
    usedCents: 0,
    pendingCents: 0,
    expenseCount: 0,
  };
}

function addTo(row: BreakdownRow, expense: CountedExpense) {
  const part = expenseContribution(expense);
  if (!part.counts) return;
  row.committedCents += part.committedCents;
  row.actualCents += part.actualCents;
  row.usedCents += part.committedCents + part.actualCents;
  row.pendingCents += part.pendingCents;
  row.expenseCount += expense.expenseCount ?? 1;
}

/**
 * Groups the expenses under `keyOf`. Fixed groups are always listed (zeros included) so tables keep
 * their shape; other keys appear when an expense has them, sorted by label after the fixed ones.
 */
function breakdown(
  expenses: readonly CountedExpense[],
  keyOf: (expense: CountedExpense) => string,
  labelOf: (key: string) => string,
  fixedKeys: readonly string[],
): Breakdown {
  const rows = new Map<string, BreakdownRow>(
    fixedKeys.map((key) => [key, emptyRow(key, labelOf(key))]),
  );
  const total = emptyRow("totaal", "Totaal");
  for (const expense of expenses) {
    const key = keyOf(expense);
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(key, labelOf(key));
      rows.set(key, row);
    }
    addTo(row, expense);
    addTo(total, expense);
  }
  const fixed = fixedKeys.map((key) => rows.get(key)!);
  const others = [...rows.values()]
    .filter((row) => !fixedKeys.includes(row.key) && row.expenseCount > 0)
    .sort((a, b) => (a.key === "" ? 1 : b.key === "" ? -1 : a.label.localeCompare(b.label, "nl")));
  return { rows: [...fixed, ...others], total };
}

export function breakdownByKind(expenses: readonly CountedExpense[]): Breakdown {
  return breakdown(
    expenses,
    (expense) => expense.kind,
    (key) => expenseKindLabels[key as ExpenseKind] ?? key,
    Object.keys(expenseKindLabels),
  );
}

/** By department code; expenses without a department come last as "Geen afdeling". */
export function breakdownByDepartment(expenses: readonly CountedExpense[]): Breakdown {
  return breakdown(
    expenses,
    (expense) => expense.departmentCode ?? "",
    (key) => (key === "" ? "Geen afdeling" : key),
    [],
  );
}

/** By the OGW role kept on the expense at request time; "Onbekend" when none was kept. */
export function breakdownByOgwRole(expenses: readonly CountedExpense[]): Breakdown {
  return breakdown(
    expenses,
    (expense) => expense.ogwRole ?? "",
    (key) => (key === "" ? "Onbekend" : (ogwRoleLabels[key as OgwRole] ?? key)),
    ogwRoles,
  );
}

/** Requested amounts still waiting for a decision (not money yet). */
export function pendingTotal(
  expenses: readonly Pick<ReportExpense, "status" | "amountCents">[],
): number {
  return expenses.reduce(
    (sum, expense) => sum + (expense.status === "requested" ? expense.amountCents : 0),
    0,
  );
}

// ---- Significant expenses and the college ----

export type CollegeFacts = {
  significant: boolean;
  status: ExpenseStatus;
  collegeOutcome: CollegeDecisionOutcome | null;
  collegeDecisionDate: string | null;
  collegeReference: string | null;
};

export type CollegeStatusKind =
  "not_significant" | "to_submit" | "not_submitted" | "approved" | "rejected";

export function collegeStatusKind(expense: CollegeFacts): CollegeStatusKind {
  if (!expense.significant) return "not_significant";
  if (expense.collegeOutcome === "approved") return "approved";
  if (expense.collegeOutcome === "rejected") return "rejected";
  // Withdrawn or refused before it reached the college: nothing to put before it any more.
  return expense.status === "requested" ? "to_submit" : "not_submitted";
}

/** "Nog voor te leggen", "Goedgekeurd door college op 12 maart 2026 (Z.1 / D.2)", "Afgewezen door college op …". */
export function collegeStatusLabel(expense: CollegeFacts): string {
  const kind = collegeStatusKind(expense);
  const facts = (verb: string) => {
    const when = expense.collegeDecisionDate
      ? ` op ${formatDutchDate(expense.collegeDecisionDate)}`
      : "";
    const reference = expense.collegeReference ? ` (${expense.collegeReference})` : "";
    return `${verb} door college${when}${reference}`;
  };
  switch (kind) {
    case "not_significant":
      return "Niet significant";
    case "to_submit":
      return "Nog voor te leggen";
    case "not_submitted":
      return "Niet voorgelegd";
    case "approved":
      return facts("Goedgekeurd");
    case "rejected":
      return facts("Afgewezen");
  }
}

// ---- Figures as shown ----

const percentFormat = new Intl.NumberFormat("nl-NL", {
  style: "percent",
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});

/** 0.825 → "82,5%" */
export function formatUseRatio(ratio: number): string {
  return percentFormat.format(ratio);
}

/** Cents as a Dutch decimal for spreadsheets: 125050 → "1250,50", −1250 → "-12,50". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}
