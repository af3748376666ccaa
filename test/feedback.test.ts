// Feedback after a session against a real SQLite file: the request mail when attendance is
// registered (once per enrolment), giving feedback through the service and the route (once, only
// after attending, only one's own), what the database itself refuses, and the demo seed's feedback.
import crypto from "node:crypto";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import {
  auditLog,
  courseLearningGoals,
  courseSessions,
  enrolments,
  feedback,
  feedbackLearningGoals,
  learningGoals,
  mailOutbox,
} from "#db/schema.ts";
import { seed, demoAccounts } from "#db/seed.ts";
import { feedbackRefusalMessages } from "#app/domain/feedback.ts";
import { getEnrolment, listMemberEnrolments } from "#app/models/enrolments.server.ts";
import { findUserByEmail, type User } from "#app/models/users.server.ts";
import * as feedbackRoute from "#app/routes/mijn-inschrijvingen_.$id.feedback.tsx";
import * as myRoute from "#app/routes/mijn-inschrijvingen.tsx";
import { enrolInSession, registerAttendance } from "#app/utils/enrolments.server.ts";
import { giveFeedback } from "#app/utils/feedback.server.ts";
import { createSession, lastMailId, mailsSince } from "#test/enrolment-fixtures.ts";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
  type RouteFn,
} from "#test/factories.ts";

const address = "198.51.100.9";
const HOUR = 60 * 60 * 1000;

type FeedbackPage = Awaited<ReturnType<typeof feedbackRoute.loader>>;
type MyPage = Awaited<ReturnType<typeof myRoute.loader>>;
type Reply = {
  result: {
    error?: Record<string, string[] | null>;
    initialValue?: Record<string, unknown> | null;
  };
};

const ratingOutOfRange = (value: number) =>
  `Een beoordeling is 1 (slecht) tot en met 5 (uitstekend); ${value} kan niet.`;

// ---- The demo seed (first: it only writes history into a database without enrolments) ----

describe("the demo seed", () => {
  it("gives about six in ten attended enrolments feedback, mostly 3 to 5, and mails no history", async () => {
    await seed();
    const db = getDb();
    const history = db
      .select({ enrolment: enrolments, courseId: courseSessions.courseId })
      .from(enrolments)
      .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
      .where(isNotNull(enrolments.attendance))
      .all();
    const attended = history.filter(({ enrolment }) => enrolment.attendance === "attended");
    expect(attended.length).toBeGreaterThan(20);
    // Attended history counts as asked: registering attendance again sends no request for it.
    expect(attended.every(({ enrolment }) => enrolment.feedbackRequestedAt !== null)).toBe(true);
    expect(
      history
        .filter(({ enrolment }) => enrolment.attendance === "no_show")
        .every(({ enrolment }) => enrolment.feedbackRequestedAt === null),
    ).toBe(true);
    expect(
      db.select().from(mailOutbox).where(eq(mailOutbox.template, "feedback_request")).all(),
    ).toEqual([]);

    const rows = db.select().from(feedback).all();
    const share = rows.length / attended.length;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.75);
    const attendedIds = new Map(
      attended.map(({ enrolment, courseId }) => [enrolment.id, courseId]),
    );
    expect(rows.every((row) => attendedIds.has(row.enrolmentId))).toBe(true);
    const content = rows.filter((row) => row.rating >= 3).length;
    expect(content / rows.length).toBeGreaterThan(0.75);
    expect(rows.some((row) => row.comment !== null)).toBe(true);
    expect(rows.some((row) => row.comment === null)).toBe(true);
    for (const row of rows) {
      const registered = attended.find(({ enrolment }) => enrolment.id === row.enrolmentId)!;
      expect(row.givenAt >= registered.enrolment.attendanceRegisteredAt!).toBe(true);
      expect(row.givenAt <= new Date().toISOString()).toBe(true);
    }

    // One or two goals each, and only goals of the course.
    const courseGoals = db.select().from(courseLearningGoals).all();
    for (const row of rows) {
      const named = db
        .select()
        .from(feedbackLearningGoals)
        .where(eq(feedbackLearningGoals.feedbackId, row.id))
        .all();
      const courseId = attendedIds.get(row.enrolmentId)!;
      const allowed = courseGoals
        .filter((goal) => goal.courseId === courseId)
        .map((goal) => goal.learningGoalId);
      if (allowed.length > 0) expect(named.length).toBeGreaterThanOrEqual(1);
      expect(named.length).toBeLessThanOrEqual(2);
      for (const goal of named) expect(allowed).toContain(goal.learningGoalId);
    }

    // The demo member has feedback to give and feedback given.
    const memberEmail = demoAccounts.find((account) => account.appRole === "member")!.email;
    const member = findUserByEmail(db, memberEmail)!;
    const mine = listMemberEnrolments(db, member.id).filter((row) => row.attendance === "attended");
    const withFeedback = db
      .select()
      .from(feedback)
      .where(
        inArray(
          feedback.enrolmentId,
          mine.map((row) => row.id),
        ),
      )
      .all();
    expect(withFeedback.length).toBe(mine.length - 1);
    // The most recent session is the one still waiting.
    expect(withFeedback.map((row) => row.enrolmentId)).not.toContain(mine[0]!.id);

    // A second seed adds nothing.
    const before = rows.length;
    await seed();
    expect(db.select().from(feedback).all()).toHaveLength(before);
  });
});

