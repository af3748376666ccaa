// Changes to the catalogue by a coordinator or P&O: each decides on current data and writes the
// change and its audit row in one immediate transaction, so the log never disagrees with the data.
import { getDb, writeTransaction, type Db } from "#db/client.server.ts";
import {
  changedFields,
  fallbackCourseSlug,
  hasChanges,
  reservedCourseSlugs,
  sessionChangeProblem,
} from "#app/domain/catalogue-admin.ts";
import { slugify, uniqueSlug } from "#app/domain/slug.ts";
import { recordAudit, type AuditEntry } from "#app/models/audit.server.ts";
import { takenSeatCounts } from "#app/models/catalogue.server.ts";
import {
  cancelEnrolmentsOfSession,
  promoteIntoFreeSeats,
  renderPromotionsForSavedSession,
  renderSessionCancellation,
} from "#app/utils/enrolments.server.ts";
import { renderThenWrite, STALE } from "#app/utils/render-then-write.server.ts";
import type { CourseFormValue, SessionFormValue } from "#app/utils/catalogue-schemas.ts";
import {
  cancelSession,
  getCourseForEdit,
  getSessionForEdit,
  insertCourse,
  insertSession,
  listLearningGoalsForForm,
  setCoursePublished,
  slugExists,
  updateCourse,
  updateSession,
  type CourseFields,
  type CourseForEdit,
  type CourseSession,
  type SessionFields,
  type SessionForEdit,
} from "#app/models/catalogue-admin.server.ts";

type Actor = { id: number };

/** The audit row of a successful change to the catalogue, written in the change's transaction. */
function auditSuccess(
  tx: Db,
  actor: Actor,
  address: string,
  now: Date,
  entry: Pick<AuditEntry, "action" | "objectType" | "objectId" | "details">,
) {
  recordAudit(tx, { actorId: actor.id, ...entry, result: "success", origin: address, at: now });
}

/** The 404 of the session maintenance pages. */
export function sessionNotFoundResponse(): Response {
  return new Response("Deze sessie bestaat niet.", { status: 404 });
}

/** The session named by a route's `id` parameter, for editing or cancelling; throws a 404 when there is none. */
export function requireSessionForEdit(params: { id?: string }): SessionForEdit {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw sessionNotFoundResponse();
  const session = getSessionForEdit(getDb(), id);
  if (!session) throw sessionNotFoundResponse();
  return session;
}

export type CatalogueResult<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; reason: "not_found" | "invalid" | "not_planned"; field?: string; message: string };

const courseNotFound = {
  ok: false,
  reason: "not_found",
  message: "Deze opleiding bestaat niet.",
} as const;
const sessionNotFound = {
  ok: false,
  reason: "not_found",
  message: "Deze sessie bestaat niet.",
} as const;
const unknownGoals = {
  ok: false,
  reason: "invalid",
  field: "learningGoalIds",
  message: "Kies leerdoelen uit de lijst.",
} as const;

function courseValues(course: CourseFields) {
  return {
    kind: course.kind,
    title: course.title,
    summary: course.summary,
    body: course.body,
    provider: course.provider,
    costPerParticipantCents: course.costPerParticipantCents,
    durationHours: course.durationHours,
    targetRoles: [...course.targetRoles].sort(),
    learningGoalIds: [...course.learningGoalIds].sort((a, b) => a - b),
  };
}

function sessionValues(session: SessionFields | CourseSession) {
  const iso = (value: Date | string) => (typeof value === "string" ? value : value.toISOString());
  return {
    startsAt: iso(session.startsAt),
    endsAt: iso(session.endsAt),
    location: session.location,
    onlineUrl: session.onlineUrl,
    capacity: session.capacity,
    enrolmentDeadline: iso(session.enrolmentDeadline),
    sessionCostCents: session.sessionCostCents,
  };
}

