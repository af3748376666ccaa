// The member directory through its loaders: search (FTS) by name, team, expertise and
// introduction, the department / role / former-member filters, bad input in the URL, paging, and
// a member's page with the sessions they attended. Who is never listed matters as much as who is.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { enrolments, memberExpertise, users, type EnrolmentStatus } from "#db/schema.ts";
import type { OgwRole, UserStatus } from "#app/domain/roles.ts";
import { insertUser } from "#app/models/users.server.ts";
import {
  matchExpression,
  MAX_SEARCH_WORDS,
  searchMembers,
  searchWords,
} from "#app/models/members.server.ts";
import * as directoryRoute from "#app/routes/leden._index.tsx";
import * as profileRoute from "#app/routes/leden.$id.tsx";
import { createSession } from "#test/enrolment-fixtures.ts";
import {
  appRequest,
  createUser,
  ensureDepartment,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
} from "#test/factories.ts";

type DirectoryData = Awaited<ReturnType<typeof directoryRoute.loader>>;
type ProfileData = Awaited<ReturnType<typeof profileRoute.loader>>;

type MemberSpec = {
  name: string;
  departmentId?: number;
  ogwRole?: OgwRole;
  status?: UserStatus;
  team?: string;
  introduction?: string;
  joinedOn?: string;
  leftOn?: string;
  anonymised?: boolean;
  tags?: string[];
};

function addMember(spec: MemberSpec): number {
  const db = getDb();
  const user = insertUser(db, {
    email: `lid-${crypto.randomUUID()}@gilde.example`,
    name: spec.name,
    departmentId: spec.departmentId ?? ensureDepartment(),
    ogwRole: spec.ogwRole ?? "employee",
    appRole: "member",
    status: spec.status ?? "active",
  });
  db.update(users)
    .set({
      team: spec.team ?? null,
      introduction: spec.introduction ?? null,
      guildJoinedOn: spec.joinedOn ?? null,
      guildLeftOn: spec.leftOn ?? null,
      anonymisedAt: spec.anonymised ? "2025-01-01T10:00:00.000Z" : null,
    })
    .where(eq(users.id, user.id))
    .run();
  if (spec.tags?.length) {
    db.insert(memberExpertise)
      .values(spec.tags.map((tag) => ({ userId: user.id, tag })))
      .run();
  }
  return user.id;
}

const ids = {} as Record<
  "anna" | "bram" | "cor" | "dirk" | "eva" | "frits" | "gerda" | "viewer" | "coordinator",
  number
>;
const cookies = {} as Record<"member" | "coordinator", string>;
const departments = {} as Record<"po" | "mo" | "oov", number>;

beforeAll(async () => {
  departments.po = ensureDepartment();
  departments.mo = ensureDepartment("MO", "Maatschappelijke Ontwikkeling");
  departments.oov = ensureDepartment("OOV", "Openbare Orde en Veiligheid");

  const viewer = await createUser({ name: "Vera Kijker" });
  const coordinator = await createUser({ name: "Carla Coördinator", appRole: "coordinator" });
  ids.viewer = viewer.id;
  ids.coordinator = coordinator.id;
  cookies.member = sessionCookieFor(viewer.id);
  cookies.coordinator = sessionCookieFor(coordinator.id);

  ids.anna = addMember({
    name: "Anna de Vries",
    departmentId: departments.mo,
    ogwRole: "opgave_director",
    team: "Team Ruimte",
    introduction:
      "Ik werk aan de <b>energietransitie</b>.\r\nTweede regel.\n\n<script>alert(1)</script>",
    joinedOn: "2023-02-01",
    tags: [
      "Omgevingswet",
      "Stakeholderanalyse",
      "Participatie",
      "Procesregie",
      "Subsidies",
      "Woningbouw",
    ],
  });
  ids.bram = addMember({
    name: "Bram Bakker",
    departmentId: departments.oov,
    ogwRole: "line_manager",
    team: "Veiligheidshuis",
    joinedOn: "2023-02-01",
    tags: ["Crisisbeheersing"],
  });
  ids.cor = addMember({
    name: "Cor Vertrokken",
    departmentId: departments.mo,
    tags: ["Omgevingsvisie"],
    joinedOn: "2023-02-01",
    leftOn: "2024-01-31",
  });
  // Never in the directory, whatever the search: invited, anonymised, deactivated.
  ids.dirk = addMember({ name: "Dirk Uitgenodigd", status: "invited", tags: ["Omgevingswet"] });
  ids.eva = addMember({ name: "Eva Anoniem", anonymised: true, tags: ["Omgevingswet"] });
  ids.frits = addMember({
    name: "Frits Gedeactiveerd",
    status: "deactivated",
    tags: ["Omgevingswet"],
    joinedOn: "2023-02-01",
  });
  // Leaves the guild in the future: still a member today.
  ids.gerda = addMember({
    name: "Gerda Blijft",
    departmentId: departments.oov,
    joinedOn: "2023-02-01",
    leftOn: "2999-12-31",
    tags: ["Omgevingsrecht"],
  });
});