// ---- Test data: a held session with learning goals ----

let coordinator: User;
const people = {} as Record<"anna" | "bram" | "carla" | "daan", User & { cookie: string }>;

beforeAll(async () => {
  coordinator = await createUser({ appRole: "coordinator", name: "Carla Coördinator" });
  for (const [who, name] of [
    ["anna", "Anna de Vries"],
    ["bram", "Bram Jansen"],
    ["carla", "Carla Smit"],
    ["daan", "Daan Mulder"],
  ] as const) {
    const user = await createUser({ name });
    people[who] = { ...user, cookie: sessionCookieFor(user.id) };
  }
});

function insertGoal(title: string): number {
  return getDb()
    .insert(learningGoals)
    .values({ slug: `doel-${crypto.randomUUID()}`, title, description: title })
    .returning({ id: learningGoals.id })
    .get().id;
}

/**
 * A session that began two hours ago (enrolled before), with two learning goals and one goal of
 * another course, and the given members enrolled (confirmed); attendance is left to the test.
 */
async function heldSession(members: User[], capacity = 5) {
  const now = new Date();
  const { session, course } = createSession({
    capacity,
    startsInHours: 2,
    deadlineHoursBefore: 1,
    title: `Actoren in kaart ${crypto.randomUUID().slice(0, 6)}`,
    now,
  });
  const goals = [insertGoal("Actoren in kaart brengen"), insertGoal("Een opgave afbakenen")];
  const otherGoal = insertGoal("Een opgaveteam samenstellen");
  getDb()
    .insert(courseLearningGoals)
    .values(goals.map((learningGoalId) => ({ courseId: course.id, learningGoalId })))
    .run();
  const ids: number[] = [];
  for (const member of members) {
    const result = await enrolInSession(session.id, member, address, now);
    if (!result.ok || result.value.status !== "confirmed")
      throw new Error(result.ok ? result.value.status : result.message);
    ids.push(result.value.enrolmentId);
  }
  return { session, course, goals, otherGoal, ids, later: new Date(now.getTime() + 4 * HOUR) };
}

async function mark(
  sessionId: number,
  marks: { enrolmentId: number; attendance: "attended" | "no_show" }[],
  at: Date,
) {
  const result = await registerAttendance(sessionId, marks, coordinator, address, at);
  if (!result.ok) throw new Error(result.message);
}

function feedbackRows(enrolmentId: number) {
  return getDb().select().from(feedback).where(eq(feedback.enrolmentId, enrolmentId)).all();
}

