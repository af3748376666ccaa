// Limits and choices that the enrolment and expense schemas enforce, kept free of zod so that a page
// can show them (hints, radio buttons, selects) without loading the schemas in the browser.
import type { AttendanceStatus, CollegeDecisionOutcome, ExpenseKind } from "#db/schema.ts";

export const REJECT_REASON_MAX = 500;

/** The marks a coordinator can give: the same values as attendanceStatuses in db/schema.ts. */
export const attendanceChoices = ["attended", "no_show"] as const;

export const DESCRIPTION_MAX = 300;
export const SUPPLIER_MAX = 150;
export const REASON_MAX = 500;
export const REFERENCE_MAX = 100;

// Copies of the lists in db/schema.ts: importing that module would put drizzle in the browser bundle.
export const expenseKinds = ["in_house", "knowledge_session", "individual", "other"] as const;
export const collegeDecisionOutcomes = ["approved", "rejected"] as const;

/** `true` only while each copy above has exactly the values of its column in db/schema.ts. */
type SameValues<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const choicesMatchTheDatabase: SameValues<
  (typeof attendanceChoices)[number],
  AttendanceStatus
> &
  SameValues<(typeof expenseKinds)[number], ExpenseKind> &
  SameValues<(typeof collegeDecisionOutcomes)[number], CollegeDecisionOutcome> = true;
