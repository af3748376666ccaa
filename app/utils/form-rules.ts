// Limits, messages and choices that the form schemas enforce, kept free of zod so that a page
// can show them (hints, radio buttons, selects) without loading the schemas in the browser.
import type { AttendanceStatus, CollegeDecisionOutcome, ExpenseKind } from "#db/schema.ts";
import { FEEDBACK_COMMENT_MAX } from "#app/domain/feedback.ts";

export const REJECT_REASON_MAX = 500;

/** The marks a coordinator can give: the same values as attendanceStatuses in db/schema.ts. */
export const attendanceChoices = ["attended", "no_show"] as const;

export const DESCRIPTION_MAX = 300;
export const SUPPLIER_MAX = 150;
export const REASON_MAX = 500;
export const REFERENCE_MAX = 100;

export const commentHint = `Niet verplicht. Wat ging goed, wat kan beter? Hoogstens ${new Intl.NumberFormat("nl-NL").format(FEEDBACK_COMMENT_MAX)} tekens.`;

export const THRESHOLD_ZERO_MESSAGE = "De drempel moet hoger zijn dan € 0,00";

export const DEPARTMENT_CODE_MIN = 2;
export const DEPARTMENT_CODE_MAX = 12;
export const DEPARTMENT_NAME_MIN = 3;
export const DEPARTMENT_NAME_MAX = 100;

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