function requestsTo(userId: number, since: number) {
  return mailsSince(since).filter(
    (mail) => mail.template === "feedback_request" && mail.toUserId === userId,
  );
}

// ---- The request for feedback ----

describe("the mail asking for feedback", () => {
  it("goes once to each member newly marked attended, with a link to their feedback page", async () => {
    const { session, course, ids, later } = await heldSession([people.anna, people.bram]);
    const [anna, bram] = ids as [number, number];
    const mailMark = lastMailId();
    await mark(
      session.id,
      [
        { enrolmentId: anna, attendance: "attended" },
        { enrolmentId: bram, attendance: "no_show" },
      ],
      later,
    );
    const mails = requestsTo(people.anna.id, mailMark);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Hoe was ${course.title}? Geef uw feedback`);
    expect(mails[0]!.text).toContain(`http://localhost:3000/mijn-inschrijvingen/${anna}/feedback`);
    expect(mails[0]!.text.replace(/\s+/g, " ")).toContain("Beste Anna de Vries,");
    expect(requestsTo(people.bram.id, mailMark)).toEqual([]);
    expect(getEnrolment(getDb(), anna)!.feedbackRequestedAt).toBe(later.toISOString());
    expect(getEnrolment(getDb(), bram)!.feedbackRequestedAt).toBeNull();

    // Registering the same again, and a correction to no-show and back, ask nothing again.
    await mark(session.id, [{ enrolmentId: anna, attendance: "attended" }], later);
    await mark(session.id, [{ enrolmentId: anna, attendance: "no_show" }], later);
    await mark(session.id, [{ enrolmentId: anna, attendance: "attended" }], later);
    expect(requestsTo(people.anna.id, mailMark)).toHaveLength(1);

    // A no-show corrected to attended is asked then, once.
    await mark(session.id, [{ enrolmentId: bram, attendance: "attended" }], later);
    await mark(session.id, [{ enrolmentId: bram, attendance: "attended" }], later);
    expect(requestsTo(people.bram.id, mailMark)).toHaveLength(1);
  });

  it("is not sent when the registration is refused, and is not sent twice for one enrolment marked twice", async () => {
    const { session, ids, later } = await heldSession([people.carla]);
    const [carla] = ids as [number];
    const mailMark = lastMailId();
    const early = await registerAttendance(
      session.id,
      [{ enrolmentId: carla, attendance: "attended" }],
      coordinator,
      address,
      new Date(later.getTime() - 4 * HOUR),
    );
    expect(early.ok).toBe(false);
    expect(mailsSince(mailMark)).toEqual([]);
    await mark(
      session.id,
      [
        { enrolmentId: carla, attendance: "attended" },
        { enrolmentId: carla, attendance: "attended" },
      ],
      later,
    );
    expect(requestsTo(people.carla.id, mailMark)).toHaveLength(1);
  });
});

// ---- Giving feedback through the service ----