/** The course form's values as the model takes them (the form field holds euros, the model cents). */
export function courseFieldsFromForm(value: Omit<CourseFormValue, "published">): CourseFields {
  // Field by field, so that nothing else in the form (like "published") reaches an update by accident.
  return {
    kind: value.kind,
    title: value.title,
    summary: value.summary,
    body: value.body,
    provider: value.provider,
    costPerParticipantCents: value.costPerParticipant,
    durationHours: value.durationHours,
    targetRoles: value.targetRoles,
    learningGoalIds: value.learningGoalIds,
  };
}

export function sessionFieldsFromForm(value: SessionFormValue): SessionFields {
  return {
    startsAt: value.startsAt,
    endsAt: value.endsAt,
    location: value.location || null,
    onlineUrl: value.onlineUrl || null,
    capacity: value.capacity,
    enrolmentDeadline: value.enrolmentDeadline,
    sessionCostCents: value.sessionCost,
  };
}

function allGoalsExist(db: Db, ids: number[]): boolean {
  const known = new Set(listLearningGoalsForForm(db).map((goal) => goal.id));
  return ids.every((id) => known.has(id));
}

/** Creates a course with a slug from its title; the slug is never changed afterwards. */
export function createCourse(
  input: CourseFields & { published: boolean },
  actor: Actor,
  address: string,
  now = new Date(),
): CatalogueResult<{ id: number; slug: string }> {
  return writeTransaction((tx) => {
    if (!allGoalsExist(tx, input.learningGoalIds)) return unknownGoals;
    // Inside the immediate transaction, so two courses with the same title cannot both take the slug.
    const slug = uniqueSlug(
      slugify(input.title) || fallbackCourseSlug,
      (candidate) => reservedCourseSlugs.includes(candidate) || slugExists(tx, candidate),
    );
    const course = insertCourse(tx, { ...input, slug }, now);
    auditSuccess(tx, actor, address, now, {
      action: "course_created",
      objectType: "course",
      objectId: course.id,
      details: { after: { slug, ...courseValues(input), published: input.published } },
    });
    return { ok: true as const, value: { id: course.id, slug } };
  });
}

/** Saves the course form; `changed` is false when nothing differed (then nothing is written or logged). */
export function saveCourse(
  slug: string,
  input: CourseFields,
  actor: Actor,
  address: string,
  now = new Date(),
): CatalogueResult<{ changed: boolean }> {
  return writeTransaction((tx) => {
    const course = getCourseForEdit(tx, slug);
    if (!course) return courseNotFound;
    if (!allGoalsExist(tx, input.learningGoalIds)) return unknownGoals;
    const changes = changedFields(courseValues(course), courseValues(input));
    if (!hasChanges(changes)) return { ok: true as const, value: { changed: false } };
    updateCourse(tx, course.id, input, now);
    auditSuccess(tx, actor, address, now, {
      action: "course_updated",
      objectType: "course",
      objectId: course.id,
      details: changes,
    });
    return { ok: true as const, value: { changed: true } };
  });
}

export function setCoursePublication(
  slug: string,
  published: boolean,
  actor: Actor,
  address: string,
  now = new Date(),
): CatalogueResult<{ changed: boolean }> {
  return writeTransaction((tx) => {
    const course = getCourseForEdit(tx, slug);
    if (!course) return courseNotFound;
    if (course.published === published) return { ok: true as const, value: { changed: false } };
    setCoursePublished(tx, course.id, published, now);
    auditSuccess(tx, actor, address, now, {
      action: published ? "course_published" : "course_unpublished",
      objectType: "course",
      objectId: course.id,
      details: { before: { published: course.published }, after: { published } },
    });
    return { ok: true as const, value: { changed: true } };
  });
}

