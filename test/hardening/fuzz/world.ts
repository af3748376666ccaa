// The rows the action fuzz aims at, made through the app's own models and services: people in each
// role, a large budget, courses, sessions, enrolments, expenses and one-time tokens.
import crypto from "node:crypto";
import { getDb } from "#db/client.server.ts";
import { eq } from "drizzle-orm";
import { courseLearningGoals, departments, learningGoals, users } from "#db/schema.ts";
import { tokenExpiry } from "#app/domain/one-time-token.ts";
import type { AppRole } from "#app/domain/roles.ts";
import { insertOneTimeToken, insertUser, type User } from "#app/models/users.server.ts";
import { hashToken } from "#app/utils/crypto-token.server.ts";
import { enrolInSession, registerAttendance } from "#app/utils/enrolments.server.ts";
import { approveExpense, requestExpense } from "#app/utils/expenses.server.ts";
import { createBudget, createSession } from "#test/enrolment-fixtures.ts";
import { createUser, ensureDepartment, sessionCookieFor } from "#test/factories.ts";

const HOUR = 60 * 60 * 1000;
const address = "192.0.2.99";

export type Person = User & { cookie: string };

export type World = {
  admin: Person;
  coordinator: Person;
  requester: Person;
  hr: Person;
  member: Person;
  budgetId: number;
  goalIds: number[];
  departmentId: number;
};

async function person(appRole: AppRole, name: string): Promise<Person> {
  const user = await createUser({ appRole, name });
  return { ...user, cookie: sessionCookieFor(user.id) };
}

/** A user without password, for rows that only need to exist (enrolling members, invitees). */
export function plainUser(
  overrides: Partial<Pick<User, "appRole" | "status" | "name">> = {},
): Person {
  const user = insertUser(getDb(), {
    email: `fuzz-${crypto.randomUUID()}@gilde.example`,
    name: overrides.name ?? "Fuzz Collega",
    departmentId: ensureDepartment(),
    ogwRole: "employee",
    appRole: overrides.appRole ?? "member",
    status: overrides.status ?? "active",
  });
  return { ...user, cookie: sessionCookieFor(user.id) };
}

export async function buildWorld(): Promise<World> {
  const db = getDb();
  const admin = await person("admin", "Fuzz Beheerder");
  const goalIds = db
    .insert(learningGoals)
    .values(
      [1, 2, 3].map((n) => ({
        slug: `fuzz-leerdoel-${n}-${crypto.randomUUID().slice(0, 6)}`,
        title: `Leerdoel ${n}`,
        description: "Een leerdoel om mee te fuzzen.",
        sortOrder: n,
      })),
    )
    .returning({ id: learningGoals.id })
    .all()
    .map((row) => row.id);
  return {
    admin,
    coordinator: await person("coordinator", "Fuzz Coördinator"),
    requester: await person("coordinator", "Fuzz Aanvrager"),
    hr: await person("hr", "Fuzz P&O"),
    member: await person("member", "Fuzz Medewerker"),
    // € 100 miljoen: the fuzz decides thousands of expenses without reaching the hard stop.
    budgetId: createBudget(10_000_000_000, admin),
    goalIds,
    departmentId: ensureDepartment(),
  };
}

/** A course with the world's learning goals and a planned session in two weeks. */
export function futureSession(
  world: World,
  options: { capacity?: number; costPerParticipantCents?: number } = {},
) {
  const made = createSession({
    capacity: options.capacity ?? 3,
    costPerParticipantCents: options.costPerParticipantCents ?? 0,
  });
  getDb()
    .insert(courseLearningGoals)
    .values(
      world.goalIds
        .slice(0, 2)
        .map((learningGoalId) => ({ courseId: made.course.id, learningGoalId })),
    )
    .run();
  return made;
}

async function enrol(sessionId: number, member: Person, at?: Date) {
  const result = await enrolInSession(sessionId, member, address, at);
  if (!result.ok) throw new Error(`fixture enrolment refused: ${result.message}`);
  return result.value;
}

