// Demo mode: colleagues who cannot sign in, their attendance at the sessions already held with the
// feedback many of them gave, and enrolments for upcoming sessions made through the enrolment service, so that seats, the
// waitlist, a paid request and "Mijn inschrijvingen" all have something to show.
import { and, asc, count, eq, gt, inArray } from "drizzle-orm";
import { seatsFree } from "#app/domain/enrolment.ts";
import type { OgwRole } from "#app/domain/roles.ts";
import { getBudgetFigures, getCurrentBudget } from "#app/models/budget.server.ts";
import { seatCounts } from "#app/models/enrolments.server.ts";
import { findUserByEmail, insertUser, type User } from "#app/models/users.server.ts";
import { enrolInSession, type EnrolmentActor } from "#app/utils/enrolments.server.ts";
import { getDb, writeTransaction, type Db } from "#db/client.server.ts";
import {
  courseLearningGoals,
  courses,
  courseSessions,
  courseTargetRoles,
  departments,
  enrolments,
  feedback,
  feedbackLearningGoals,
  type AttendanceStatus,
} from "#db/schema.ts";
// A cycle like seed-budget.ts's: only read when seedEnrolments runs, long after both have loaded.
import { demoAccounts } from "./seed.ts";

const SEED_ORIGIN = "seed";
const EMAIL_DOMAIN = "gilde.example";

export type EnrolmentSeedResult = { colleaguesCreated: number; enrolmentsCreated: number };

/** Three per department, and every OGW role more than once. */
export const demoColleagues: { name: string; departmentCode: string; ogwRole: OgwRole }[] = [
  { name: "Lotte van den Berg", departmentCode: "MO/MB", ogwRole: "employee" },
  { name: "Mohamed Ouali", departmentCode: "MO/MB", ogwRole: "opgave_director" },
  { name: "Ingrid Smit", departmentCode: "MO/MB", ogwRole: "line_manager" },
  { name: "Daan Mulder", departmentCode: "OMG/OW", ogwRole: "steering_professional" },
  { name: "Eva Kok", departmentCode: "OMG/OW", ogwRole: "employee" },
  { name: "Ruben de Graaf", departmentCode: "OMG/OW", ogwRole: "opgave_director" },
  { name: "Noor Hendriks", departmentCode: "OOV", ogwRole: "steering_professional" },
  { name: "Thijs van Dijk", departmentCode: "OOV", ogwRole: "line_manager" },
  { name: "Yasmina Bouzid", departmentCode: "OOV", ogwRole: "employee" },
  { name: "Marieke Peters", departmentCode: "BCZ", ogwRole: "official_principal" },
  { name: "Wouter Dekker", departmentCode: "BCZ", ogwRole: "political_principal" },
  { name: "Sophie Brouwer", departmentCode: "BCZ", ogwRole: "steering_professional" },
  { name: "Jeroen de Boer", departmentCode: "FIN", ogwRole: "line_manager" },
  { name: "Anouk Willems", departmentCode: "FIN", ogwRole: "employee" },
  { name: "Kees Vermeulen", departmentCode: "FIN", ogwRole: "steering_professional" },
  { name: "Priya Ramdin", departmentCode: "IV", ogwRole: "employee" },
  { name: "Bas Schouten", departmentCode: "IV", ogwRole: "line_manager" },
  { name: "Femke Hoekstra", departmentCode: "IV", ogwRole: "opgave_director" },
  { name: "Martijn Verhoeven", departmentCode: "P&O", ogwRole: "official_principal" },
  { name: "Esther Koster", departmentCode: "P&O", ogwRole: "steering_professional" },
  { name: "Gert-Jan Prins", departmentCode: "P&O", ogwRole: "employee" },
  { name: "Linda Bos", departmentCode: "PZ", ogwRole: "opgave_director" },
  { name: "Hanneke van Leeuwen", departmentCode: "PZ", ogwRole: "official_principal" },
  { name: "Erik Meijer", departmentCode: "PZ", ogwRole: "political_principal" },
];

/** "Lotte van den Berg" → "lotte.vandenberg@gilde.example". */
export function colleagueEmail(name: string): string {
  const [first = "", ...rest] = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/\s+/);
  return `${first}.${rest.join("")}@${EMAIL_DOMAIN}`;
}

// ---- Determinism ----

/** mulberry32: a tiny PRNG, so every seed of the same catalogue makes the same choices. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** The course's target roles first (they are the likely participants), the rest after them. */
function candidatesFor(
  pool: readonly User[],
  targetRoles: readonly OgwRole[],
  random: () => number,
): User[] {
  const order = shuffled(pool, random);
  return [
    ...order.filter((user) => targetRoles.includes(user.ogwRole)),
    ...order.filter((user) => !targetRoles.includes(user.ogwRole)),
  ];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A moment in office hours (08:00–16:00 UTC) on the calendar day `dayOffset` days from `from`. */
function officeMoment(from: Date, dayOffset: number, random: () => number): Date {
  const day = new Date(from.getTime() + dayOffset * DAY_MS);
  const minutes = between(random, 0, 8 * 60 - 1);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 8, minutes));
}

