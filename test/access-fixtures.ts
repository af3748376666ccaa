// A populated portal for the access tests: a user per role, a second member with private data, and
// real courses, sessions, enrolments, feedback, expenses, departments and mail, made through the
// app's own models where they exist.
import { eq } from "drizzle-orm";
import { getDb, getSqlite } from "#db/client.server.ts";
import * as schema from "#db/schema.ts";
import type { AppRole } from "#app/domain/roles.ts";
import { upsertContentPage } from "#app/models/content-pages.server.ts";
import { insertDepartment } from "#app/models/departments.server.ts";
import { replaceExpertiseTags, updateProfileColumns } from "#app/models/profiles.server.ts";
import type { User } from "#app/models/users.server.ts";
import { approveEnrolment, enrolInSession, rejectEnrolment } from "#app/utils/enrolments.server.ts";
import { requestExpense } from "#app/utils/expenses.server.ts";
import { registerMembership } from "#app/utils/profile.server.ts";
import type { World } from "#test/permissions-matrix.ts";
import { createBudget, createSession } from "#test/enrolment-fixtures.ts";
import { createLoginSession, sessionCookieName } from "#app/utils/session.server.ts";
import { createUser, sessionCookieFor } from "#test/factories.ts";

const address = "192.0.2.44";
const HOUR = 3_600_000;

/** A member's private data: none of it may reach another member. */
export const privateOfB = {
  email: "bram.geheim@huizen.example",
  feedbackComment: "Vertrouwelijk: de trainer was slecht voorbereid (Bram).",
  rejectReason: "Geen budget meer voor Bram dit jaar",
};

export type AccessWorld = World & {
  users: Record<AppRole, User>;
  /** A second member (B) with private data, and a second coordinator. */
  memberB: User;
  coordinatorB: User;
  admin: User;
  /** An upcoming free session: A and B are enrolled (confirmed), B also on a full one's waitlist. */
  freeSessionId: number;
  enrolmentOfA: number;
  enrolmentOfB: number;
  fullSessionId: number;
  waitlistedOfB: number;
  /** A paid session: B's approved request with its expense. */
  paidSessionId: number;
  paidEnrolmentOfB: number;
  expenseOfB: number;
  /** A held session both attended; B gave feedback, A did not yet. */
  heldSessionId: number;
  attendedOfA: number;
  attendedOfB: number;
  feedbackOfB: number;
  /** An expense the second coordinator requested, still awaiting a decision. */
  expenseOfCoordinatorB: number;
  /** A course that is not published, with a session. */
  unpublishedSlug: string;
  unpublishedSessionId: number;
  budgetId: number;
};

async function enrol(sessionId: number, member: User): Promise<number> {
  const result = await enrolInSession(sessionId, member, address);
  if (!result.ok) throw new Error(result.message);
  return result.value.enrolmentId;
}

function attended(sessionId: number, member: User): number {
  return getDb()
    .insert(schema.enrolments)
    .values({
      sessionId,
      memberId: member.id,
      ogwRole: member.ogwRole,
      departmentId: member.departmentId,
      status: "confirmed",
      attendance: "attended",
      enrolledAt: new Date(Date.now() - 96 * HOUR).toISOString(),
    })
    .returning()
    .get().id;
}

