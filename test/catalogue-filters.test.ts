import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import {
  courseLearningGoals,
  courses,
  courseSessions,
  courseTargetRoles,
  learningGoals,
  type CourseKind,
  type SessionStatus,
} from "#db/schema.ts";
import type { OgwRole } from "#app/domain/roles.ts";
import { utcToAmsterdamLocal } from "#app/domain/time.ts";
import { listCatalogue } from "#app/models/catalogue.server.ts";
import { loader as catalogueLoader } from "#app/routes/catalogus._index.tsx";
import { loader as courseLoader } from "#app/routes/catalogus.$slug.tsx";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
} from "#test/factories.ts";

const DAY = 86_400_000;
const now = Date.now();
/** Noon-ish, whole days from now, so that Amsterdam date boundaries never decide a test. */
const daysFromNow = (days: number) => new Date(now + days * DAY);
const iso = (days: number, hours = 0) =>
  new Date(now + days * DAY + hours * 3_600_000).toISOString();
/** The Amsterdam calendar date, as the form's date inputs send it. */
const dateParam = (days: number) => utcToAmsterdamLocal(daysFromNow(days)).slice(0, 10);

type SessionSpec = {
  days: number;
  status?: SessionStatus;
  capacity?: number;
  cancelReason?: string;
};

function insertCourse(spec: {
  slug: string;
  title: string;
  kind: CourseKind;
  provider?: string;
  summary?: string;
  published?: boolean;
  cost?: number;
  roles: OgwRole[];
  goals: number[];
  sessions: SessionSpec[];
}) {
  const db = getDb();
  const { id } = db
    .insert(courses)
    .values({
      slug: spec.slug,
      title: spec.title,
      kind: spec.kind,
      summary: spec.summary ?? `Samenvatting van ${spec.title}.`,
      provider: spec.provider ?? "Gilde OGW",
      costPerParticipantCents: spec.cost ?? 0,
      durationHours: 2,
      published: spec.published ?? true,
    })
    .returning({ id: courses.id })
    .get();
  if (spec.roles.length)
    db.insert(courseTargetRoles)
      .values(spec.roles.map((ogwRole) => ({ courseId: id, ogwRole })))
      .run();
  if (spec.goals.length) {
    db.insert(courseLearningGoals)
      .values(spec.goals.map((learningGoalId) => ({ courseId: id, learningGoalId })))
      .run();
  }
  const sessionIds: number[] = [];
  for (const session of spec.sessions) {
    const row = db
      .insert(courseSessions)
      .values({
        courseId: id,
        startsAt: iso(session.days),
        endsAt: iso(session.days, 2),
        enrolmentDeadline: iso(session.days - 2),
        location: "Gemeentehuis Huizen",
        capacity: session.capacity ?? 12,
        status: session.status ?? "planned",
        cancelReason: session.cancelReason ?? null,
      })
      .returning({ id: courseSessions.id })
      .get();
    sessionIds.push(row.id);
  }
  return { id, sessionIds };
}

let member = "";
let coordinator = "";
let basis: { id: number; sessionIds: number[] };

beforeAll(async () => {
  const db = getDb();
  const [scope, actors] = db
    .insert(learningGoals)
    .values([
      { slug: "afbakenen", title: "Een opgave afbakenen", description: "Afbakenen.", sortOrder: 1 },
      { slug: "actoren", title: "Actoren in kaart brengen", description: "Actoren.", sortOrder: 2 },
    ])
    .returning({ id: learningGoals.id })
    .all() as [{ id: number }, { id: number }];

  basis = insertCourse({
    slug: "basistraining",
    title: "Basistraining opgaven",
    kind: "in_house",
    roles: ["employee", "line_manager"],
    goals: [scope.id],
    sessions: [
      { days: -10, status: "held" },
      { days: 3, status: "cancelled", cancelReason: "Trainer ziek" },
      { days: 20, capacity: 12 },
      { days: 40 },
    ],
  });
  insertCourse({
    slug: "lunchsessie",
    title: "Lunchsessie: 100% samenwerken",
    kind: "knowledge_session",
    roles: ["opgave_director"],
    goals: [actors.id],
    sessions: [{ days: 60 }],
  });
  insertCourse({
    slug: "leergang",
    title: "Leergang regie",
    kind: "individual",
    provider: "Academie voor Regie",
    cost: 295_000,
    roles: ["opgave_director", "official_principal"],
    goals: [scope.id, actors.id],
    sessions: [{ days: -30, status: "held" }],
  });
  insertCourse({
    slug: "concept",
    title: "Conceptsessie",
    kind: "knowledge_session",
    published: false,
    roles: ["employee"],
    goals: [],
    sessions: [{ days: 10 }],
  });

  member = sessionCookieFor((await createUser({ appRole: "member" })).id);
  coordinator = sessionCookieFor((await createUser({ appRole: "coordinator" })).id);
});

type CatalogueData = Awaited<ReturnType<typeof catalogueLoader>>;

async function catalogue(query: string, cookie = member): Promise<CatalogueData> {
  const result = await settle(() =>
    catalogueLoader({
      request: appRequest(`/catalogus${query}`, { cookie }),
      params: {},
      context: testContext,
    }),
  );
  expect(statusOf(result)).toBe(200);
  return result.value as CatalogueData;
}