// ---- Seeding ----

/**
 * Idempotent: colleagues are created by e-mail when missing; enrolments only when there are none
 * at all (a demo that has been used keeps its own). Demo mode only: seed() decides that.
 */
export async function seedEnrolments(now = new Date()): Promise<EnrolmentSeedResult> {
  const colleaguesCreated = ensureColleagues();
  const db = getDb();
  const colleagues = demoColleagues
    .map((colleague) => findUserByEmail(db, colleagueEmail(colleague.name)))
    .filter((user): user is User => user !== undefined);
  const member = findUserByEmail(db, demoEmail("member"));
  const coordinator = findUserByEmail(db, demoEmail("coordinator"));

  const history = seedHistory(colleagues, member, coordinator, now);
  if (history === null) return { colleaguesCreated, enrolmentsCreated: 0 };
  const upcoming = await seedUpcoming(colleagues, member, now);
  return { colleaguesCreated, enrolmentsCreated: history + upcoming };
}

function demoEmail(appRole: "member" | "coordinator"): string {
  return demoAccounts.find((account) => account.appRole === appRole)!.email;
}

/** Active, but without a password: they appear in lists and reports and can never sign in. */
function ensureColleagues(): number {
  return writeTransaction((tx) => {
    const departmentIds = new Map(
      tx
        .select({ id: departments.id, code: departments.code })
        .from(departments)
        .all()
        .map((row) => [row.code, row.id]),
    );
    let created = 0;
    for (const colleague of demoColleagues) {
      const email = colleagueEmail(colleague.name);
      if (findUserByEmail(tx, email)) continue;
      insertUser(tx, {
        email,
        name: colleague.name,
        appRole: "member",
        ogwRole: colleague.ogwRole,
        departmentId: departmentIds.get(colleague.departmentCode) ?? null,
        status: "active",
      });
      created += 1;
    }
    return created;
  });
}

function targetRolesOf(db: Db, courseIds: readonly number[]): Map<number, OgwRole[]> {
  const result = new Map<number, OgwRole[]>();
  if (courseIds.length === 0) return result;
  for (const row of db
    .select()
    .from(courseTargetRoles)
    .where(inArray(courseTargetRoles.courseId, [...courseIds]))
    .all()) {
    result.set(row.courseId, [...(result.get(row.courseId) ?? []), row.ogwRole]);
  }
  return result;
}

function learningGoalsOf(db: Db, courseIds: readonly number[]): Map<number, number[]> {
  const result = new Map<number, number[]>();
  if (courseIds.length === 0) return result;
  for (const row of db
    .select()
    .from(courseLearningGoals)
    .where(inArray(courseLearningGoals.courseId, [...courseIds]))
    .orderBy(asc(courseLearningGoals.courseId), asc(courseLearningGoals.learningGoalId))
    .all()) {
    result.set(row.courseId, [...(result.get(row.courseId) ?? []), row.learningGoalId]);
  }
  return result;
}

// ---- Feedback on the history ----

/** Mostly content: 3 to 5 with now and then a 1 or 2. */
const ratingWeights: readonly [rating: number, weight: number][] = [
  [1, 3],
  [2, 7],
  [3, 22],
  [4, 40],
  [5, 28],
];

function weightedRating(random: () => number): number {
  const total = ratingWeights.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = random() * total;
  for (const [rating, weight] of ratingWeights) {
    pick -= weight;
    if (pick < 0) return rating;
  }
  return 5;
}

const commentsByRating: Record<"low" | "mid" | "high", readonly string[]> = {
  low: [
    "Te veel theorie en te weinig tijd om het op onze eigen opgave toe te passen.",
    "Het tempo lag hoog; de voorbeelden sloten niet aan bij mijn werk.",
  ],
  mid: [
    "Nuttig, al had ik graag meer tijd gehad voor vragen.",
    "Goede opzet. Een uitgewerkt voorbeeld uit Huizen zou helpen.",
    "Prima sessie; de hand-out neem ik mee naar ons teamoverleg.",
  ],
  high: [
    "Heel praktisch: ik ga de werkvorm meteen gebruiken in onze opgave.",
    "Inspirerend, en fijn om collega's van andere afdelingen te spreken.",
    "Eindelijk helder wat het verschil is tussen een opgave en een project.",
    "Sterke trainer en goede oefeningen. Aanrader voor elk opgaveteam.",
  ],
};

function commentFor(rating: number, random: () => number): string {
  const band = rating <= 2 ? "low" : rating === 3 ? "mid" : "high";
  const options = commentsByRating[band];
  return options[Math.floor(random() * options.length)]!;
}