async function directory(query = "", cookie = cookies.member) {
  const result = await settle(() =>
    directoryRoute.loader({
      request: appRequest(`/leden${query}`, { cookie }),
      params: {},
      context: testContext,
    }),
  );
  expect(statusOf(result)).toBe(200);
  return result.value as DirectoryData;
}

async function names(query: string) {
  return (await directory(query)).members.map((member) => member.name);
}

function profile(id: string | number, cookie = cookies.member) {
  return settle(() =>
    profileRoute.loader({
      request: appRequest(`/leden/${id}`, { cookie }),
      params: { id: String(id) },
      context: testContext,
    }),
  );
}

async function profileData(id: number, cookie = cookies.member) {
  const result = await profile(id, cookie);
  expect(statusOf(result)).toBe(200);
  return result.value as ProfileData;
}

describe("searching the directory", () => {
  it("finds a member by the beginning of an expertise tag", async () => {
    expect(await names("?q=stakeholder")).toEqual(["Anna de Vries"]);
    // Capitals and the rest of the word do not matter.
    expect(await names("?q=STAKEHOLDERANALYSE")).toEqual(["Anna de Vries"]);
  });

  it("finds members by name, team and introduction too, every word required", async () => {
    expect(await names("?q=bak")).toEqual(["Bram Bakker"]);
    expect(await names("?q=veiligheids")).toEqual(["Bram Bakker"]);
    expect(await names("?q=energietrans")).toEqual(["Anna de Vries"]);
    expect(await names("?q=anna+omgevingswet")).toEqual(["Anna de Vries"]);
    expect(await names("?q=bram+omgevingswet")).toEqual([]);
  });

  it("lists only active, not anonymised members, whatever is searched or ticked", async () => {
    const everyone = await names("?q=omgevings&oud-leden=ja");
    expect(everyone).toEqual(["Anna de Vries", "Cor Vertrokken", "Gerda Blijft"]);
    const all = await directory("?oud-leden=ja");
    const listed = all.members.map((member) => member.id);
    for (const hidden of [ids.dirk, ids.eva, ids.frits]) expect(listed).not.toContain(hidden);
    expect(listed).toEqual(expect.arrayContaining([ids.anna, ids.bram, ids.viewer]));
  });

  it("shows department, team, role, at most five tags and the count", async () => {
    const data = await directory("?q=anna");
    expect(data.resultCount).toBe("1 lid gevonden");
    expect(data.members[0]).toMatchObject({
      id: ids.anna,
      name: "Anna de Vries",
      department: "Maatschappelijke Ontwikkeling",
      team: "Team Ruimte",
      ogwRole: "Opgaveregisseur",
      expertise: ["Omgevingswet", "Participatie", "Procesregie", "Stakeholderanalyse", "Subsidies"],
      moreExpertise: 1,
      former: null,
    });
    expect((await directory("?q=niemandheetzo")).resultCount).toBe("Geen leden gevonden");
  });

  it("sorts by name, ignoring capitals", async () => {
    addMember({ name: "aad sorteer", tags: ["Sorteerproef"] });
    addMember({ name: "Zeger Sorteer", tags: ["Sorteerproef"] });
    addMember({ name: "Berend Sorteer", tags: ["Sorteerproef"] });
    expect(await names("?q=sorteerproef")).toEqual([
      "aad sorteer",
      "Berend Sorteer",
      "Zeger Sorteer",
    ]);
  });
});

