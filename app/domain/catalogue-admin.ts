// Rules for maintaining the catalogue: course input, which sessions may still change, and what changed.
import type { CourseKind, SessionStatus } from "#db/schema.ts";

export const courseKindLabels: Record<CourseKind, string> = {
  in_house: "In-house opleiding",
  knowledge_session: "Kennissessie",
  individual: "Individuele verdiepende opleiding",
};

/**
 * The kinds in the order forms offer them. Taken from the labels (which must name every kind), so
 * browser code need not import db/schema.ts and with it drizzle.
 */
export const courseKindOptions = Object.keys(courseKindLabels) as [CourseKind, ...CourseKind[]];

/** Path segments under /catalogus that are pages of their own; a course can never get one as slug. */
export const reservedCourseSlugs: readonly string[] = ["nieuw"];

/** What a course's slug is made from when the title holds nothing readable (e.g. "???"). */
export const fallbackCourseSlug = "opleiding";

export const MAX_DURATION_HOURS = 1000;

export type DurationParseResult = { ok: true; hours: number } | { ok: false; message: string };

// Up to two decimals, so "1.000" (a thousands separator or one hour?) is refused rather than guessed.
const decimalHours = /^(\d{1,4})(?:[.,](\d{1,2}))?$/;

/** Accepts "2", "1,5" and "1.5"; more than 0 and at most 1000 hours. */
export function parseDurationHours(input: string): DurationParseResult {
  const compact = input.replace(/[\s\u00a0]/g, "");
  if (compact === "") return { ok: false, message: "Vul de duur in uren in." };
  if (compact.startsWith("-")) return { ok: false, message: "De duur moet meer dan 0 uur zijn." };
  const match = decimalHours.exec(compact);
  if (!match) {
    return {
      ok: false,
      message: "Vul de duur in uren in, bijvoorbeeld 2 of 1,5 (hoogstens twee decimalen).",
    };
  }
  const hours = Number(`${match[1]}.${match[2] ?? "0"}`);
  if (hours <= 0) return { ok: false, message: "De duur moet meer dan 0 uur zijn." };
  if (hours > MAX_DURATION_HOURS) return { ok: false, message: "De duur is hoogstens 1000 uur." };
  return { ok: true, hours };
}

/** The value to put back in a form field: 1.5 → "1,5". */
export function hoursToInput(hours: number): string {
  return String(hours).replace(".", ",");
}

export type SessionChangeProblem = { status: Exclude<SessionStatus, "planned">; message: string };

/**
 * Only a planned session may be edited or cancelled: a cancelled one stays as it was told to
 * participants, and a held one is history (attendance and costs hang on it).
 */
export function sessionChangeProblem(
  status: SessionStatus,
  change: "edit" | "cancel",
): SessionChangeProblem | null {
  if (status === "planned") return null;
  const verb = change === "edit" ? "gewijzigd" : "geannuleerd";
  if (status === "cancelled") {
    return {
      status,
      message:
        change === "edit"
          ? "Deze sessie is geannuleerd en kan niet meer worden gewijzigd."
          : "Deze sessie is al geannuleerd.",
    };
  }
  return {
    status,
    message: `Deze sessie heeft al plaatsgevonden en kan niet meer worden ${verb}.`,
  };
}

export const CANCEL_REASON_MIN = 5;
export const CANCEL_REASON_MAX = 500;

type Comparable = string | number | boolean | null | readonly (string | number)[];

function sameValue(a: Comparable | undefined, b: Comparable | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    // Sets (roles, learning goals) are equal regardless of the order they were ticked in.
    const left = [...a].map(String).sort();
    const right = [...b].map(String).sort();
    return left.length === right.length && left.every((value, i) => value === right[i]);
  }
  return a === b;
}

export type FieldChanges<T> = { before: Partial<T>; after: Partial<T> };

/** The fields of `after` whose value differs from `before`, for an audit row that says only what changed. */
export function changedFields<T extends Record<string, Comparable>>(
  before: T,
  after: T,
): FieldChanges<T> {
  const changes: FieldChanges<T> = { before: {}, after: {} };
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (!sameValue(before[key], after[key])) {
      changes.before[key] = before[key];
      changes.after[key] = after[key];
    }
  }
  return changes;
}

export function hasChanges<T>(changes: FieldChanges<T>): boolean {
  return Object.keys(changes.after).length > 0;
}