describe("giveFeedback", () => {
  it("stores the rating, the goals and the comment once, with an audit row without the comment", async () => {
    const { session, goals, ids, later } = await heldSession([people.anna]);
    const [anna] = ids as [number];
    await mark(session.id, [{ enrolmentId: anna, attendance: "attended" }], later);
    const comment = "Heel praktisch; ik gebruik de werkvorm meteen.";
    const result = giveFeedback(
      anna,
      people.anna,
      { rating: 4, learningGoalIds: [goals[1]!, goals[0]!, goals[1]!], comment },
      address,
    );
    expect(result.ok).toBe(true);
    const [row] = feedbackRows(anna);
    expect(row).toMatchObject({ rating: 4, comment });
    const named = getDb()
      .select()
      .from(feedbackLearningGoals)
      .where(eq(feedbackLearningGoals.feedbackId, row!.id))
      .all()
      .map((goal) => goal.learningGoalId)
      .sort();
    expect(named).toEqual([...goals].sort());
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "feedback_given"), eq(auditLog.objectId, String(anna))))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(people.anna.id);
    expect(audit[0]!.details).not.toContain("werkvorm");
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ rating: 4, withComment: true });

    // Twice is refused, and the database's unique index holds whatever code path writes.
    const again = giveFeedback(
      anna,
      people.anna,
      { rating: 5, learningGoalIds: [], comment: null },
      address,
    );
    expect(again).toEqual({ ok: false, message: feedbackRefusalMessages.already_given });
    expect(() =>
      getDb()
        .insert(feedback)
        .values({ enrolmentId: anna, rating: 5, givenAt: new Date().toISOString() })
        .run(),
    ).toThrow(/UNIQUE/);
    expect(feedbackRows(anna)).toHaveLength(1);
  });

  it.each([0, 6])(
    "refuses a rating of %s next to the field, and writes nothing",
    async (rating) => {
      const { session, ids, later } = await heldSession([people.bram]);
      const [bram] = ids as [number];
      await mark(session.id, [{ enrolmentId: bram, attendance: "attended" }], later);
      const result = giveFeedback(
        bram,
        people.bram,
        { rating, learningGoalIds: [], comment: null },
        address,
      );
      expect(result).toEqual({ ok: false, field: "rating", message: ratingOutOfRange(rating) });
      expect(feedbackRows(bram)).toEqual([]);
      // The database refuses it too.
      expect(() =>
        getDb()
          .insert(feedback)
          .values({ enrolmentId: bram, rating, givenAt: new Date().toISOString() })
          .run(),
      ).toThrow(/CHECK/);
    },
  );

  it("refuses goals of another course", async () => {
    const { session, goals, otherGoal, ids, later } = await heldSession([people.carla]);
    const [carla] = ids as [number];
    await mark(session.id, [{ enrolmentId: carla, attendance: "attended" }], later);
    const result = giveFeedback(
      carla,
      people.carla,
      { rating: 3, learningGoalIds: [goals[0]!, otherGoal], comment: null },
      address,
    );
    expect(result).toEqual({
      ok: false,
      field: "learningGoalIds",
      message: "Kies alleen leerdoelen van deze opleiding.",
    });
    expect(feedbackRows(carla)).toEqual([]);
  });

  it("refuses a no-show and an enrolment whose attendance is not registered, with the reason", async () => {
    const { session, ids, later } = await heldSession([people.anna, people.bram]);
    const [anna, bram] = ids as [number, number];
    const input = { rating: 4, learningGoalIds: [], comment: null };
    expect(giveFeedback(anna, people.anna, input, address)).toEqual({
      ok: false,
      message: feedbackRefusalMessages.not_registered,
    });
    await mark(session.id, [{ enrolmentId: bram, attendance: "no_show" }], later);
    expect(giveFeedback(bram, people.bram, input, address)).toEqual({
      ok: false,
      message: feedbackRefusalMessages.no_show,
    });
    expect([...feedbackRows(anna), ...feedbackRows(bram)]).toEqual([]);
  });

  it("answers another member's enrolment as one that does not exist", async () => {
    const { session, ids, later } = await heldSession([people.anna]);
    const [anna] = ids as [number];
    await mark(session.id, [{ enrolmentId: anna, attendance: "attended" }], later);
    const input = { rating: 5, learningGoalIds: [], comment: null };
    expect(giveFeedback(anna, people.bram, input, address)).toMatchObject({
      ok: false,
      notFound: true,
    });
    expect(giveFeedback(999_999, people.bram, input, address)).toMatchObject({ notFound: true });
    expect(feedbackRows(anna)).toEqual([]);
  });

  it("the database trigger refuses feedback for a no-show, whatever code path writes", async () => {
    const { session, ids, later } = await heldSession([people.daan]);
    const [daan] = ids as [number];
    await mark(session.id, [{ enrolmentId: daan, attendance: "no_show" }], later);
    expect(() =>
      getDb()
        .insert(feedback)
        .values({ enrolmentId: daan, rating: 4, givenAt: new Date().toISOString() })
        .run(),
    ).toThrow(/feedback needs an attended enrolment/);
    expect(feedbackRows(daan)).toEqual([]);
  });
});