describe("filters", () => {
  it("filters by department", async () => {
    expect(await names(`?afdeling=${departments.oov}`)).toEqual(["Bram Bakker", "Gerda Blijft"]);
    expect(await names(`?afdeling=${departments.mo}&q=omgevings`)).toEqual(["Anna de Vries"]);
  });

  it("filters by OGW role", async () => {
    expect(await names("?rol=line_manager")).toEqual(["Bram Bakker"]);
    expect(await names("?rol=opgave_director&afdeling=" + departments.oov)).toEqual([]);
  });

  it("leaves former members out unless asked, and marks them", async () => {
    expect(await names("?q=omgevingsvisie")).toEqual([]);
    const data = await directory("?q=omgevingsvisie&oud-leden=ja");
    expect(data.values.includeFormer).toBe(true);
    expect(data.members).toMatchObject([{ name: "Cor Vertrokken", former: "Oud-lid" }]);
    // Leaving later does not make someone a former member today.
    expect(await names("?q=omgevingsrecht")).toEqual(["Gerda Blijft"]);
  });

  it("counts someone who leaves today as a former member, and not one who leaves tomorrow", () => {
    const leavesToday = addMember({
      name: "Hans Grens",
      tags: ["Grensgeval"],
      joinedOn: "2024-01-01",
      leftOn: "2026-05-01",
    });
    const leavesTomorrow = addMember({
      name: "Ina Grens",
      tags: ["Grensgeval"],
      joinedOn: "2024-01-01",
      leftOn: "2026-05-02",
    });
    const found = (includeFormer: boolean) =>
      searchMembers(
        getDb(),
        { words: ["grensgeval"], includeFormer, today: "2026-05-01" },
        { page: 1, pageSize: 50 },
      ).members.map((member) => member.id);
    expect(found(false)).toEqual([leavesTomorrow]);
    expect(found(true)).toEqual([leavesToday, leavesTomorrow]);
  });
});

