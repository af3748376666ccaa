// Half-years ("2026-H1") for the guild's half-yearly evaluation: parsing, labels and their bounds
// as instants. A half-year runs from 1 January or 1 July 00:00 in Huizen (Europe/Amsterdam), so
// its bounds in UTC differ by the daylight-saving offset: 23:00Z in winter, 22:00Z in summer.
import { amsterdamLocalToUtc, utcToAmsterdamLocal } from "#app/domain/time.ts";

export type HalfYear = { year: number; half: 1 | 2 };

export const MIN_HALF_YEAR_YEAR = 2000;
export const MAX_HALF_YEAR_YEAR = 2100;

export const halfYearFormatMessage = "Kies een halfjaar als 2026-H1 of 2026-H2.";
export const halfYearRangeMessage = `Kies een jaar tussen ${MIN_HALF_YEAR_YEAR} en ${MAX_HALF_YEAR_YEAR}.`;

const halfYearPattern = /^(\d{4})-h([12])$/i;

/** "2026-H1" or "2026-h2" (surrounding spaces allowed) → the half-year; anything else → a Dutch message. */
export function parseHalfYear(
  text: string,
): { ok: true; value: HalfYear } | { ok: false; message: string } {
  const match = halfYearPattern.exec(text.trim());
  if (!match) return { ok: false, message: halfYearFormatMessage };
  const year = Number(match[1]);
  if (year < MIN_HALF_YEAR_YEAR || year > MAX_HALF_YEAR_YEAR) {
    return { ok: false, message: halfYearRangeMessage };
  }
  return { ok: true, value: { year, half: match[2] === "1" ? 1 : 2 } };
}

/** { year: 2026, half: 1 } → "2026-H1", the form used in URLs and file names. */
export function formatHalfYear(halfYear: HalfYear): string {
  return `${halfYear.year}-H${halfYear.half}`;
}

/** "eerste halfjaar 2026" / "tweede halfjaar 2026" */
export function halfYearLabel(halfYear: HalfYear): string {
  return `${halfYear.half === 1 ? "eerste" : "tweede"} halfjaar ${halfYear.year}`;
}

function amsterdamMidnight(year: number, month: 1 | 7): Date {
  const instant = amsterdamLocalToUtc(`${year}-${month === 1 ? "01" : "07"}-01T00:00`);
  // Only null for an impossible date or a year outside four digits; neither reaches here in practice.
  if (!instant) throw new Error(`Geen geldig halfjaar: ${year}`);
  return instant;
}

/** The half-year as instants: start inclusive, end exclusive (midnight in Huizen). */
export function halfYearRange(halfYear: HalfYear): { start: Date; end: Date } {
  return halfYear.half === 1
    ? { start: amsterdamMidnight(halfYear.year, 1), end: amsterdamMidnight(halfYear.year, 7) }
    : { start: amsterdamMidnight(halfYear.year, 7), end: amsterdamMidnight(halfYear.year + 1, 1) };
}

export function previousHalfYear(halfYear: HalfYear): HalfYear {
  return halfYear.half === 2
    ? { year: halfYear.year, half: 1 }
    : { year: halfYear.year - 1, half: 2 };
}

export function nextHalfYear(halfYear: HalfYear): HalfYear {
  return halfYear.half === 1
    ? { year: halfYear.year, half: 2 }
    : { year: halfYear.year + 1, half: 1 };
}

/** The half-year in which an instant falls, by the calendar in Huizen (00:30 on 1 July is H2). */
export function halfYearOf(date: Date | string): HalfYear {
  const local = utcToAmsterdamLocal(date);
  const year = Number(local.slice(0, 4));
  const month = Number(local.slice(5, 7));
  return { year, half: month <= 6 ? 1 : 2 };
}

/** The most recent half-year that has ended at `now`: the one a half-yearly report is due for. */
export function lastCompletedHalfYear(now: Date): HalfYear {
  return previousHalfYear(halfYearOf(now));
}