// ---- Through the route ----

type Who = keyof typeof people;

function load(fn: RouteFn, who: Who, enrolmentId: number | string, url?: string) {
  return settle(() =>
    fn({
      request: appRequest(url ?? `/mijn-inschrijvingen/${enrolmentId}/feedback`, {
        cookie: people[who].cookie,
      }),
      params: { id: String(enrolmentId) },
      context: testContext,
    }),
  );
}

function post(who: Who, enrolmentId: number | string, form: Record<string, string>) {
  return settle(() =>
    feedbackRoute.action({
      request: appRequest(`/mijn-inschrijvingen/${enrolmentId}/feedback`, {
        cookie: people[who].cookie,
        form,
      }),
      params: { id: String(enrolmentId) },
      context: testContext,
    }),
  );
}

function replyOf(result: { value: unknown }): Reply["result"] {
  return (result.value as { data: Reply }).data.result;
}

function flashOf(response: Response | null): unknown {
  const cookie = response?.headers.get("Set-Cookie") ?? "";
  const value = /gilde_melding=([^;]+)/.exec(cookie)?.[1] ?? "";
  return JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
}

describe("the feedback page", () => {
  let session: Awaited<ReturnType<typeof heldSession>>;
  let anna = 0;
  let bram = 0;
  let carla = 0;

  beforeAll(async () => {
    session = await heldSession([people.anna, people.bram, people.carla]);
    [anna, bram, carla] = session.ids as [number, number, number];
    await mark(
      session.session.id,
      [
        { enrolmentId: anna, attendance: "attended" },
        { enrolmentId: bram, attendance: "no_show" },
      ],
      session.later,
    );
  });

  it("shows the session and a form with the course's learning goals", async () => {
    const result = await load(feedbackRoute.loader, "anna", anna);
    expect(statusOf(result)).toBe(200);
    const page = result.value as FeedbackPage;
    expect(page.session.courseTitle).toBe(session.course.title);
    expect(page.session.when).toMatch(/\d{2}:\d{2}–\d{2}:\d{2} uur$/);
    expect(page.goals.map((goal) => goal.id)).toEqual(session.goals);
    expect(page.refusal).toBeNull();
  });

  it.each(["0", "6"])(
    "refuses a rating of %s with the message next to the field, and keeps the input",
    async (rating) => {
      const result = await post("anna", anna, {
        rating,
        learningGoalIds: String(session.goals[0]),
        comment: "Goede sessie.",
      });
      expect(statusOf(result)).toBe(400);
      const reply = replyOf(result);
      expect(reply.error?.rating).toEqual([ratingOutOfRange(Number(rating))]);
      expect(reply.initialValue).toMatchObject({ rating, comment: "Goede sessie." });
      expect(feedbackRows(anna)).toEqual([]);
    },
  );

  it("asks for a rating when none is chosen, and refuses a goal of another course next to it", async () => {
    const result = await post("anna", anna, { learningGoalIds: String(session.otherGoal) });
    expect(statusOf(result)).toBe(400);
    const reply = replyOf(result);
    expect(reply.error?.rating).toEqual([
      "Kies een beoordeling van 1 (slecht) tot en met 5 (uitstekend).",
    ]);
    expect(reply.error?.learningGoalIds).toEqual(["Kies alleen leerdoelen van deze opleiding."]);
  });

  it("refuses a comment over 2 000 characters next to the field", async () => {
    const result = await post("anna", anna, { rating: "4", comment: "x".repeat(2001) });
    expect(statusOf(result)).toBe(400);
    expect(replyOf(result).error?.comment).toEqual([
      "Een opmerking is hoogstens 2.000 tekens; deze telt er 2.001.",
    ]);
  });

  it("stores good feedback and goes back to Mijn inschrijvingen with thanks", async () => {
    const params = new URLSearchParams();
    const result = await settle(() => {
      params.append("rating", "5");
      for (const goal of session.goals) params.append("learningGoalIds", String(goal));
      params.append("comment", "Heel nuttig.\r\nVooral de oefening.");
      return feedbackRoute.action({
        request: new Request(`http://localhost:3000/mijn-inschrijvingen/${anna}/feedback`, {
          method: "POST",
          headers: {
            Cookie: people.anna.cookie,
            Origin: "http://localhost:3000",
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: params,
        }),
        params: { id: String(anna) },
        context: testContext,
      });
    });
    expect(statusOf(result)).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/mijn-inschrijvingen");
    expect(flashOf(result.response)).toEqual({
      kind: "success",
      message: "Dank voor uw feedback.",
    });
    const [row] = feedbackRows(anna);
    expect(row).toMatchObject({ rating: 5, comment: "Heel nuttig.\nVooral de oefening." });
    expect(
      getDb()
        .select()
        .from(feedbackLearningGoals)
        .where(eq(feedbackLearningGoals.feedbackId, row!.id))
        .all(),
    ).toHaveLength(2);
  });

  it("after that explains feedback is given once, shows it, and refuses a second (400)", async () => {
    const page = (await load(feedbackRoute.loader, "anna", anna)).value as FeedbackPage;
    expect(page.refusal).toEqual({
      code: "already_given",
      message: feedbackRefusalMessages.already_given,
    });
    expect(page.given).toMatchObject({ rating: 5, ratingLabel: "uitstekend" });
    const result = await post("anna", anna, { rating: "3" });
    expect(statusOf(result)).toBe(400);
    expect(replyOf(result).error?.[""]).toEqual([feedbackRefusalMessages.already_given]);
    expect(feedbackRows(anna)).toHaveLength(1);
    expect(feedbackRows(anna)[0]!.rating).toBe(5);
  });

  it("explains to a no-show and to someone not yet registered why there is no form, and refuses their post", async () => {
    for (const [who, id, code] of [
      ["bram", bram, "no_show"],
      ["carla", carla, "not_registered"],
    ] as const) {
      const page = (await load(feedbackRoute.loader, who, id)).value as FeedbackPage;
      expect(page.refusal?.code).toBe(code);
      expect(page.given).toBeNull();
      const result = await post(who, id, { rating: "4" });
      expect(statusOf(result)).toBe(400);
      expect(replyOf(result).error?.[""]).toEqual([feedbackRefusalMessages[code]]);
      expect(feedbackRows(id)).toEqual([]);
    }
  });

  it("is a 404 for another member's enrolment and for ids that do not exist", async () => {
    for (const id of [anna, bram, "999999", "abc", "0"]) {
      expect(statusOf(await load(feedbackRoute.loader, "daan", id)), String(id)).toBe(404);
      expect(statusOf(await post("daan", id, { rating: "4" })), String(id)).toBe(404);
    }
    expect(feedbackRows(bram)).toEqual([]);
  });

  it("Mijn inschrijvingen offers feedback for an attended session and says when it was given", async () => {
    const other = await heldSession([people.anna]);
    await mark(
      other.session.id,
      [{ enrolmentId: other.ids[0]!, attendance: "attended" }],
      other.later,
    );
    const data = (await load(myRoute.loader, "anna", "", "/mijn-inschrijvingen")).value as MyPage;
    // The test's sessions were registered with a clock ahead of time, so they may still count as upcoming.
    const byId = new Map([...data.upcoming, ...data.past].map((row) => [row.id, row]));
    expect(byId.get(anna)?.feedback).toBe("given");
    expect(byId.get(other.ids[0]!)?.feedback).toBe("open");
    const bramData = (await load(myRoute.loader, "bram", "", "/mijn-inschrijvingen"))
      .value as MyPage;
    const bramRow = [...bramData.upcoming, ...bramData.past].find((row) => row.id === bram);
    expect(bramRow).toBeDefined();
    expect(bramRow?.feedback).toBeNull();
  });
});