const titles = (data: CatalogueData) => data.courses.map((course) => course.title);

describe("the catalogue list", () => {
  it("shows members the published courses, soonest next session first, those without one last", async () => {
    const data = await catalogue("");
    expect(titles(data)).toEqual([
      "Basistraining opgaven",
      "Lunchsessie: 100% samenwerken",
      "Leergang regie",
    ]);
    expect(data.resultCount).toBe("3 activiteiten gevonden");
    expect(data.canManage).toBe(false);
  });

  it("takes the next planned session, skipping past and cancelled ones", async () => {
    const [first, , last] = (await catalogue("")).courses;
    expect(first?.nextSession?.startsAt).toBe(iso(20));
    expect(first?.nextSession?.seats).toBe("Nog 12 plaatsen");
    expect(first?.kind).toBe("In-house opleiding");
    expect(first?.cost).toBe("Gratis");
    expect(last?.nextSession).toBeNull();
    expect(last?.cost).toMatch(/^€\s2\.950,00$/);
  });

  it("shows coordinators the unpublished course as well, marked", async () => {
    const data = await catalogue("", coordinator);
    expect(data.canManage).toBe(true);
    expect(titles(data)).toContain("Conceptsessie");
    expect(data.courses.find((course) => course.title === "Conceptsessie")?.published).toBe(false);
    expect(data.resultCount).toBe("4 activiteiten gevonden");
  });

  it.each([
    ["kind: in-house", "?soort=in_house", ["Basistraining opgaven"]],
    [
      "kind: knowledge session (unpublished one hidden)",
      "?soort=knowledge_session",
      ["Lunchsessie: 100% samenwerken"],
    ],
    ["kind: individual", "?soort=individual", ["Leergang regie"]],
    ["OGW role", "?rol=opgave_director", ["Lunchsessie: 100% samenwerken", "Leergang regie"]],
    ["another OGW role", "?rol=line_manager", ["Basistraining opgaven"]],
    ["a role no course is for", "?rol=political_principal", []],
    ["learning goal", "?leerdoel=actoren", ["Lunchsessie: 100% samenwerken", "Leergang regie"]],
    [
      "period around one session",
      `?van=${dateParam(15)}&tot=${dateParam(25)}`,
      ["Basistraining opgaven"],
    ],
    ["period with only a start", `?van=${dateParam(50)}`, ["Lunchsessie: 100% samenwerken"]],
    ["period with only an end", `?tot=${dateParam(25)}`, ["Basistraining opgaven"]],
    ["period holding only a cancelled session", `?van=${dateParam(2)}&tot=${dateParam(4)}`, []],
    ["period holding only past sessions", `?van=${dateParam(-40)}&tot=${dateParam(-1)}`, []],
    ["text in the title, other case", "?zoek=LEERGANG", ["Leergang regie"]],
    ["text in the provider", "?zoek=academie", ["Leergang regie"]],
    ["text in the summary", "?zoek=samenvatting%20van%20basis", ["Basistraining opgaven"]],
    ["a literal percent sign", "?zoek=100%25", ["Lunchsessie: 100% samenwerken"]],
    ["a lone percent sign is no wildcard", "?zoek=%25", ["Lunchsessie: 100% samenwerken"]],
    ["an underscore is no wildcard", "?zoek=_", []],
    [
      "kind and role together",
      "?soort=knowledge_session&rol=opgave_director",
      ["Lunchsessie: 100% samenwerken"],
    ],
    ["kind and role that exclude each other", "?soort=in_house&rol=opgave_director", []],
    [
      "role, goal and text",
      "?rol=opgave_director&leerdoel=afbakenen&zoek=regie",
      ["Leergang regie"],
    ],
    ["goal and period", `?leerdoel=afbakenen&van=${dateParam(15)}`, ["Basistraining opgaven"]],
  ])("filters on %s", async (_name, query, expected) => {
    const data = await catalogue(query);
    expect(titles(data)).toEqual(expected);
    expect(data.notes).toEqual([]);
    expect(data.filtered).toBe(true);
  });

  it("says when the enrolment for the next session has closed", async () => {
    const { id } = insertCourse({
      slug: "bijna",
      title: "Bijna begonnen",
      kind: "knowledge_session",
      roles: ["employee"],
      goals: [],
      // Starts tomorrow; the helper puts the deadline two days before the start.
      sessions: [{ days: 1 }],
    });
    try {
      const [course] = (await catalogue("?zoek=bijna")).courses;
      expect(course?.nextSession?.deadline).toMatch(/^Gesloten \(was tot .+ uur\)$/);
      const [open] = (await catalogue("?soort=in_house")).courses;
      expect(open?.nextSession?.deadline).toMatch(/^\d{1,2} \w+ \d{4}, \d{2}:\d{2} uur$/);
    } finally {
      // The other cases count on the four courses from beforeAll.
      getDb().delete(courseSessions).where(eq(courseSessions.courseId, id)).run();
      getDb().delete(courses).where(eq(courses.id, id)).run();
    }
  });

  it("shows the first session inside the period as the next one", async () => {
    const [course] = (await catalogue(`?van=${dateParam(30)}`)).courses;
    expect(course?.title).toBe("Basistraining opgaven");
    expect(course?.nextSession?.startsAt).toBe(iso(40));
  });

  it("keeps the accepted values for the form", async () => {
    const data = await catalogue(
      `?soort=in_house&rol=employee&leerdoel=afbakenen&van=${dateParam(1)}&zoek=basis`,
    );
    expect(data.values).toEqual({
      kind: "in_house",
      ogwRole: "employee",
      learningGoal: "afbakenen",
      from: dateParam(1),
      to: "",
      q: "basis",
    });
  });

  it.each([
    ["an unknown kind", "?soort=webinar", /soort „webinar” bestaat niet/],
    ["an unknown role", "?rol=wethouder", /OGW-rol „wethouder” bestaat niet/],
    ["an unknown learning goal", "?leerdoel=bestaat-niet", /leerdoel „bestaat-niet” bestaat niet/],
    ["a date that does not exist", "?van=2026-02-30", /„2026-02-30” is geen geldige datum/],
    ["text instead of a date", "?tot=morgen", /„morgen” is geen geldige datum/],
    [
      "a period that ends before it starts",
      `?van=${dateParam(20)}&tot=${dateParam(10)}`,
      /periode begint na het einde/,
    ],
    ["a very long search text", `?zoek=${"a".repeat(300)}`, /ingekort tot 100 tekens/],
  ])("ignores %s with a visible note instead of failing", async (_name, query, note) => {
    const data = await catalogue(query);
    expect(data.notes).toHaveLength(1);
    expect(data.notes[0]).toMatch(note);
    if (!query.startsWith("?zoek")) {
      expect(titles(data)).toEqual([
        "Basistraining opgaven",
        "Lunchsessie: 100% samenwerken",
        "Leergang regie",
      ]);
    }
  });

  it("applies the valid filters next to an invalid one", async () => {
    const data = await catalogue("?soort=webinar&rol=opgave_director");
    expect(titles(data)).toEqual(["Lunchsessie: 100% samenwerken", "Leergang regie"]);
    expect(data.values.kind).toBe("");
  });

  it("uses a fixed number of queries, however many courses there are", () => {
    const db = getDb();
    let statements = 0;
    const sqlite = (db as unknown as { $client: { prepare: (sql: string) => unknown } }).$client;
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = (sql: string) => {
      statements += 1;
      return prepare(sql);
    };
    try {
      listCatalogue(db, {}, new Date(), { includeUnpublished: true });
    } finally {
      sqlite.prepare = prepare;
    }
    // courses, their roles, their goals, the next sessions (confirmed counts join them later).
    expect(statements).toBeGreaterThanOrEqual(4);
    expect(statements).toBeLessThanOrEqual(5);
  });
});