export async function buildAccessWorld(): Promise<AccessWorld> {
  const db = getDb();
  const users = {
    member: await createUser({ appRole: "member", name: "Anna Aalbers" }),
    coordinator: await createUser({ appRole: "coordinator", name: "Cor Coördinator" }),
    hr: await createUser({ appRole: "hr", name: "Hanna Personeelszaken" }),
    admin: await createUser({ appRole: "admin", name: "Ad Beheerder" }),
  } satisfies Record<AppRole, User>;
  const memberB = await createUser({
    appRole: "member",
    ogwRole: "line_manager",
    name: "Bram Ouwehand",
    email: privateOfB.email,
  });
  const coordinatorB = await createUser({ appRole: "coordinator", name: "Coby Tweede" });
  const budgetId = createBudget(1_500_000, users.admin);

  updateProfileColumns(db, memberB.id, {
    team: "Team Sociaal Domein",
    introduction: "Ik werk aan jeugdzorg in de wijk.",
    ogwRole: memberB.ogwRole,
  });
  replaceExpertiseTags(db, memberB.id, ["jeugdzorg"]);
  const membership = registerMembership(
    memberB.id,
    { joinedOn: "2024-03-01", leftOn: null },
    users.coordinator,
    address,
  );
  if (!membership.ok) throw new Error("membership");

  const free = createSession({ capacity: 5 });
  const enrolmentOfA = await enrol(free.session.id, users.member);
  const enrolmentOfB = await enrol(free.session.id, memberB);

  const full = createSession({ capacity: 1 });
  await enrol(full.session.id, coordinatorB);
  const waitlistedOfB = await enrol(full.session.id, memberB);

  const paid = createSession({ kind: "individual", costPerParticipantCents: 45_000, capacity: 5 });
  const paidEnrolmentOfB = await enrol(paid.session.id, memberB);
  const approved = await approveEnrolment(paidEnrolmentOfB, users.coordinator, address);
  if (!approved.ok) throw new Error(approved.message);
  const expenseOfB = db
    .select({ expenseId: schema.enrolments.expenseId })
    .from(schema.enrolments)
    .where(eq(schema.enrolments.id, paidEnrolmentOfB))
    .get()!.expenseId!;
  // A rejected request of B's, with a reason only B and the deciders should see.
  const rejectedCourse = createSession({ kind: "individual", costPerParticipantCents: 20_000 });
  const rejected = await enrol(rejectedCourse.session.id, memberB);
  const rejection = await rejectEnrolment(
    rejected,
    privateOfB.rejectReason,
    users.coordinator,
    address,
  );
  if (!rejection.ok) throw new Error(rejection.message);

  const held = createSession({ startsInHours: -48, deadlineHoursBefore: 24 });
  const attendedOfA = attended(held.session.id, users.member);
  const attendedOfB = attended(held.session.id, memberB);
  const feedbackOfB = db
    .insert(schema.feedback)
    .values({
      enrolmentId: attendedOfB,
      rating: 2,
      comment: privateOfB.feedbackComment,
      givenAt: new Date().toISOString(),
    })
    .returning()
    .get().id;

  const expense = await requestExpense(
    {
      budgetId,
      description: "Trainer voor de intervisie",
      supplier: "Bureau Opgave",
      kind: "in_house",
      amountCents: 80_000,
    },
    users.coordinator,
    address,
  );
  if (!expense.ok) throw new Error(expense.message);
  const other = await requestExpense(
    {
      budgetId,
      description: "Boeken voor de leesclub",
      supplier: "Boekhandel Huizen",
      kind: "in_house",
      amountCents: 12_000,
    },
    coordinatorB,
    address,
  );
  if (!other.ok) throw new Error(other.message);

  const hidden = createSession({ title: "Verborgen cursus" });
  db.update(schema.courses)
    .set({ published: false })
    .where(eq(schema.courses.id, hidden.course.id))
    .run();

  upsertContentPage(db, {
    slug: "over-ogw",
    title: "Over opgavegericht werken",
    description: "Uitleg",
    navOrder: 1,
    body: "## Werksoorten",
  });
  const department = insertDepartment(db, { code: "RO", name: "Ruimtelijke Ordening" });
  const mail = db.select({ id: schema.mailOutbox.id }).from(schema.mailOutbox).get();
  if (!mail) throw new Error("no mail in the outbox");

  return {
    member: users.member.id,
    coordinator: users.coordinator.id,
    courseSlug: free.course.slug,
    sessionId: free.session.id,
    attendedEnrolmentId: attendedOfA,
    expenseId: expense.value.expenseId,
    departmentId: department.id,
    mailId: mail.id,
    users,
    memberB,
    coordinatorB,
    admin: users.admin,
    freeSessionId: free.session.id,
    enrolmentOfA,
    enrolmentOfB,
    fullSessionId: full.session.id,
    waitlistedOfB,
    paidSessionId: paid.session.id,
    paidEnrolmentOfB,
    expenseOfB,
    heldSessionId: held.session.id,
    attendedOfA,
    attendedOfB,
    feedbackOfB,
    expenseOfCoordinatorB: other.value.expenseId,
    unpublishedSlug: hidden.course.slug,
    unpublishedSessionId: hidden.session.id,
    budgetId,
  };
}

/** A fresh login session for the user: sessions may be ended by what a test posts (uitloggen). */
export function cookieOf(user: User): string {
  return sessionCookieFor(user.id);
}

/**
 * A login session 20 minutes old: valid, but due for its sliding renewal, so a request that so much
 * as validates it writes. A refused forged request must not get that far.
 */
export function cookieDueForRenewal(user: User): string {
  const { token } = createLoginSession(getDb(), user.id, new Date(Date.now() - 20 * 60_000));
  return `${sessionCookieName()}=${token}`;
}

/** The whole database file as bytes, to prove that a request changed nothing at all. */
export function snapshot(): Buffer {
  return getSqlite().serialize();
}