export async function enrolFresh(sessionId: number, at?: Date) {
  const member = plainUser();
  const enrolment = await enrol(sessionId, member, at);
  return { member, enrolmentId: enrolment.enrolmentId, status: enrolment.status };
}

/** A session that began an hour ago, with confirmed members enrolled before it began. */
export async function startedSession(world: World, members = 2) {
  const before = new Date(Date.now() - 3 * HOUR);
  const { session, course } = createSession({
    capacity: members + 1,
    startsInHours: 2,
    deadlineHoursBefore: 1,
    now: before,
  });
  getDb()
    .insert(courseLearningGoals)
    .values(
      world.goalIds.slice(0, 2).map((learningGoalId) => ({ courseId: course.id, learningGoalId })),
    )
    .run();
  const enrolled = [];
  for (let index = 0; index < members; index++) enrolled.push(await enrolFresh(session.id, before));
  return { session, course, enrolled, before };
}

/** A member who attended a session that ended days ago: the one who may give feedback. */
export async function attendedEnrolment(world: World) {
  const before = new Date(Date.now() - 72 * HOUR);
  const { session, course } = createSession({
    capacity: 2,
    startsInHours: 2,
    deadlineHoursBefore: 1,
    now: before,
  });
  getDb()
    .insert(courseLearningGoals)
    .values(
      world.goalIds.slice(0, 2).map((learningGoalId) => ({ courseId: course.id, learningGoalId })),
    )
    .run();
  const { member, enrolmentId } = await enrolFresh(session.id, before);
  const marked = await registerAttendance(
    session.id,
    [{ enrolmentId, attendance: "attended" }],
    world.coordinator,
    address,
    new Date(before.getTime() + 6 * HOUR),
  );
  if (!marked.ok) throw new Error(`fixture attendance refused: ${marked.message}`);
  return { member, enrolmentId };
}

/** An expense requested by the world's requester; `approved` has it approved by the coordinator. */
export async function expense(
  world: World,
  options: { amountCents?: number; approved?: boolean; by?: Person } = {},
) {
  const amountCents = options.amountCents ?? 12_345;
  const requested = await requestExpense(
    {
      budgetId: world.budgetId,
      description: "Training stakeholderanalyse",
      supplier: "Bureau Fuzz",
      kind: "other",
      amountCents,
      courseId: null,
      sessionId: null,
    },
    options.by ?? world.requester,
    address,
    new Date(),
    { notify: false },
  );
  if (!requested.ok) throw new Error(`fixture expense refused: ${requested.message}`);
  const id = requested.value.expenseId;
  if (options.approved) {
    const approved = await approveExpense(id, world.coordinator, address, new Date(), {
      notify: false,
    });
    if (!approved.ok) throw new Error(`fixture approval refused: ${approved.message}`);
  }
  return { id, amountCents };
}

/** A one-time link for a new invitee or an active member, with the token as in the mail. */
export function tokenFor(purpose: "invitation" | "password_reset") {
  const user = plainUser({ status: purpose === "invitation" ? "invited" : "active" });
  const token = crypto.randomBytes(20).toString("hex");
  const now = new Date();
  insertOneTimeToken(getDb(), {
    id: hashToken(token),
    userId: user.id,
    purpose,
    createdAt: now,
    expiresAt: tokenExpiry(purpose, now),
  });
  return { user, token };
}

/** A former member: left the guild, deactivated; what an administrator may anonymise. */
export function departedMember(name: string): Person {
  const user = plainUser({ name });
  getDb()
    .update(users)
    .set({
      status: "deactivated",
      deactivatedAt: "2021-01-02T09:00:00.000Z",
      guildJoinedOn: "2020-01-01",
      guildLeftOn: "2021-01-01",
    })
    .where(eq(users.id, user.id))
    .run();
  return user;
}

export function freshDepartment(): number {
  const code = `F${crypto
    .randomUUID()
    .slice(0, 6)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "X")}`;
  return getDb()
    .insert(departments)
    .values({ code, name: `Fuzzafdeling ${code}` })
    .returning({ id: departments.id })
    .get().id;
}
