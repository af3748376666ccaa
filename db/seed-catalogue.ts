// Copies the learning goals and the starting catalogue from content/ into the database.
import { inArray } from "drizzle-orm";
import {
  defaultCoursesDir,
  defaultLearningGoalsDir,
  loadCourses,
  loadLearningGoals,
  scheduleSession,
} from "#app/utils/catalogue-content.server.ts";
import { writeTransaction } from "#db/client.server.ts";
import {
  courseLearningGoals,
  courseSessions,
  courses,
  courseTargetRoles,
  learningGoals,
} from "#db/schema.ts";

export type CatalogueSeedResult = {
  learningGoals: number;
  coursesCreated: number;
  sessionsCreated: number;
};

/**
 * Idempotent by slug. Learning goals follow the files. A course is only inserted when its slug is
 * new: once coordinators edit a course or its sessions in the portal, a re-seed leaves it alone.
 * Session dates in the files are relative to `now`, so a fresh demo always has a future.
 */
export function seedCatalogue(
  now = new Date(),
  dirs: { learningGoals?: string; courses?: string } = {},
): CatalogueSeedResult {
  const goals = loadLearningGoals(dirs.learningGoals ?? defaultLearningGoalsDir);
  const catalogue = loadCourses(
    dirs.courses ?? defaultCoursesDir,
    goals.map((goal) => goal.slug),
  );
  const stamp = now.toISOString();

  return writeTransaction((tx) => {
    const goalIds = new Map<string, number>();
    for (const goal of goals) {
      const values = {
        slug: goal.slug,
        title: goal.title,
        description: goal.description,
        sortOrder: goal.order,
      };
      const row = tx
        .insert(learningGoals)
        .values(values)
        .onConflictDoUpdate({ target: learningGoals.slug, set: values })
        .returning({ id: learningGoals.id })
        .get();
      goalIds.set(goal.slug, row.id);
    }

    const existing = new Set(
      catalogue.length === 0
        ? []
        : tx
            .select({ slug: courses.slug })
            .from(courses)
            .where(
              inArray(
                courses.slug,
                catalogue.map((course) => course.slug),
              ),
            )
            .all()
            .map((row) => row.slug),
    );

    let coursesCreated = 0;
    let sessionsCreated = 0;
    for (const course of catalogue) {
      if (existing.has(course.slug)) continue;
      const { id: courseId } = tx
        .insert(courses)
        .values({
          kind: course.kind,
          slug: course.slug,
          title: course.title,
          summary: course.summary,
          body: course.body,
          provider: course.provider,
          costPerParticipantCents: course.costPerParticipantCents,
          durationHours: course.durationHours,
          published: course.published,
          createdAt: stamp,
          updatedAt: stamp,
        })
        .returning({ id: courses.id })
        .get();
      coursesCreated += 1;

      if (course.targetRoles.length > 0) {
        tx.insert(courseTargetRoles)
          .values(course.targetRoles.map((ogwRole) => ({ courseId, ogwRole })))
          .run();
      }
      if (course.learningGoals.length > 0) {
        tx.insert(courseLearningGoals)
          .values(
            course.learningGoals.map((slug) => ({ courseId, learningGoalId: goalIds.get(slug)! })),
          )
          .run();
      }
      for (const session of course.sessions) {
        const times = scheduleSession(session, now);
        const isPast = times.startsAt.getTime() < now.getTime();
        tx.insert(courseSessions)
          .values({
            courseId,
            startsAt: times.startsAt.toISOString(),
            endsAt: times.endsAt.toISOString(),
            enrolmentDeadline: times.enrolmentDeadline.toISOString(),
            location: session.location,
            onlineUrl: session.onlineUrl,
            capacity: session.capacity,
            sessionCostCents: session.sessionCostCents,
            status: session.cancelReason ? "cancelled" : isPast ? "held" : "planned",
            cancelReason: session.cancelReason,
            createdAt: stamp,
            updatedAt: stamp,
          })
          .run();
        sessionsCreated += 1;
      }
    }
    return { learningGoals: goals.length, coursesCreated, sessionsCreated };
  });
}