export function createSession(
  courseSlug: string,
  input: SessionFields,
  actor: Actor,
  address: string,
  now = new Date(),
): CatalogueResult<{ id: number; course: Pick<CourseForEdit, "id" | "slug" | "title"> }> {
  return writeTransaction((tx) => {
    const course = getCourseForEdit(tx, courseSlug);
    if (!course) return courseNotFound;
    const session = insertSession(tx, course.id, input, now);
    auditSuccess(tx, actor, address, now, {
      action: "session_created",
      objectType: "session",
      objectId: session.id,
      details: { after: { courseId: course.id, ...sessionValues(input) } },
    });
    return {
      ok: true as const,
      value: { id: session.id, course: { id: course.id, slug: course.slug, title: course.title } },
    };
  });
}

/**
 * Saves a planned session. Its capacity cannot drop below the seats already taken; seats that a
 * higher capacity frees go to the waitlist at once, in the same transaction, with their mail.
 */
export function saveSession(
  sessionId: number,
  input: SessionFields,
  actor: Actor,
  address: string,
  now = new Date(),
): Promise<
  CatalogueResult<{ changed: boolean; promoted: number }> | { ok: false; message: string }
> {
  return renderThenWrite(
    (attempt) => renderPromotionsForSavedSession(sessionId, input, attempt, now),
    (tx, promotions) => {
      const session = getSessionForEdit(tx, sessionId);
      if (!session) return sessionNotFound;
      // Checked here again: the session may have been cancelled while this form was open.
      const problem = sessionChangeProblem(session.status, "edit");
      if (problem)
        return { ok: false as const, reason: "not_planned" as const, message: problem.message };
      const taken = takenSeatCounts(tx, [sessionId]).get(sessionId) ?? 0;
      if (input.capacity < taken) {
        return {
          ok: false as const,
          reason: "invalid" as const,
          field: "capacity",
          message: `Er ${taken === 1 ? "is al 1 plaats" : `zijn al ${taken} plaatsen`} bezet; minder plaatsen kan niet. Meld eerst deelnemers af.`,
        };
      }
      const changes = changedFields(sessionValues(session), sessionValues(input));
      if (!hasChanges(changes))
        return { ok: true as const, value: { changed: false, promoted: 0 } };
      updateSession(tx, sessionId, input, now);
      const promoted = promoteIntoFreeSeats(tx, sessionId, promotions, actor, address, now);
      if (promoted === STALE) return STALE;
      auditSuccess(tx, actor, address, now, {
        action: "session_updated",
        objectType: "session",
        objectId: sessionId,
        details: { ...changes, promotedIds: promoted },
      });
      return { ok: true as const, value: { changed: true, promoted: promoted.length } };
    },
  );
}

/**
 * Cancels a planned session; it stays in the catalogue, marked cancelled with the reason. In the
 * same transaction every active enrolment is cancelled, paid enrolments' money is released, and
 * everyone enrolled or waiting gets a mail with a calendar cancellation.
 */
export function cancelSessionWithReason(
  sessionId: number,
  reason: string,
  actor: Actor,
  address: string,
  now = new Date(),
): Promise<CatalogueResult | { ok: false; message: string }> {
  return renderThenWrite(
    () => renderSessionCancellation(sessionId, reason, now),
    (tx, prepared) => {
      const session = getSessionForEdit(tx, sessionId);
      if (!session) return sessionNotFound;
      const problem = sessionChangeProblem(session.status, "cancel");
      if (problem)
        return { ok: false as const, reason: "not_planned" as const, message: problem.message };
      const enrolments = cancelEnrolmentsOfSession(
        tx,
        sessionId,
        reason,
        prepared,
        actor,
        address,
        now,
      );
      if (enrolments === STALE) return STALE;
      cancelSession(tx, sessionId, reason, now);
      auditSuccess(tx, actor, address, now, {
        action: "session_cancelled",
        objectType: "session",
        objectId: sessionId,
        details: {
          reason,
          before: { status: session.status },
          after: { status: "cancelled", enrolmentsCancelled: enrolments.cancelled },
        },
      });
      return { ok: true as const, value: undefined };
    },
  );
}