/**
 * Who came to the sessions already held, as the coordinator registered it afterwards, and the
 * feedback about six in ten of them gave in the days after. Written directly in one transaction:
 * it is history, so it sends no mail (attended enrolments count as asked for feedback already), and
 * the session costs are already in the budget history (seed-budget.ts). Sessions of paid courses
 * are left out, because their participants' costs would be expenses that the budget history does
 * not have. The demo member gave feedback on every session but the latest, so "Mijn inschrijvingen"
 * shows both. Null when any enrolment exists.
 */
function seedHistory(
  colleagues: readonly User[],
  member: User | undefined,
  coordinator: User | undefined,
  now: Date,
): number | null {
  const random = prng(20230131);
  // A stream of its own, so that the feedback leaves the attendance choices as they were.
  const feedbackRandom = prng(20230201);
  return writeTransaction((tx) => {
    if ((tx.select({ total: count() }).from(enrolments).get()?.total ?? 0) > 0) return null;
    const held = tx
      .select({ session: courseSessions, course: courses })
      .from(courseSessions)
      .innerJoin(courses, eq(courses.id, courseSessions.courseId))
      .where(and(eq(courseSessions.status, "held"), eq(courses.costPerParticipantCents, 0)))
      .orderBy(asc(courseSessions.startsAt), asc(courseSessions.id))
      .all();
    const roles = targetRolesOf(
      tx,
      held.map(({ course }) => course.id),
    );
    const goals = learningGoalsOf(
      tx,
      held.map(({ course }) => course.id),
    );
    const memberAttended: { enrolmentId: number; courseId: number; registeredAt: string }[] = [];

    let created = 0;
    held.forEach(({ session, course }, index) => {
      const startsAt = new Date(session.startsAt);
      const deadline = new Date(session.enrolmentDeadline);
      const size = Math.min(session.capacity, colleagues.length, between(random, 6, 15));
      const participants = candidatesFor(colleagues, roles.get(course.id) ?? [], random).slice(
        0,
        size,
      );
      // The demo member took part in every other session, so "Mijn inschrijvingen" has history.
      if (member && index % 2 === 0 && participants.length < session.capacity)
        participants.push(member);

      // The next day, in office hours, and never later than now.
      const registeredAt = new Date(
        Math.min(officeMoment(new Date(session.endsAt), 1, random).getTime(), now.getTime()),
      ).toISOString();
      const remindedAt = new Date(startsAt.getTime() - DAY_MS).toISOString();
      for (const participant of participants) {
        // Some days before the deadline (a calendar day earlier at least), in office hours.
        const enrolledAt = officeMoment(deadline, -between(random, 1, 14), random).toISOString();
        const attendance: AttendanceStatus =
          participant.id === member?.id || random() >= 0.12 ? "attended" : "no_show";
        const row = tx
          .insert(enrolments)
          .values({
            sessionId: session.id,
            memberId: participant.id,
            ogwRole: participant.ogwRole,
            departmentId: participant.departmentId,
            status: "confirmed",
            enrolledAt,
            reminderSentAt: remindedAt < now.toISOString() ? remindedAt : null,
            attendance,
            attendanceRegisteredAt: registeredAt,
            attendanceRegisteredById: coordinator?.id ?? null,
            feedbackRequestedAt: attendance === "attended" ? registeredAt : null,
            updatedAt: registeredAt,
          })
          .returning({ id: enrolments.id })
          .get();
        created += 1;
        if (attendance !== "attended") continue;
        if (participant.id === member?.id) {
          memberAttended.push({ enrolmentId: row.id, courseId: course.id, registeredAt });
        } else if (feedbackRandom() < 0.6) {
          seedFeedback(tx, row.id, goals.get(course.id) ?? [], registeredAt, now, feedbackRandom);
        }
      }
    });
    // The demo member's latest session is still waiting for feedback.
    for (const { enrolmentId, courseId, registeredAt } of memberAttended.slice(0, -1)) {
      seedFeedback(tx, enrolmentId, goals.get(courseId) ?? [], registeredAt, now, feedbackRandom);
    }
    return created;
  });
}

/** Feedback in the week after the registration, never later than now. */
function seedFeedback(
  tx: Db,
  enrolmentId: number,
  courseGoalIds: readonly number[],
  registeredAt: string,
  now: Date,
  random: () => number,
) {
  const rating = weightedRating(random);
  const chosen = shuffled(courseGoalIds, random).slice(0, between(random, 1, 2));
  const comment = random() < 0.45 ? commentFor(rating, random) : null;
  const registered = new Date(registeredAt).getTime();
  const moment = officeMoment(new Date(registeredAt), between(random, 0, 6), random).getTime();
  const givenAt = new Date(Math.min(Math.max(moment, registered), now.getTime())).toISOString();
  const given = tx
    .insert(feedback)
    .values({ enrolmentId, rating, comment, givenAt })
    .returning({ id: feedback.id })
    .get();
  if (chosen.length > 0) {
    tx.insert(feedbackLearningGoals)
      .values(chosen.map((learningGoalId) => ({ feedbackId: given.id, learningGoalId })))
      .run();
  }
}