describe("input the page does not understand", () => {
  it("ignores an unknown department and says so next to the field", async () => {
    const unfiltered = await directory("");
    for (const value of ["999999", "abc", "-1", "1e3"]) {
      const data = await directory(`?afdeling=${value}`);
      expect(data.notes.department).toBe(
        "Deze afdeling bestaat niet; er is niet op afdeling gefilterd.",
      );
      expect(data.values.department).toBe("");
      expect(data.total).toBe(unfiltered.total);
    }
  });

  it("ignores an unknown OGW role and says so", async () => {
    const data = await directory("?rol=keizer");
    expect(data.notes.ogwRole).toBe("Deze OGW-rol bestaat niet; er is niet op rol gefilterd.");
    expect(data.values.ogwRole).toBe("");
    expect(data.total).toBe((await directory("")).total);
  });

  it("shortens a very long search text and says so", async () => {
    const data = await directory(`?q=${"omgevingswet ".repeat(800)}`);
    expect(data.values.q.length).toBeLessThanOrEqual(100);
    expect(data.notes.q).toBe("De zoektekst is ingekort tot 100 tekens.");
    expect(data.members.map((member) => member.name)).toEqual(["Anna de Vries"]);

    const words = await directory(`?q=${"anna ".repeat(MAX_SEARCH_WORDS + 2)}`);
    expect(words.notes.q).toBe(`Alleen op de eerste ${MAX_SEARCH_WORDS} woorden is gezocht.`);
  });

  it("treats FTS syntax as plain text: no error, no operators", async () => {
    const queries = [
      '"',
      '""',
      "*",
      "NEAR(",
      "NEAR(anna bram)",
      "OR",
      "anna OR bram",
      "-",
      "-anna",
      ":",
      "name:anna",
      "{name team}:anna",
      "^anna",
      "anna AND",
      "(anna",
      "anna)",
      "'; DROP TABLE users; --",
      "\u0301",
    ];
    for (const q of queries) {
      const data = await directory(`?q=${encodeURIComponent(q)}`);
      expect(data.values.q, q).toBe(q.trim());
    }
    // "-" is no NOT, a quote or star is no syntax: these still find Anna.
    for (const q of ["-anna", '"anna', "anna*", "^anna", "(anna)"]) {
      expect(await names(`?q=${encodeURIComponent(q)}`), q).toEqual(["Anna de Vries"]);
    }
    // Only punctuation: nothing to search for, which the page says; everyone is listed.
    const punctuation = await directory(`?q=${encodeURIComponent('"*:-')}`);
    expect(punctuation.notes.q).toBe(
      "Gebruik letters of cijfers om te zoeken; er is niet op tekst gezocht.",
    );
    expect(punctuation.total).toBe((await directory("")).total);
  });

  it("returns HTML in the search text as plain data", async () => {
    const q = '<img src=x onerror="alert(1)"><b>anna</b>';
    const data = await directory(`?q=${encodeURIComponent(q)}`);
    expect(data.values.q).toBe(q);
  });

  it("builds MATCH expressions from quoted prefix terms only", () => {
    expect(searchWords('"a" NEAR( b* -c:d')).toEqual({
      words: ["a", "NEAR", "b", "c", "d"],
      dropped: 0,
    });
    expect(searchWords("één twee").words).toEqual(["één", "twee"]);
    expect(searchWords(Array.from({ length: 12 }, (_, i) => `w${i}`).join(" "))).toMatchObject({
      dropped: 2,
    });
    expect(matchExpression(["jan", "omgevings"])).toBe('"jan"* AND "omgevings"*');
    expect(matchExpression(['zeg "hoi"'])).toBe('"zeg ""hoi"""*');
    expect(matchExpression([])).toBeNull();
  });
});

describe("paging", () => {
  const pageIds = async (query: string) => (await directory(query)).members.map((m) => m.id);

  it("shows 50 members a page with links that keep the search", async () => {
    for (let index = 0; index < 55; index += 1) {
      addMember({
        name: `Pagina Lid ${String(index).padStart(2, "0")}`,
        departmentId: departments.po,
        tags: ["Bladerproef"],
      });
    }
    const first = await directory(`?q=bladerproef&afdeling=${departments.po}`);
    expect(first.resultCount).toBe("55 leden gevonden");
    expect(first.members).toHaveLength(50);
    expect(first).toMatchObject({ page: 1, pageCount: 2, previousHref: null });
    expect(first.nextHref).toBe(`/leden?q=bladerproef&afdeling=${departments.po}&pagina=2`);

    const second = await directory(`?q=bladerproef&afdeling=${departments.po}&pagina=2`);
    expect(second.members.map((member) => member.name)).toEqual([
      "Pagina Lid 50",
      "Pagina Lid 51",
      "Pagina Lid 52",
      "Pagina Lid 53",
      "Pagina Lid 54",
    ]);
    expect(second.previousHref).toBe(`/leden?q=bladerproef&afdeling=${departments.po}`);
    expect(second.nextHref).toBeNull();
    const seen = new Set([...first.members, ...second.members].map((member) => member.id));
    expect(seen.size).toBe(55);
  });

  it("reads a page number it does not understand as the first, one past the end as the last", async () => {
    const first = await pageIds("?q=bladerproef");
    expect(await pageIds("?q=bladerproef&pagina=abc")).toEqual(first);
    expect(await pageIds("?q=bladerproef&pagina=-4")).toEqual(first);
    const last = await directory("?q=bladerproef&pagina=99999999999999999999");
    expect(last.page).toBe(2);
    expect(last.members).toHaveLength(5);
  });
});