describe("the course page", () => {
  type CourseData = Awaited<ReturnType<typeof courseLoader>>;

  async function coursePage(slug: string, cookie = member) {
    return settle(() =>
      courseLoader({
        request: appRequest(`/catalogus/${slug}`, { cookie }),
        params: { slug },
        context: testContext,
      }),
    );
  }

  it("splits the sessions into upcoming (cancelled ones marked, with reason) and past", async () => {
    const result = await coursePage("basistraining");
    expect(statusOf(result)).toBe(200);
    const data = result.value as CourseData;
    expect(data.upcoming.map((session) => session.startsAt)).toEqual([iso(3), iso(20), iso(40)]);
    expect(data.upcoming[0]?.statusText).toBe("Geannuleerd: Trainer ziek");
    expect(data.upcoming[1]?.statusText).toBe("Open voor inschrijving");
    expect(data.past.map((session) => session.id)).toEqual([basis.sessionIds[0]]);
    expect(data.canManage).toBe(false);
  });

  it("is not found for a member when the course is unpublished, and shown to a coordinator", async () => {
    expect(statusOf(await coursePage("concept"))).toBe(404);
    const result = await coursePage("concept", coordinator);
    expect(statusOf(result)).toBe(200);
    expect((result.value as CourseData).course.published).toBe(false);
  });

  it.each([["bestaat-niet"], ["Hoofdletters"], ["../etc"]])(
    "answers 404 for slug %j",
    async (slug) => {
      expect(statusOf(await coursePage(slug))).toBe(404);
    },
  );

  it("renders the description as Markdown with raw HTML escaped", async () => {
    const db = getDb();
    insertCourse({
      slug: "met-html",
      title: "Met HTML",
      kind: "knowledge_session",
      roles: ["employee"],
      goals: [],
      sessions: [],
    });
    db.update(courses)
      .set({ body: "## Kop\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1))" })
      .where(eq(courses.slug, "met-html"))
      .run();
    const data = (await coursePage("met-html")).value as CourseData;
    // One level below the page's own "Beschrijving" heading.
    expect(data.course.html).toContain("<h3>Kop</h3>");
    expect(data.course.html).not.toContain("<script>");
    expect(data.course.html).not.toContain("javascript:");
  });
});
