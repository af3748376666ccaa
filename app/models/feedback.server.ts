// Queries for feedback on attended sessions and the learning goals it names. Who may give it, and
// what is valid, is decided in app/domain/feedback.ts.
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import {
  courseLearningGoals,
  enrolments,
  feedback,
  feedbackLearningGoals,
  learningGoals,
} from "#db/schema.ts";

export type Feedback = typeof feedback.$inferSelect;
export type NewFeedback = typeof feedback.$inferInsert;

export function getFeedbackForEnrolment(db: Db, enrolmentId: number): Feedback | undefined {
  return db.select().from(feedback).where(eq(feedback.enrolmentId, enrolmentId)).get();
}

/** The ids of the member's enrolments that already have feedback. */
export function enrolmentIdsWithFeedback(db: Db, memberId: number): Set<number> {
  const rows = db
    .select({ enrolmentId: feedback.enrolmentId })
    .from(feedback)
    .innerJoin(enrolments, eq(enrolments.id, feedback.enrolmentId))
    .where(eq(enrolments.memberId, memberId))
    .all();
  return new Set(rows.map((row) => row.enrolmentId));
}

export type LearningGoalOption = { id: number; title: string };

/** The course's learning goals in the catalogue's order: the choices on the feedback form. */
export function listCourseLearningGoals(db: Db, courseId: number): LearningGoalOption[] {
  return db
    .select({ id: learningGoals.id, title: learningGoals.title })
    .from(courseLearningGoals)
    .innerJoin(learningGoals, eq(learningGoals.id, courseLearningGoals.learningGoalId))
    .where(eq(courseLearningGoals.courseId, courseId))
    .orderBy(asc(learningGoals.sortOrder), asc(learningGoals.title))
    .all();
}

/** The titles of the learning goals the feedback names, in the catalogue's order. */
export function listFeedbackLearningGoals(db: Db, feedbackId: number): LearningGoalOption[] {
  return db
    .select({ id: learningGoals.id, title: learningGoals.title })
    .from(feedbackLearningGoals)
    .innerJoin(learningGoals, eq(learningGoals.id, feedbackLearningGoals.learningGoalId))
    .where(eq(feedbackLearningGoals.feedbackId, feedbackId))
    .orderBy(asc(learningGoals.sortOrder), asc(learningGoals.title))
    .all();
}

export function insertFeedback(
  db: Db,
  values: NewFeedback,
  learningGoalIds: readonly number[],
): Feedback {
  const row = db.insert(feedback).values(values).returning().get();
  if (learningGoalIds.length > 0) {
    db.insert(feedbackLearningGoals)
      .values(learningGoalIds.map((learningGoalId) => ({ feedbackId: row.id, learningGoalId })))
      .run();
  }
  return row;
}