describe("a member's page", () => {
  beforeAll(() => {
    const db = getDb();
    const past = new Date("2025-03-01T09:00:00Z");
    const sessionFor = (title: string, daysAfter: number) =>
      createSession({
        title,
        now: new Date(past.getTime() + daysAfter * 86_400_000),
        startsInHours: 24,
      }).session.id;
    const enrol = (
      sessionId: number,
      status: EnrolmentStatus,
      attendance: "attended" | "no_show" | null,
    ) =>
      db
        .insert(enrolments)
        .values({
          sessionId,
          memberId: ids.anna,
          ogwRole: "opgave_director",
          departmentId: departments.mo,
          status,
          enrolledAt: past.toISOString(),
          attendance,
        })
        .run();
    enrol(sessionFor("Opgave verkennen", 0), "confirmed", "attended");
    enrol(sessionFor("Actoren in kaart", 30), "confirmed", "attended");
    enrol(sessionFor("Niet gekomen", 40), "confirmed", "no_show");
    enrol(sessionFor("Nog niet geregistreerd", 45), "confirmed", null);
    enrol(sessionFor("Op de wachtlijst", 50), "waitlisted", null);
    enrol(sessionFor("Afgezegd", 60), "cancelled", null);
  });

  it("shows the profile with plain-text introduction and membership dates", async () => {
    const data = await profileData(ids.anna);
    expect(data.member).toMatchObject({
      name: "Anna de Vries",
      department: "Maatschappelijke Ontwikkeling",
      team: "Team Ruimte",
      ogwRole: "Opgaveregisseur",
      deactivated: false,
      former: null,
      joined: { label: "Lid sinds", text: "1 februari 2023" },
      left: null,
    });
    expect(data.member.expertise).toHaveLength(6);
    expect(data.member.introduction).toEqual([
      ["Ik werk aan de <b>energietransitie</b>.", "Tweede regel."],
      ["<script>alert(1)</script>"],
    ]);
  });

  it("lists only the sessions attended, most recent first, linked to the course", async () => {
    const data = await profileData(ids.anna);
    expect(data.sessions.map((session) => session.title)).toEqual([
      "Actoren in kaart",
      "Opgave verkennen",
    ]);
    expect(data.sessions[0]!.href).toMatch(/^\/catalogus\/cursus-/);
    expect(data.sessions[0]!.date).toBe("dinsdag 1 april 2025");
  });

  it("answers 404 for unknown ids, invited and anonymised members", async () => {
    for (const id of ["999999", "abc", "0", "-1", "1.5", String(ids.dirk), String(ids.eva)]) {
      const result = await profile(id);
      expect(statusOf(result), id).toBe(404);
      expect(await result.response?.text()).toBe("Dit lid bestaat niet.");
    }
  });

  it("still shows a deactivated or former member, marked", async () => {
    expect((await profileData(ids.frits)).member).toMatchObject({
      deactivated: true,
      former: null,
    });
    expect((await profileData(ids.cor)).member).toMatchObject({
      former: "Oud-lid",
      joined: { label: "Lid sinds", text: "1 februari 2023" },
      left: { date: "2024-01-31", text: "31 januari 2024" },
    });
  });

  it("offers membership registration to coordinators and profile editing to the member", async () => {
    expect(await profileData(ids.anna)).toMatchObject({
      canManageMembership: false,
      isSelf: false,
    });
    expect(await profileData(ids.anna, cookies.coordinator)).toMatchObject({
      canManageMembership: true,
      isSelf: false,
    });
    expect(await profileData(ids.viewer)).toMatchObject({
      canManageMembership: false,
      isSelf: true,
    });
  });

  it("sends anonymous visitors to the sign-in page", async () => {
    for (const run of [
      () =>
        directoryRoute.loader({
          request: appRequest("/leden"),
          params: {},
          context: testContext,
        }),
      () =>
        profileRoute.loader({
          request: appRequest(`/leden/${ids.anna}`),
          params: { id: String(ids.anna) },
          context: testContext,
        }),
    ]) {
      const result = await settle(run);
      expect(statusOf(result)).toBe(302);
      expect(result.response?.headers.get("Location")).toMatch(/^\/inloggen/);
    }
  });
});
