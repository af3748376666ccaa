// Giving feedback on an attended session: decided and written in one immediate transaction with its
// audit row. The audit row names the rating and the goals, never the comment the member typed.
import { writeTransaction } from "#db/client.server.ts";
import { feedbackInputProblem, feedbackRefusal, type FeedbackField } from "#app/domain/feedback.ts";
import { recordAudit } from "#app/models/audit.server.ts";
import { getSessionWithCourse } from "#app/models/catalogue.server.ts";
import { getEnrolment } from "#app/models/enrolments.server.ts";
import {
  getFeedbackForEnrolment,
  insertFeedback,
  listCourseLearningGoals,
} from "#app/models/feedback.server.ts";

export type FeedbackGiveInput = {
  rating: number;
  learningGoalIds: readonly number[];
  comment: string | null;
};

export type GiveFeedbackResult =
  | { ok: true; value: { feedbackId: number } }
  | { ok: false; field?: FeedbackField; message: string; notFound?: boolean };

const enrolmentNotFound = {
  ok: false as const,
  notFound: true,
  message: "Deze inschrijving bestaat niet.",
};

/**
 * The member's feedback on their own attended enrolment, once. Someone else's enrolment is
 * answered as one that does not exist; the rules are checked again on what the transaction reads.
 */
export function giveFeedback(
  enrolmentId: number,
  member: { id: number },
  input: FeedbackGiveInput,
  address: string,
  now = new Date(),
): GiveFeedbackResult {
  return writeTransaction((tx): GiveFeedbackResult => {
    const enrolment = getEnrolment(tx, enrolmentId);
    if (!enrolment) return enrolmentNotFound;
    const refusal = feedbackRefusal(enrolment, getFeedbackForEnrolment(tx, enrolmentId), member.id);
    if (refusal?.code === "not_yours") return enrolmentNotFound;
    if (refusal) return { ok: false, message: refusal.message };

    const found = getSessionWithCourse(tx, enrolment.sessionId);
    if (!found) return enrolmentNotFound;
    const courseGoalIds = listCourseLearningGoals(tx, found.course.id).map((goal) => goal.id);
    const learningGoalIds = [...new Set(input.learningGoalIds)];
    const comment = input.comment?.trim() ? input.comment.trim() : null;
    const problem = feedbackInputProblem(
      { rating: input.rating, learningGoalIds, comment },
      courseGoalIds,
    );
    if (problem) return { ok: false, ...problem };

    const row = insertFeedback(
      tx,
      { enrolmentId, rating: input.rating, comment, givenAt: now.toISOString() },
      learningGoalIds,
    );
    recordAudit(tx, {
      actorId: member.id,
      action: "feedback_given",
      objectType: "enrolment",
      objectId: enrolmentId,
      result: "success",
      origin: address,
      details: {
        feedbackId: row.id,
        sessionId: found.session.id,
        courseId: found.course.id,
        rating: input.rating,
        learningGoalIds,
        withComment: comment !== null,
      },
      at: now,
    });
    return { ok: true, value: { feedbackId: row.id } };
  });
}