type Planned = { sessionId: number; user: User; at: Date };

/**
 * Upcoming sessions, through the enrolment service as in the app: the smallest free session is
 * filled with three colleagues and the demo member on its waitlist, a few others get some
 * participants (the demo member in the first of them), and one colleague asks for a paid course.
 */
async function seedUpcoming(
  colleagues: readonly User[],
  member: User | undefined,
  now: Date,
): Promise<number> {
  const random = prng(20260101);
  const db = getDb();
  const stamp = now.toISOString();
  const open = db
    .select({ session: courseSessions, course: courses })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(
      and(
        eq(courseSessions.status, "planned"),
        eq(courses.published, true),
        gt(courseSessions.startsAt, stamp),
        gt(courseSessions.enrolmentDeadline, stamp),
      ),
    )
    .orderBy(asc(courseSessions.startsAt), asc(courseSessions.id))
    .all();
  const roles = targetRolesOf(db, [...new Set(open.map(({ course }) => course.id))]);
  const free = open.filter(({ course }) => course.costPerParticipantCents === 0);
  const plans: Planned[][] = [];

  // The full one: the smallest capacity that our colleagues can fill with three to spare.
  const WAITING = 3;
  const full = [...free]
    .filter(({ session }) => session.capacity + WAITING <= colleagues.length)
    .sort((a, b) => a.session.capacity - b.session.capacity)[0];
  if (full) {
    const people = candidatesFor(colleagues, roles.get(full.course.id) ?? [], random).slice(
      0,
      full.session.capacity + WAITING,
    );
    if (member) people.push(member);
    // Office moments over the last twelve days, earliest first: the order of the waitlist.
    const moments = people
      .map(() => officeMoment(now, -between(random, 1, 12), random))
      .sort((a, b) => a.getTime() - b.getTime());
    plans.push(people.map((user, i) => ({ sessionId: full.session.id, user, at: moments[i]! })));
  }

  const others = free.filter((found) => found !== full).slice(0, 3);
  others.forEach(({ session, course }, index) => {
    // Never full: the demo member's enrolment here must be confirmed.
    const size = Math.min(session.capacity - 1, between(random, 4, 9));
    const people = candidatesFor(colleagues, roles.get(course.id) ?? [], random).slice(0, size);
    if (member && index === 0) people.push(member);
    const moments = people
      .map(() => officeMoment(now, -between(random, 1, 14), random))
      .sort((a, b) => a.getTime() - b.getTime());
    plans.push(people.map((user, i) => ({ sessionId: session.id, user, at: moments[i]! })));
  });

  // A paid request that fits below the significance threshold and in what is still available.
  const budget = getCurrentBudget(db);
  const availableCents = budget ? getBudgetFigures(db, budget.id).availableCents : 0;
  const paid = open
    .filter(
      ({ session, course }) =>
        budget !== undefined &&
        course.kind === "individual" &&
        course.costPerParticipantCents > 0 &&
        course.costPerParticipantCents < budget.significanceThresholdCents &&
        course.costPerParticipantCents <= availableCents &&
        hasFreeSeat(db, session.id, session.capacity),
    )
    .sort((a, b) => a.course.costPerParticipantCents - b.course.costPerParticipantCents)[0];
  if (paid) {
    const [requester] = candidatesFor(colleagues, roles.get(paid.course.id) ?? [], random);
    if (requester)
      plans.push([
        { sessionId: paid.session.id, user: requester, at: officeMoment(now, -1, random) },
      ]);
  }

  // Each session's enrolments in their own order; the service decides seat or waitlist.
  let created = 0;
  for (const plan of plans) {
    for (const { sessionId, user, at } of plan) {
      const result = await enrolInSession(sessionId, actorOf(user), SEED_ORIGIN, at);
      if (!result.ok)
        throw new Error(
          `Seed enrolment of ${user.email} in session ${sessionId}: ${result.message}`,
        );
      created += 1;
    }
  }
  return created;
}

function hasFreeSeat(db: Db, sessionId: number, capacity: number): boolean {
  const counts = seatCounts(db, sessionId);
  return seatsFree(capacity, counts.confirmed, counts.requested) > 0;
}

function actorOf(user: User): EnrolmentActor {
  return {
    id: user.id,
    name: user.name,
    appRole: user.appRole,
    ogwRole: user.ogwRole,
    departmentId: user.departmentId,
  };
}
