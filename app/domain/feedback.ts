// Feedback rules: a rating of 1 to 5, the learning goals of the course a session helped with, an
// optional comment, and who may give feedback on which enrolment (once, and only after attending).
// No I/O here: the enrolment, its feedback and the course's goals are passed in.
import type { AttendanceStatus, EnrolmentStatus } from "#db/schema.ts";
import { mayGiveFeedback } from "./enrolment.ts";

export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** The same limit as the database's CHECK on feedback.comment. */
export const FEEDBACK_COMMENT_MAX = 2_000;

export const ratingChoices = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof ratingChoices)[number];

export const ratingLabels: Record<Rating, string> = {
  1: "slecht",
  2: "matig",
  3: "redelijk",
  4: "goed",
  5: "uitstekend",
};

const dutchNumber = new Intl.NumberFormat("nl-NL");

export const ratingMissingMessage =
  "Kies een beoordeling van 1 (slecht) tot en met 5 (uitstekend).";

export function isRating(value: unknown): value is Rating {
  return typeof value === "number" && (ratingChoices as readonly number[]).includes(value);
}

/** Null when the rating is one of 1–5; otherwise what to tell the member. */
export function ratingProblem(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return ratingMissingMessage;
  if (isRating(value)) return null;
  if (typeof value === "number" && Number.isFinite(value)) {
    return `Een beoordeling is 1 (slecht) tot en met 5 (uitstekend); ${dutchNumber.format(value)} kan niet.`;
  }
  return ratingMissingMessage;
}

/** Null when the comment fits; counted as stored (line breaks as one character, trimmed). */
export function commentProblem(comment: string | null): string | null {
  if (comment === null || comment.length <= FEEDBACK_COMMENT_MAX) return null;
  return `Een opmerking is hoogstens ${dutchNumber.format(FEEDBACK_COMMENT_MAX)} tekens; deze telt er ${dutchNumber.format(comment.length)}.`;
}

export const unknownGoalMessage = "Kies alleen leerdoelen van deze opleiding.";

/** Null when every chosen goal is one of the course's learning goals (none chosen is fine). */
export function learningGoalsProblem(
  chosenIds: readonly number[],
  courseGoalIds: readonly number[],
): string | null {
  const allowed = new Set(courseGoalIds);
  return chosenIds.every((id) => allowed.has(id)) ? null : unknownGoalMessage;
}

export type FeedbackInput = {
  rating: number;
  learningGoalIds: readonly number[];
  comment: string | null;
};

export type FeedbackField = "rating" | "learningGoalIds" | "comment";

/** The first problem with what the member filled in, with the field it belongs next to. */
export function feedbackInputProblem(
  input: FeedbackInput,
  courseGoalIds: readonly number[],
): { field: FeedbackField; message: string } | null {
  const rating = ratingProblem(input.rating);
  if (rating) return { field: "rating", message: rating };
  const goals = learningGoalsProblem(input.learningGoalIds, courseGoalIds);
  if (goals) return { field: "learningGoalIds", message: goals };
  const comment = commentProblem(input.comment);
  if (comment) return { field: "comment", message: comment };
  return null;
}

// ---- Who may give feedback ----

export type FeedbackRefusalCode =
  "not_yours" | "already_given" | "cancelled" | "not_enrolled" | "not_registered" | "no_show";

export type FeedbackRefusal = { code: FeedbackRefusalCode; message: string };

export const feedbackRefusalMessages: Record<FeedbackRefusalCode, string> = {
  // Someone else's enrolment is answered as one that does not exist (the route gives a 404).
  not_yours: "Deze inschrijving bestaat niet.",
  already_given: "U hebt al feedback gegeven op deze sessie. Feedback geeft u één keer per sessie.",
  cancelled:
    "Deze inschrijving is afgemeld. Feedback geven kan alleen als u bij de sessie aanwezig was.",
  not_enrolled:
    "U had geen plaats in deze sessie. Feedback geven kan alleen als u bij de sessie aanwezig was.",
  not_registered:
    "Uw aanwezigheid bij deze sessie is nog niet geregistreerd. Zodra de Gilde-coördinator dat na de sessie heeft gedaan, kunt u feedback geven.",
  no_show:
    "Volgens de registratie was u niet bij deze sessie. Alleen wie aanwezig was, kan feedback geven. Klopt dat niet? Vraag de Gilde-coördinator dan de aanwezigheid aan te passen.",
};

function refusal(code: FeedbackRefusalCode): FeedbackRefusal {
  return { code, message: feedbackRefusalMessages[code] };
}

/**
 * Why `actorId` may not give feedback on this enrolment, or null when they may. Whose it is comes
 * first (the member's own only), then feedback given before, then whether they attended.
 */
export function feedbackRefusal(
  enrolment: { memberId: number; status: EnrolmentStatus; attendance: AttendanceStatus | null },
  existingFeedback: object | null | undefined,
  actorId: number,
): FeedbackRefusal | null {
  if (enrolment.memberId !== actorId) return refusal("not_yours");
  if (existingFeedback) return refusal("already_given");
  if (enrolment.status === "cancelled") return refusal("cancelled");
  if (enrolment.status !== "confirmed") return refusal("not_enrolled");
  if (enrolment.attendance === null) return refusal("not_registered");
  if (enrolment.attendance === "no_show") return refusal("no_show");
  return mayGiveFeedback(enrolment) ? null : refusal("not_registered");
}
