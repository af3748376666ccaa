// Queries for maintaining the catalogue: courses with their target roles and learning goals, and
// sessions. No business rules here; the read side for members is catalogue.server.ts.
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import {
  courseLearningGoals,
  courses,
  courseSessions,
  courseTargetRoles,
  type CourseKind,
} from "#db/schema.ts";
import type { OgwRole } from "#app/domain/roles.ts";
import {
  listLearningGoals,
  type Course,
  type CourseSession,
} from "#app/models/catalogue.server.ts";

export type { Course, CourseSession } from "#app/models/catalogue.server.ts";

export type CourseFields = {
  kind: CourseKind;
  title: string;
  summary: string;
  body: string;
  provider: string;
  costPerParticipantCents: number;
  durationHours: number;
  targetRoles: OgwRole[];
  learningGoalIds: number[];
};

export type NewCourse = CourseFields & { slug: string; published: boolean };

export type SessionFields = {
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  onlineUrl: string | null;
  capacity: number;
  enrolmentDeadline: Date;
  sessionCostCents: number;
};

function replaceCourseSets(
  db: Db,
  courseId: number,
  targetRoles: OgwRole[],
  learningGoalIds: number[],
) {
  db.delete(courseTargetRoles).where(eq(courseTargetRoles.courseId, courseId)).run();
  db.delete(courseLearningGoals).where(eq(courseLearningGoals.courseId, courseId)).run();
  const roles = [...new Set(targetRoles)];
  const goals = [...new Set(learningGoalIds)];
  if (roles.length)
    db.insert(courseTargetRoles)
      .values(roles.map((ogwRole) => ({ courseId, ogwRole })))
      .run();
  if (goals.length) {
    db.insert(courseLearningGoals)
      .values(goals.map((learningGoalId) => ({ courseId, learningGoalId })))
      .run();
  }
}

export function insertCourse(db: Db, course: NewCourse, now = new Date()): Course {
  const { targetRoles, learningGoalIds, ...columns } = course;
  const row = db
    .insert(courses)
    .values({ ...columns, createdAt: now.toISOString(), updatedAt: now.toISOString() })
    .returning()
    .get();
  replaceCourseSets(db, row.id, targetRoles, learningGoalIds);
  return row;
}

/** Overwrites the course's fields and replaces its target roles and learning goals. The slug stays. */
export function updateCourse(db: Db, id: number, course: CourseFields, now = new Date()) {
  const { targetRoles, learningGoalIds, ...columns } = course;
  db.update(courses)
    .set({ ...columns, updatedAt: now.toISOString() })
    .where(eq(courses.id, id))
    .run();
  replaceCourseSets(db, id, targetRoles, learningGoalIds);
}

export function setCoursePublished(db: Db, id: number, published: boolean, now = new Date()) {
  db.update(courses)
    .set({ published, updatedAt: now.toISOString() })
    .where(eq(courses.id, id))
    .run();
}

function sessionColumns(session: SessionFields) {
  return {
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    location: session.location,
    onlineUrl: session.onlineUrl,
    capacity: session.capacity,
    enrolmentDeadline: session.enrolmentDeadline.toISOString(),
    sessionCostCents: session.sessionCostCents,
  };
}

export function insertSession(
  db: Db,
  courseId: number,
  session: SessionFields,
  now = new Date(),
): CourseSession {
  return db
    .insert(courseSessions)
    .values({
      courseId,
      ...sessionColumns(session),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    })
    .returning()
    .get();
}

export function updateSession(db: Db, id: number, session: SessionFields, now = new Date()) {
  db.update(courseSessions)
    .set({ ...sessionColumns(session), updatedAt: now.toISOString() })
    .where(eq(courseSessions.id, id))
    .run();
}

export function cancelSession(db: Db, id: number, reason: string, now = new Date()) {
  db.update(courseSessions)
    .set({ status: "cancelled", cancelReason: reason, updatedAt: now.toISOString() })
    .where(eq(courseSessions.id, id))
    .run();
}

export type CourseForEdit = Course & { targetRoles: OgwRole[]; learningGoalIds: number[] };

export function getCourseForEdit(db: Db, slug: string): CourseForEdit | undefined {
  const course = db.select().from(courses).where(eq(courses.slug, slug)).get();
  if (!course) return undefined;
  const targetRoles = db
    .select({ ogwRole: courseTargetRoles.ogwRole })
    .from(courseTargetRoles)
    .where(eq(courseTargetRoles.courseId, course.id))
    .all()
    .map((row) => row.ogwRole);
  const learningGoalIds = db
    .select({ id: courseLearningGoals.learningGoalId })
    .from(courseLearningGoals)
    .where(eq(courseLearningGoals.courseId, course.id))
    .orderBy(asc(courseLearningGoals.learningGoalId))
    .all()
    .map((row) => row.id);
  return { ...course, targetRoles, learningGoalIds };
}

export type SessionForEdit = CourseSession & { course: Pick<Course, "id" | "slug" | "title"> };

export function getSessionForEdit(db: Db, id: number): SessionForEdit | undefined {
  const row = db
    .select({
      session: courseSessions,
      course: { id: courses.id, slug: courses.slug, title: courses.title },
    })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(eq(courseSessions.id, id))
    .get();
  return row ? { ...row.session, course: row.course } : undefined;
}

/** Every session of a course, cancelled and held ones included, for the maintenance page. */
export function listSessionsForCourse(db: Db, courseId: number): CourseSession[] {
  return db
    .select()
    .from(courseSessions)
    .where(eq(courseSessions.courseId, courseId))
    .orderBy(asc(courseSessions.startsAt), asc(courseSessions.id))
    .all();
}

/** The learning goals in the catalogue's order, with only what the course form shows. */
export function listLearningGoalsForForm(db: Db) {
  return listLearningGoals(db).map(({ id, title, description }) => ({ id, title, description }));
}

export function slugExists(db: Db, slug: string): boolean {
  return (
    db.select({ id: courses.id }).from(courses).where(eq(courses.slug, slug)).get() !== undefined
  );
}
