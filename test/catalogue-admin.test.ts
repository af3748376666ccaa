// Maintaining the catalogue through the routes' loaders and actions: who may, what is stored and
// logged, and that bad input is refused beside the right field with nothing written.
import { count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import {
  auditLog,
  courseLearningGoals,
  courses,
  courseSessions,
  courseTargetRoles,
  learningGoals,
} from "#db/schema.ts";
import type { AppRole } from "#app/domain/roles.ts";
import * as newCourseRoute from "#app/routes/catalogus.nieuw.tsx";
import * as editCourseRoute from "#app/routes/catalogus.$slug_.bewerken.tsx";
import * as newSessionRoute from "#app/routes/catalogus.$slug_.sessies.nieuw.tsx";
import * as editSessionRoute from "#app/routes/sessies.$id_.bewerken.tsx";
import * as cancelSessionRoute from "#app/routes/sessies.$id_.annuleren.tsx";
import {
  APP,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
  type RouteFn,
} from "#test/factories.ts";

const cookies = new Map<AppRole, { id: number; cookie: string }>();
let goalIds: number[] = [];

beforeAll(async () => {
  const db = getDb();
  goalIds = db
    .insert(learningGoals)
    .values([
      {
        slug: "opgave-afbakenen",
        title: "Een opgave afbakenen",
        description: "Scope en opdracht.",
        sortOrder: 1,
      },
      {
        slug: "actoren-in-kaart",
        title: "Actoren in kaart brengen",
        description: "Wie doet mee.",
        sortOrder: 2,
      },
      {
        slug: "opgaveplan",
        title: "Een opgaveplan schrijven",
        description: "Het plan.",
        sortOrder: 3,
      },
    ])
    .returning({ id: learningGoals.id })
    .all()
    .map((row) => row.id);
  for (const role of ["member", "coordinator", "hr", "admin"] as const) {
    const user = await createUser({ appRole: role });
    cookies.set(role, { id: user.id, cookie: sessionCookieFor(user.id) });
  }
});

function as(role: AppRole) {
  return cookies.get(role)!;
}

/** A form post as the browser sends it; repeated names for checkbox groups. */
function postRequest(path: string, cookie: string | undefined, form: [string, string][]): Request {
  const headers = new Headers({ Origin: APP, "Content-Type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(new URL(path, APP), {
    method: "POST",
    headers,
    body: new URLSearchParams(form),
  });
}

function getRequest(path: string, cookie: string | undefined): Request {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  return new Request(new URL(path, APP), { headers });
}

function runAction(
  fn: RouteFn,
  path: string,
  params: Record<string, string>,
  role: AppRole | null,
  form: [string, string][],
) {
  const cookie = role ? as(role).cookie : undefined;
  return settle(() =>
    fn({ request: postRequest(path, cookie, form), params, context: testContext }),
  );
}

function runLoader(
  fn: RouteFn,
  path: string,
  params: Record<string, string>,
  role: AppRole | null,
) {
  const cookie = role ? as(role).cookie : undefined;
  return settle(() => fn({ request: getRequest(path, cookie), params, context: testContext }));
}

/** The field errors in a 400 reply, from a bare submission reply or one wrapped with an intent. */
function errorsOf(result: { value: unknown }): Record<string, string[] | null> {
  const payload = (result.value as { data?: { error?: unknown; result?: { error?: unknown } } })
    .data;
  const error = payload?.result?.error ?? payload?.error;
  return (error ?? {}) as Record<string, string[] | null>;
}

function initialValueOf(result: { value: unknown }): Record<string, unknown> {
  return ((result.value as { data?: { initialValue?: Record<string, unknown> } }).data
    ?.initialValue ?? {}) as Record<string, unknown>;
}

function location(result: { response: Response | null }): string {
  return result.response?.headers.get("Location") ?? "";
}

function rowCounts() {
  const db = getDb();
  return {
    courses: db.select({ n: count() }).from(courses).get()!.n,
    sessions: db.select({ n: count() }).from(courseSessions).get()!.n,
    audit: db.select({ n: count() }).from(auditLog).get()!.n,
  };
}

function lastAudit(action: string) {
  const row = getDb()
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .orderBy(desc(auditLog.id))
    .get();
  expect(row, `an audit row for ${action}`).toBeDefined();
  return {
    ...row!,
    details: JSON.parse(row!.details ?? "null") as Record<string, Record<string, unknown>>,
  };
}

function courseForm(overrides: Record<string, string | string[] | null> = {}): [string, string][] {
  const values: Record<string, string | string[] | null> = {
    title: "Opgavegericht werken in de praktijk",
    kind: "in_house",
    summary: "Twee dagdelen over het werken aan opgaven met collega’s uit alle afdelingen.",
    body: "## Programma\n\n- Ochtend: de opgave\n- Middag: het team",
    provider: "Bureau Opgave",
    costPerParticipant: "1.250,50",
    durationHours: "7,5",
    targetRoles: ["employee", "opgave_director"],
    learningGoalIds: [String(goalIds[0]), String(goalIds[1])],
    published: "on",
    ...overrides,
  };
  return Object.entries(values).flatMap(([name, value]) =>
    value === null ? [] : [value].flat().map((v) => [name, v] as [string, string]),
  );
}

function sessionForm(overrides: Record<string, string | null> = {}): [string, string][] {
  const values: Record<string, string | null> = {
    startsAt: "2030-03-12T09:30",
    endsAt: "2030-03-12T12:00",
    location: "Raadhuis Huizen, zaal 2",
    onlineUrl: "",
    capacity: "12",
    enrolmentDeadline: "2030-03-05T17:00",
    sessionCost: "450",
    ...overrides,
  };
  return Object.entries(values).flatMap(([name, value]) =>
    value === null ? [] : [[name, value] as [string, string]],
  );
}

async function createCourseAs(
  role: AppRole,
  overrides: Record<string, string | string[] | null> = {},
) {
  const result = await runAction(
    newCourseRoute.action as RouteFn,
    "/catalogus/nieuw",
    {},
    role,
    courseForm(overrides),
  );
  expect(statusOf(result), JSON.stringify(errorsOf(result))).toBe(302);
  const slug = location(result).replace("/catalogus/", "");
  return {
    result,
    slug,
    course: getDb().select().from(courses).where(eq(courses.slug, slug)).get()!,
  };
}

async function createSessionAs(
  role: AppRole,
  slug: string,
  overrides: Record<string, string | null> = {},
) {
  const result = await runAction(
    newSessionRoute.action as RouteFn,
    `/catalogus/${slug}/sessies/nieuw`,
    { slug },
    role,
    sessionForm(overrides),
  );
  expect(statusOf(result), JSON.stringify(errorsOf(result))).toBe(302);
  const session = getDb().select().from(courseSessions).orderBy(desc(courseSessions.id)).get()!;
  return { result, session };
}

describe("creating a course", () => {
  it.each(["coordinator", "hr"] as const)(
    "works for %s, with the slug from the title and an audit row",
    async (role) => {
      const title = `Samenwerken aan opgaven & ideeën (${role})`;
      const { result, slug, course } = await createCourseAs(role, { title });
      expect(slug).toBe(`samenwerken-aan-opgaven-en-ideeen-${role}`);
      expect(location(result)).toBe(`/catalogus/${slug}`);
      expect(result.response?.headers.get("Set-Cookie")).toContain("gilde_melding=");
      expect(course).toMatchObject({
        title,
        kind: "in_house",
        provider: "Bureau Opgave",
        costPerParticipantCents: 125050,
        durationHours: 7.5,
        published: true,
        body: "## Programma\n\n- Ochtend: de opgave\n- Middag: het team",
      });
      const roles = getDb()
        .select()
        .from(courseTargetRoles)
        .where(eq(courseTargetRoles.courseId, course.id))
        .all();
      expect(roles.map((r) => r.ogwRole).sort()).toEqual(["employee", "opgave_director"]);
      const goals = getDb()
        .select()
        .from(courseLearningGoals)
        .where(eq(courseLearningGoals.courseId, course.id))
        .all();
      expect(goals.map((g) => g.learningGoalId).sort()).toEqual([goalIds[0], goalIds[1]].sort());

      const audit = lastAudit("course_created");
      expect(audit).toMatchObject({
        actorId: as(role).id,
        objectType: "course",
        objectId: String(course.id),
        result: "success",
        origin: testContext.clientAddress,
      });
      expect(audit.details.after).toMatchObject({
        slug,
        title,
        kind: "in_house",
        costPerParticipantCents: 125050,
        durationHours: 7.5,
        targetRoles: ["employee", "opgave_director"],
        learningGoalIds: [goalIds[0], goalIds[1]],
        published: true,
      });
    },
  );

  it("gives a second course with the same title its own slug ending in -2", async () => {
    const title = "Dubbele titel voor een kennissessie";
    const first = await createCourseAs("coordinator", {
      title,
      kind: "knowledge_session",
      published: null,
    });
    const second = await createCourseAs("coordinator", { title, kind: "knowledge_session" });
    expect(first.slug).toBe("dubbele-titel-voor-een-kennissessie");
    expect(second.slug).toBe("dubbele-titel-voor-een-kennissessie-2");
    expect(first.course.published).toBe(false);
  });

  it("never takes a slug that is a page of its own (/catalogus/nieuw)", async () => {
    const { slug } = await createCourseAs("coordinator", { title: "Nieuw!" });
    expect(slug).toBe("nieuw-2");
  });

  it("accepts every Dutch way of writing an amount", async () => {
    for (const [input, cents] of [
      ["€ 1.250", 125000],
      ["1250", 125000],
      ["12,5", 1250],
      ["0", 0],
    ] as const) {
      const { course } = await createCourseAs("hr", {
        title: `Bedrag ${input}`,
        costPerParticipant: input,
      });
      expect(course.costPerParticipantCents, input).toBe(cents);
    }
  });
});

describe("editing and publishing a course", () => {
  it("keeps the slug when the title changes and logs only what changed", async () => {
    const { slug, course } = await createCourseAs("coordinator", {
      title: "Titel die gaat veranderen",
    });
    const path = `/catalogus/${slug}/bewerken`;

    const page = await runLoader(editCourseRoute.loader as RouteFn, path, { slug }, "coordinator");
    expect(statusOf(page)).toBe(200);
    const defaults = (page.value as { defaultValue: Record<string, unknown> }).defaultValue;
    expect(defaults).toMatchObject({
      costPerParticipant: "1.250,50",
      durationHours: "7,5",
      title: "Titel die gaat veranderen",
    });

    const result = await runAction(editCourseRoute.action as RouteFn, path, { slug }, "hr", [
      ["intent", "save"],
      ...courseForm({
        title: "Een betere titel",
        costPerParticipant: "99",
        learningGoalIds: [String(goalIds[2]), String(goalIds[0])],
        published: null,
      }),
    ]);
    expect(statusOf(result), JSON.stringify(errorsOf(result))).toBe(302);
    expect(location(result)).toBe(`/catalogus/${slug}`);

    const after = getDb().select().from(courses).where(eq(courses.id, course.id)).get()!;
    expect(after).toMatchObject({
      slug,
      title: "Een betere titel",
      costPerParticipantCents: 9900,
      published: true,
    });
    const audit = lastAudit("course_updated");
    expect(audit).toMatchObject({
      actorId: as("hr").id,
      objectId: String(course.id),
      result: "success",
      origin: testContext.clientAddress,
    });
    expect(audit.details).toEqual({
      before: {
        title: "Titel die gaat veranderen",
        costPerParticipantCents: 125050,
        learningGoalIds: [goalIds[0], goalIds[1]].sort((a, b) => a! - b!),
      },
      after: {
        title: "Een betere titel",
        costPerParticipantCents: 9900,
        learningGoalIds: [goalIds[0], goalIds[2]].sort((a, b) => a! - b!),
      },
    });
  });

  it("writes nothing when the form is saved unchanged", async () => {
    const { slug } = await createCourseAs("coordinator", { title: "Ongewijzigd opslaan" });
    const before = rowCounts();
    const result = await runAction(
      editCourseRoute.action as RouteFn,
      `/catalogus/${slug}/bewerken`,
      { slug },
      "coordinator",
      [
        ["intent", "save"],
        // The same roles in another order are the same set.
        ...courseForm({
          title: "Ongewijzigd opslaan",
          targetRoles: ["opgave_director", "employee"],
        }),
      ],
    );
    expect(statusOf(result)).toBe(302);
    expect(rowCounts()).toEqual(before);
  });

  it("publishes and withdraws, each with its own audit row", async () => {
    const { slug, course } = await createCourseAs("coordinator", {
      title: "Concept om te publiceren",
      published: null,
    });
    const path = `/catalogus/${slug}/bewerken`;
    const publish = await runAction(
      editCourseRoute.action as RouteFn,
      path,
      { slug },
      "coordinator",
      [["intent", "publish"]],
    );
    expect(statusOf(publish)).toBe(302);
    expect(getDb().select().from(courses).where(eq(courses.id, course.id)).get()!.published).toBe(
      true,
    );
    expect(lastAudit("course_published")).toMatchObject({
      actorId: as("coordinator").id,
      objectId: String(course.id),
      result: "success",
      origin: testContext.clientAddress,
    });

    const unpublish = await runAction(editCourseRoute.action as RouteFn, path, { slug }, "hr", [
      ["intent", "unpublish"],
    ]);
    expect(statusOf(unpublish)).toBe(302);
    expect(getDb().select().from(courses).where(eq(courses.id, course.id)).get()!.published).toBe(
      false,
    );
    expect(lastAudit("course_unpublished")).toMatchObject({
      actorId: as("hr").id,
      objectId: String(course.id),
    });
  });

  it("answers 404 for an unknown course, on the page and on a post", async () => {
    const params = { slug: "bestaat-echt-niet" };
    const path = "/catalogus/bestaat-echt-niet/bewerken";
    expect(
      statusOf(await runLoader(editCourseRoute.loader as RouteFn, path, params, "coordinator")),
    ).toBe(404);
    expect(
      statusOf(
        await runAction(editCourseRoute.action as RouteFn, path, params, "coordinator", [
          ["intent", "publish"],
        ]),
      ),
    ).toBe(404);
  });

  it("refuses an unknown intent", async () => {
    const { slug } = await createCourseAs("coordinator", { title: "Onbekende handeling" });
    const before = rowCounts();
    const result = await runAction(
      editCourseRoute.action as RouteFn,
      `/catalogus/${slug}/bewerken`,
      { slug },
      "coordinator",
      [["intent", "verwijderen"]],
    );
    expect(statusOf(result)).toBe(400);
    expect(rowCounts()).toEqual(before);
  });
});

describe("sessions", () => {
  it("adds a session in Amsterdam time, edits it and cancels it with a reason", async () => {
    const { slug, course } = await createCourseAs("coordinator", { title: "Cursus met sessies" });
    const { result, session } = await createSessionAs("coordinator", slug);
    expect(location(result)).toBe(`/catalogus/${slug}`);
    expect(session).toMatchObject({
      courseId: course.id,
      // 09:30 in Amsterdam in March (winter time, UTC+1).
      startsAt: "2030-03-12T08:30:00.000Z",
      endsAt: "2030-03-12T11:00:00.000Z",
      enrolmentDeadline: "2030-03-05T16:00:00.000Z",
      location: "Raadhuis Huizen, zaal 2",
      onlineUrl: null,
      capacity: 12,
      sessionCostCents: 45000,
      status: "planned",
    });
    const created = lastAudit("session_created");
    expect(created).toMatchObject({
      actorId: as("coordinator").id,
      objectType: "session",
      objectId: String(session.id),
      result: "success",
      origin: testContext.clientAddress,
    });
    expect(created.details.after).toMatchObject({
      courseId: course.id,
      startsAt: "2030-03-12T08:30:00.000Z",
      capacity: 12,
    });

    const editPath = `/sessies/${session.id}/bewerken`;
    const params = { id: String(session.id) };
    const page = await runLoader(editSessionRoute.loader as RouteFn, editPath, params, "hr");
    expect((page.value as { defaultValue: Record<string, string> }).defaultValue).toMatchObject({
      startsAt: "2030-03-12T09:30",
      enrolmentDeadline: "2030-03-05T17:00",
      sessionCost: "450",
      capacity: "12",
    });

    const edit = await runAction(
      editSessionRoute.action as RouteFn,
      editPath,
      params,
      "hr",
      // Summer time in June: 14:00 in Amsterdam is 12:00 UTC.
      sessionForm({
        startsAt: "2030-06-12T14:00",
        endsAt: "2030-06-12T16:00",
        enrolmentDeadline: "2030-06-01T12:00",
        location: "",
        onlineUrl: "https://teams.microsoft.com/l/meetup-join/abc",
        capacity: "20",
      }),
    );
    expect(statusOf(edit), JSON.stringify(errorsOf(edit))).toBe(302);
    const edited = getDb()
      .select()
      .from(courseSessions)
      .where(eq(courseSessions.id, session.id))
      .get()!;
    expect(edited).toMatchObject({
      startsAt: "2030-06-12T12:00:00.000Z",
      location: null,
      onlineUrl: "https://teams.microsoft.com/l/meetup-join/abc",
      capacity: 20,
    });
    const updated = lastAudit("session_updated");
    expect(updated).toMatchObject({
      actorId: as("hr").id,
      objectId: String(session.id),
      origin: testContext.clientAddress,
    });
    expect(updated.details.before).toEqual({
      startsAt: "2030-03-12T08:30:00.000Z",
      endsAt: "2030-03-12T11:00:00.000Z",
      location: "Raadhuis Huizen, zaal 2",
      onlineUrl: null,
      capacity: 12,
      enrolmentDeadline: "2030-03-05T16:00:00.000Z",
    });
    expect(updated.details.after).toMatchObject({ capacity: 20, location: null });
    expect(updated.details.after).not.toHaveProperty("sessionCostCents");

    const cancelPath = `/sessies/${session.id}/annuleren`;
    const confirm = await runLoader(
      cancelSessionRoute.loader as RouteFn,
      cancelPath,
      params,
      "coordinator",
    );
    expect(statusOf(confirm)).toBe(200);
    expect(confirm.value).toMatchObject({ course: { title: "Cursus met sessies" }, problem: null });

    const cancel = await runAction(
      cancelSessionRoute.action as RouteFn,
      cancelPath,
      params,
      "coordinator",
      [["reason", "De trainer is ziek\r\ngeworden."]],
    );
    expect(statusOf(cancel), JSON.stringify(errorsOf(cancel))).toBe(302);
    expect(location(cancel)).toBe(`/catalogus/${slug}`);
    const cancelled = getDb()
      .select()
      .from(courseSessions)
      .where(eq(courseSessions.id, session.id))
      .get()!;
    // Still there, marked cancelled, with the reason.
    expect(cancelled).toMatchObject({
      status: "cancelled",
      cancelReason: "De trainer is ziek\ngeworden.",
    });
    const audit = lastAudit("session_cancelled");
    expect(audit).toMatchObject({
      actorId: as("coordinator").id,
      objectType: "session",
      objectId: String(session.id),
      result: "success",
      origin: testContext.clientAddress,
    });
    expect(audit.details.reason).toBe("De trainer is ziek\ngeworden.");

    // A cancelled session can be neither edited nor cancelled again.
    const before = rowCounts();
    const editAgain = await runAction(
      editSessionRoute.action as RouteFn,
      editPath,
      params,
      "coordinator",
      sessionForm(),
    );
    expect(statusOf(editAgain)).toBe(400);
    expect(JSON.stringify(editAgain.value)).toContain(
      "Deze sessie is geannuleerd en kan niet meer worden gewijzigd.",
    );
    const cancelAgain = await runAction(
      cancelSessionRoute.action as RouteFn,
      cancelPath,
      params,
      "coordinator",
      [["reason", "Nog een keer annuleren"]],
    );
    expect(statusOf(cancelAgain)).toBe(400);
    expect(JSON.stringify(cancelAgain.value)).toContain("Deze sessie is al geannuleerd.");
    expect(rowCounts()).toEqual(before);
    const pageAfter = await runLoader(
      editSessionRoute.loader as RouteFn,
      editPath,
      params,
      "coordinator",
    );
    expect((pageAfter.value as { problem: string | null }).problem).toContain("geannuleerd");
  });

  it("refuses to edit a session that has been held", async () => {
    const { slug } = await createCourseAs("coordinator", { title: "Cursus die al geweest is" });
    const { session } = await createSessionAs("coordinator", slug);
    getDb()
      .update(courseSessions)
      .set({ status: "held" })
      .where(eq(courseSessions.id, session.id))
      .run();
    const before = rowCounts();
    const result = await runAction(
      editSessionRoute.action as RouteFn,
      `/sessies/${session.id}/bewerken`,
      { id: String(session.id) },
      "coordinator",
      sessionForm({ capacity: "30" }),
    );
    expect(statusOf(result)).toBe(400);
    expect(JSON.stringify(result.value)).toContain("heeft al plaatsgevonden");
    expect(rowCounts()).toEqual(before);
  });

  it("answers 404 for an unknown session or course", async () => {
    for (const [fn, path, params] of [
      [editSessionRoute.loader, "/sessies/999999/bewerken", { id: "999999" }],
      [editSessionRoute.loader, "/sessies/abc/bewerken", { id: "abc" }],
      [cancelSessionRoute.loader, "/sessies/999999/annuleren", { id: "999999" }],
      [newSessionRoute.loader, "/catalogus/onbekend/sessies/nieuw", { slug: "onbekend" }],
    ] as const) {
      expect(statusOf(await runLoader(fn as RouteFn, path, params, "admin")), path).toBe(404);
    }
  });
});

describe("bad input is refused beside the field, and nothing is written", () => {
  let slug = "";
  let sessionId = 0;
  beforeAll(async () => {
    slug = (await createCourseAs("coordinator", { title: "Cursus voor foute invoer" })).slug;
    sessionId = (await createSessionAs("coordinator", slug)).session.id;
  });

  type Case = {
    name: string;
    run: () => ReturnType<typeof runAction>;
    field: string;
    message: string;
  };

  const cases: Case[] = [
    {
      name: "a course without a title",
      run: () =>
        runAction(
          newCourseRoute.action as RouteFn,
          "/catalogus/nieuw",
          {},
          "coordinator",
          courseForm({ title: "" }),
        ),
      field: "title",
      message: "Vul een titel in.",
    },
    {
      name: "a course title of two letters",
      run: () =>
        runAction(
          newCourseRoute.action as RouteFn,
          "/catalogus/nieuw",
          {},
          "coordinator",
          courseForm({ title: "AB" }),
        ),
      field: "title",
      message: "Een titel is minstens 3 tekens.",
    },
    {
      name: "a price of “twaalf euro”",
      run: () =>
        runAction(
          newCourseRoute.action as RouteFn,
          "/catalogus/nieuw",
          {},
          "coordinator",
          courseForm({ costPerParticipant: "twaalf euro" }),
        ),
      field: "costPerParticipant",
      message: "Vul een bedrag in euro's in, bijvoorbeeld 1.250,50",
    },
    {
      name: "a course without target roles",
      run: () =>
        runAction(
          newCourseRoute.action as RouteFn,
          "/catalogus/nieuw",
          {},
          "coordinator",
          courseForm({ targetRoles: null }),
        ),
      field: "targetRoles",
      message: "Kies minstens één OGW-rol.",
    },
    {
      name: "a course without learning goals",
      run: () =>
        runAction(
          newCourseRoute.action as RouteFn,
          "/catalogus/nieuw",
          {},
          "coordinator",
          courseForm({ learningGoalIds: null }),
        ),
      field: "learningGoalIds",
      message: "Kies minstens één leerdoel.",
    },
    {
      name: "a learning goal that does not exist",
      run: () =>
        runAction(
          newCourseRoute.action as RouteFn,
          "/catalogus/nieuw",
          {},
          "coordinator",
          courseForm({ learningGoalIds: ["999999"] }),
        ),
      field: "learningGoalIds",
      message: "Kies leerdoelen uit de lijst.",
    },
    {
      name: "a duration of 0 hours",
      run: () =>
        runAction(
          newCourseRoute.action as RouteFn,
          "/catalogus/nieuw",
          {},
          "coordinator",
          courseForm({ durationHours: "0" }),
        ),
      field: "durationHours",
      message: "De duur moet meer dan 0 uur zijn.",
    },
    {
      name: "an edit that empties the title",
      run: () =>
        runAction(
          editCourseRoute.action as RouteFn,
          `/catalogus/${slug}/bewerken`,
          { slug },
          "coordinator",
          [["intent", "save"], ...courseForm({ title: "" })],
        ),
      field: "title",
      message: "Vul een titel in.",
    },
    {
      name: "a session that ends before it starts",
      run: () =>
        runAction(
          newSessionRoute.action as RouteFn,
          `/catalogus/${slug}/sessies/nieuw`,
          { slug },
          "coordinator",
          sessionForm({ endsAt: "2030-03-12T09:00" }),
        ),
      field: "endsAt",
      message: "Het einde moet na het begin liggen.",
    },
    {
      name: "a capacity of 0",
      run: () =>
        runAction(
          newSessionRoute.action as RouteFn,
          `/catalogus/${slug}/sessies/nieuw`,
          { slug },
          "coordinator",
          sessionForm({ capacity: "0" }),
        ),
      field: "capacity",
      message: "Het aantal plaatsen is minstens 1.",
    },
    {
      name: "an enrolment deadline after the start",
      run: () =>
        runAction(
          newSessionRoute.action as RouteFn,
          `/catalogus/${slug}/sessies/nieuw`,
          { slug },
          "coordinator",
          sessionForm({ enrolmentDeadline: "2030-03-12T10:00" }),
        ),
      field: "enrolmentDeadline",
      message: "De inschrijfdeadline mag niet na het begin van de sessie liggen.",
    },
    {
      name: "a session cost of “twaalf euro”",
      run: () =>
        runAction(
          newSessionRoute.action as RouteFn,
          `/catalogus/${slug}/sessies/nieuw`,
          { slug },
          "coordinator",
          sessionForm({ sessionCost: "twaalf euro" }),
        ),
      field: "sessionCost",
      message: "Vul een bedrag in euro's in",
    },
    {
      name: "a start that is not a date",
      run: () =>
        runAction(
          newSessionRoute.action as RouteFn,
          `/catalogus/${slug}/sessies/nieuw`,
          { slug },
          "coordinator",
          sessionForm({ startsAt: "morgen om negen" }),
        ),
      field: "startsAt",
      message: "Vul een geldige datum en tijd in",
    },
    {
      name: "a session without location or link",
      run: () =>
        runAction(
          newSessionRoute.action as RouteFn,
          `/catalogus/${slug}/sessies/nieuw`,
          { slug },
          "coordinator",
          sessionForm({ location: "" }),
        ),
      field: "location",
      message: "Vul een locatie of een onlinelink in (of allebei).",
    },
    {
      name: "an online link over plain http",
      run: () =>
        runAction(
          newSessionRoute.action as RouteFn,
          `/catalogus/${slug}/sessies/nieuw`,
          { slug },
          "coordinator",
          sessionForm({ onlineUrl: "http://teams.example.nl/sessie" }),
        ),
      field: "onlineUrl",
      message: "begint met https://",
    },
    {
      name: "an edit that moves the end before the start",
      run: () =>
        runAction(
          editSessionRoute.action as RouteFn,
          `/sessies/${sessionId}/bewerken`,
          { id: String(sessionId) },
          "coordinator",
          sessionForm({ endsAt: "2030-03-11T12:00" }),
        ),
      field: "endsAt",
      message: "Het einde moet na het begin liggen.",
    },
    {
      name: "an edit with a capacity of 0",
      run: () =>
        runAction(
          editSessionRoute.action as RouteFn,
          `/sessies/${sessionId}/bewerken`,
          { id: String(sessionId) },
          "coordinator",
          sessionForm({ capacity: "0" }),
        ),
      field: "capacity",
      message: "Het aantal plaatsen is minstens 1.",
    },
    {
      name: "a cancellation without a reason",
      run: () =>
        runAction(
          cancelSessionRoute.action as RouteFn,
          `/sessies/${sessionId}/annuleren`,
          { id: String(sessionId) },
          "coordinator",
          [["reason", ""]],
        ),
      field: "reason",
      message: "Vul de reden van de annulering in.",
    },
    {
      name: "a cancellation reason of four letters",
      run: () =>
        runAction(
          cancelSessionRoute.action as RouteFn,
          `/sessies/${sessionId}/annuleren`,
          { id: String(sessionId) },
          "coordinator",
          [["reason", " ziek "]],
        ),
      field: "reason",
      message: "Een reden is minstens 5 tekens.",
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, testCase) => {
    const before = rowCounts();
    const sessionBefore = getDb()
      .select()
      .from(courseSessions)
      .where(eq(courseSessions.id, sessionId))
      .get();
    const result = await testCase.run();
    expect(statusOf(result)).toBe(400);
    const errors = errorsOf(result);
    expect(errors[testCase.field]?.join(" "), JSON.stringify(errors)).toContain(testCase.message);
    expect(rowCounts()).toEqual(before);
    expect(
      getDb().select().from(courseSessions).where(eq(courseSessions.id, sessionId)).get(),
    ).toEqual(sessionBefore);
  });

  it("keeps what was typed, so the form comes back filled in", async () => {
    const result = await runAction(
      newCourseRoute.action as RouteFn,
      "/catalogus/nieuw",
      {},
      "coordinator",
      courseForm({ costPerParticipant: "twaalf euro", title: "Mijn getypte titel" }),
    );
    expect(statusOf(result)).toBe(400);
    expect(initialValueOf(result)).toMatchObject({
      title: "Mijn getypte titel",
      costPerParticipant: "twaalf euro",
      targetRoles: ["employee", "opgave_director"],
    });
  });
});

describe("who may maintain the catalogue", () => {
  let slug = "";
  let sessionId = 0;
  beforeAll(async () => {
    slug = (await createCourseAs("coordinator", { title: "Cursus voor de toegangstoets" })).slug;
    sessionId = (await createSessionAs("coordinator", slug)).session.id;
  });

  type Target = {
    name: string;
    fn: RouteFn;
    kind: "loader" | "action";
    path: () => string;
    params: () => Record<string, string>;
    form: () => [string, string][];
  };
  const targets: Target[] = [
    {
      name: "nieuwe opleiding (pagina)",
      fn: newCourseRoute.loader as RouteFn,
      kind: "loader",
      path: () => "/catalogus/nieuw",
      params: () => ({}),
      form: () => [],
    },
    {
      name: "nieuwe opleiding (opslaan)",
      fn: newCourseRoute.action as RouteFn,
      kind: "action",
      path: () => "/catalogus/nieuw",
      params: () => ({}),
      form: () => courseForm(),
    },
    {
      name: "opleiding bewerken (pagina)",
      fn: editCourseRoute.loader as RouteFn,
      kind: "loader",
      path: () => `/catalogus/${slug}/bewerken`,
      params: () => ({ slug }),
      form: () => [],
    },
    ...(["save", "publish", "unpublish"] as const).map((intent): Target => ({
      name: `opleiding bewerken (${intent})`,
      fn: editCourseRoute.action as RouteFn,
      kind: "action",
      path: () => `/catalogus/${slug}/bewerken`,
      params: () => ({ slug }),
      form: () => [
        ["intent", intent],
        ...(intent === "save" ? courseForm({ title: "Overgenomen titel" }) : []),
      ],
    })),
    {
      name: "sessie toevoegen (pagina)",
      fn: newSessionRoute.loader as RouteFn,
      kind: "loader",
      path: () => `/catalogus/${slug}/sessies/nieuw`,
      params: () => ({ slug }),
      form: () => [],
    },
    {
      name: "sessie toevoegen (opslaan)",
      fn: newSessionRoute.action as RouteFn,
      kind: "action",
      path: () => `/catalogus/${slug}/sessies/nieuw`,
      params: () => ({ slug }),
      form: () => sessionForm(),
    },
    {
      name: "sessie wijzigen (pagina)",
      fn: editSessionRoute.loader as RouteFn,
      kind: "loader",
      path: () => `/sessies/${sessionId}/bewerken`,
      params: () => ({ id: String(sessionId) }),
      form: () => [],
    },
    {
      name: "sessie wijzigen (opslaan)",
      fn: editSessionRoute.action as RouteFn,
      kind: "action",
      path: () => `/sessies/${sessionId}/bewerken`,
      params: () => ({ id: String(sessionId) }),
      form: () => sessionForm({ capacity: "99" }),
    },
    {
      name: "sessie annuleren (pagina)",
      fn: cancelSessionRoute.loader as RouteFn,
      kind: "loader",
      path: () => `/sessies/${sessionId}/annuleren`,
      params: () => ({ id: String(sessionId) }),
      form: () => [],
    },
    {
      name: "sessie annuleren (bevestigen)",
      fn: cancelSessionRoute.action as RouteFn,
      kind: "action",
      path: () => `/sessies/${sessionId}/annuleren`,
      params: () => ({ id: String(sessionId) }),
      form: () => [["reason", "Een lid probeert te annuleren"]],
    },
  ];

  function run(target: Target, role: AppRole | null) {
    return target.kind === "loader"
      ? runLoader(target.fn, target.path(), target.params(), role)
      : runAction(target.fn, target.path(), target.params(), role, target.form());
  }

  it.each(targets.map((t) => [t.name, t] as const))(
    "a member gets 403 on %s, and nothing changes",
    async (_name, target) => {
      const before = rowCounts();
      const courseBefore = getDb().select().from(courses).where(eq(courses.slug, slug)).get();
      const sessionBefore = getDb()
        .select()
        .from(courseSessions)
        .where(eq(courseSessions.id, sessionId))
        .get();
      const result = await run(target, "member");
      expect(statusOf(result)).toBe(403);
      expect(rowCounts()).toEqual(before);
      expect(getDb().select().from(courses).where(eq(courses.slug, slug)).get()).toEqual(
        courseBefore,
      );
      expect(
        getDb().select().from(courseSessions).where(eq(courseSessions.id, sessionId)).get(),
      ).toEqual(sessionBefore);
    },
  );

  it.each(targets.map((t) => [t.name, t] as const))(
    "an anonymous visitor of %s is sent to /inloggen",
    async (_name, target) => {
      const before = rowCounts();
      const result = await run(target, null);
      expect(statusOf(result)).toBe(302);
      expect(location(result)).toMatch(/^\/inloggen/);
      expect(rowCounts()).toEqual(before);
    },
  );

  it.each(["coordinator", "hr", "admin"] as const)(
    "%s may open every management page",
    async (role) => {
      for (const target of targets.filter((t) => t.kind === "loader")) {
        expect(statusOf(await run(target, role)), target.name).toBe(200);
      }
    },
  );
});
