// The member's own profile (/profiel) and the coordinator's registration of guild membership
// (/leden/:id/lidmaatschap), through the routes' loaders and actions against a real database.
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { auditLog, users } from "#db/schema.ts";
import { addYears } from "#app/domain/profile.ts";
import { findProfile, listExpertiseTags } from "#app/models/profiles.server.ts";
import * as profileRoute from "#app/routes/profiel.tsx";
import * as membershipRoute from "#app/routes/leden.$id_.lidmaatschap.tsx";
import { amsterdamToday } from "#app/utils/expense-schemas.ts";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
  type RouteFn,
} from "#test/factories.ts";

type ProfileData = Awaited<ReturnType<typeof profileRoute.loader>>;
type Reply = {
  result: {
    error?: Record<string, string[] | null>;
    initialValue?: Record<string, unknown> | null;
  };
};

type Person = { id: number; cookie: string };
let anna: Person;
let bram: Person;
let coordinator: Person;

async function person(appRole: "member" | "coordinator" | "admin", name: string): Promise<Person> {
  const user = await createUser({ appRole, name, ogwRole: "employee" });
  return { id: user.id, cookie: sessionCookieFor(user.id) };
}

beforeAll(async () => {
  anna = await person("member", "Anna de Vries");
  bram = await person("member", "Bram Jansen");
  coordinator = await person("coordinator", "Carla Coördinator");
});

function call(fn: RouteFn, url: string, who: Person, form?: Record<string, string>, id?: number) {
  return settle(() =>
    fn({
      request: appRequest(url, { cookie: who.cookie, form }),
      params: id === undefined ? {} : { id: String(id) },
      context: testContext,
    }),
  );
}

function reply(result: { value: unknown }): Reply {
  return (result.value as { data: Reply }).data;
}

function fieldErrors(result: { value: unknown }, field: string): string[] {
  return reply(result).result.error?.[field] ?? [];
}

function auditRows(action: string, userId: number) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.objectId, String(userId))))
    .all();
}

/** What a save could have touched: the columns, the tags and the audit log. */
function snapshot(userId: number) {
  const profile = findProfile(getDb(), userId)!;
  return {
    team: profile.team,
    introduction: profile.introduction,
    ogwRole: profile.ogwRole,
    guildJoinedOn: profile.guildJoinedOn,
    guildLeftOn: profile.guildLeftOn,
    tags: listExpertiseTags(getDb(), userId),
    profileAudits: auditRows("profile_updated", userId).length,
    membershipAudits: auditRows("membership_registered", userId).length,
  };
}

const validProfile = {
  team: "Team Ruimte",
  expertise: "omgevingswet, Stakeholderanalyse; procesbegeleiding",
  introduction: "Ik werk aan de opgave Oude Haven.\r\nVraag me gerust over participatie.",
  ogwRole: "opgave_director",
};

describe("/profiel: saving one's own profile", () => {
  it("shows name, e-mail and department read-only, with the current profile", async () => {
    const page = (await call(profileRoute.loader, "/profiel", anna)).value as ProfileData;
    expect(page.profile).toMatchObject({
      id: anna.id,
      name: "Anna de Vries",
      department: "P&O – Personeel en Organisatie",
      team: null,
      expertise: [],
      ogwRole: "employee",
    });
    expect(page.membership).toBe("Geen lid geregistreerd");
  });

  it("writes team, introduction, OGW role and the tags, with one audit row naming the fields only", async () => {
    const result = await call(profileRoute.action, "/profiel", anna, validProfile);
    expect(statusOf(result)).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/profiel");
    const cookie = result.response?.headers.get("Set-Cookie") ?? "";
    const flash = JSON.parse(
      Buffer.from(/gilde_melding=([^;]+)/.exec(cookie)![1]!, "base64url").toString("utf8"),
    );
    expect(flash).toEqual({ kind: "success", message: "Uw profiel is opgeslagen." });

    const after = snapshot(anna.id);
    expect(after).toMatchObject({
      team: "Team Ruimte",
      introduction: "Ik werk aan de opgave Oude Haven.\nVraag me gerust over participatie.",
      ogwRole: "opgave_director",
      tags: ["omgevingswet", "Stakeholderanalyse", "procesbegeleiding"],
      profileAudits: 1,
    });
    const [audit] = auditRows("profile_updated", anna.id);
    expect(audit).toMatchObject({ actorId: anna.id, result: "success", origin: "192.0.2.10" });
    expect(JSON.parse(audit!.details!)).toEqual({
      fields: ["team", "expertise", "introduction", "ogwRole"],
    });
    expect(audit!.details).not.toContain("Oude Haven");
    expect(audit!.details).not.toContain("Team Ruimte");
    expect(audit!.details).not.toContain("omgevingswet");

    const page = (await call(profileRoute.loader, "/profiel", anna)).value as ProfileData;
    expect(page.profile.expertise).toEqual([
      "omgevingswet",
      "Stakeholderanalyse",
      "procesbegeleiding",
    ]);
  });

  it("writes and audits only what changed; saving the same again writes no audit row", async () => {
    await call(profileRoute.action, "/profiel", anna, { ...validProfile, team: "Team Sociaal" });
    const audits = auditRows("profile_updated", anna.id);
    expect(JSON.parse(audits.at(-1)!.details!)).toEqual({ fields: ["team"] });
    const again = await call(profileRoute.action, "/profiel", anna, {
      ...validProfile,
      team: "Team Sociaal",
    });
    expect(statusOf(again)).toBe(302);
    expect(auditRows("profile_updated", anna.id)).toHaveLength(audits.length);
  });

  it("empties team, introduction and expertise when the fields are cleared", async () => {
    await call(profileRoute.action, "/profiel", anna, {
      team: "",
      expertise: "",
      introduction: "",
      ogwRole: "employee",
    });
    expect(snapshot(anna.id)).toMatchObject({
      team: null,
      introduction: null,
      tags: [],
      ogwRole: "employee",
    });
  });
});

describe("/profiel: refused input", () => {
  beforeEach(async () => {
    await call(profileRoute.action, "/profiel", bram, validProfile);
  });

  it.each([
    [
      "introduction",
      { introduction: "x".repeat(100_000) },
      "Een introductie is hoogstens 2.000 tekens; deze telt er 100.000.",
    ],
    [
      "introduction",
      { introduction: "x".repeat(2_001) },
      "Een introductie is hoogstens 2.000 tekens; deze telt er 2.001.",
    ],
    ["team", { team: "t".repeat(101) }, "Een teamnaam is hoogstens 100 tekens."],
    ["expertise", { expertise: "omgevingswet, x" }, "Een expertise is minstens 2 tekens: „x”."],
    [
      "expertise",
      { expertise: `omgevingswet, ${"y".repeat(60)}` },
      `Een expertise is hoogstens 40 tekens: „${"y".repeat(40)}…”.`,
    ],
    [
      "expertise",
      { expertise: Array.from({ length: 13 }, (_, i) => `expertise ${i}`).join(", ") },
      "Geef hoogstens 12 expertises op.",
    ],
    ["ogwRole", { ogwRole: "wethouder" }, "Kies een OGW-rol uit de lijst."],
    ["ogwRole", { ogwRole: "" }, "Kies een OGW-rol uit de lijst."],
  ])(
    "%s: %#, 400 with the Dutch message, input kept, nothing written",
    async (field, change, message) => {
      const before = snapshot(bram.id);
      const form = { ...validProfile, team: "Nieuw team", ...change };
      const result = await call(profileRoute.action, "/profiel", bram, form);
      expect(statusOf(result)).toBe(400);
      expect(fieldErrors(result, field)).toEqual([message]);
      // The form comes back as typed, so nothing has to be typed again.
      const initial = reply(result).result.initialValue ?? {};
      for (const [name, value] of Object.entries(form)) {
        if (value !== "") expect(initial[name], name).toBe(value);
      }
      expect(snapshot(bram.id)).toEqual(before);
    },
  );

  it("stores HTML and script in every field as typed, and hands it back as plain text", async () => {
    const markup = {
      team: '<b onmouseover="alert(1)">Team</b>',
      expertise: "<script>alert(1)</script>, <img src=x>",
      introduction: "<script>alert('hoi')</script>\n<a href=\"javascript:alert(1)\">klik</a>",
      ogwRole: "employee",
    };
    expect(statusOf(await call(profileRoute.action, "/profiel", bram, markup))).toBe(302);
    expect(snapshot(bram.id)).toMatchObject({
      team: markup.team,
      introduction: markup.introduction,
      tags: ["<script>alert(1)</script>", "<img src=x>"],
    });
    const page = (await call(profileRoute.loader, "/profiel", bram)).value as ProfileData;
    expect(page.profile.introduction).toBe(markup.introduction);
    expect(page.profile.team).toBe(markup.team);
  });
});

describe("/profiel: only ever one's own profile", () => {
  it("ignores a posted userId: the signed-in member's profile changes, the other stays as it was", async () => {
    const bramBefore = snapshot(bram.id);
    const result = await call(profileRoute.action, "/profiel", anna, {
      ...validProfile,
      team: "Door Anna gezet",
      userId: String(bram.id),
      id: String(bram.id),
    });
    expect(statusOf(result)).toBe(302);
    expect(snapshot(bram.id)).toEqual(bramBefore);
    expect(snapshot(anna.id).team).toBe("Door Anna gezet");
  });

  it("sends someone who is not signed in to /inloggen", async () => {
    const result = await settle(() =>
      profileRoute.action({
        request: appRequest("/profiel", { form: validProfile }),
        params: {},
        context: testContext,
      }),
    );
    expect(statusOf(result)).toBe(302);
    expect(result.response?.headers.get("Location")).toMatch(/^\/inloggen/);
  });
});

describe("/leden/:id/lidmaatschap", () => {
  const today = amsterdamToday();
  const path = () => `/leden/${bram.id}/lidmaatschap`;

  it("shows the member's name and current standing to a coordinator", async () => {
    const result = await call(membershipRoute.loader, path(), coordinator, undefined, bram.id);
    expect(statusOf(result)).toBe(200);
    const page = result.value as Awaited<ReturnType<typeof membershipRoute.loader>>;
    expect(page.member).toMatchObject({ name: "Bram Jansen", joinedOn: null, leftOn: null });
    expect(page.member.membership).toBe("Geen lid geregistreerd");
  });

  it("is forbidden to a member (403), reading and posting alike", async () => {
    const before = snapshot(bram.id);
    const read = await call(membershipRoute.loader, path(), anna, undefined, bram.id);
    expect(statusOf(read)).toBe(403);
    const write = await call(
      membershipRoute.action,
      path(),
      anna,
      { joinedOn: "2024-01-01" },
      bram.id,
    );
    expect(statusOf(write)).toBe(403);
    expect(snapshot(bram.id)).toEqual(before);
  });

  it("refuses a leave date before the join date, next to the field, and writes nothing", async () => {
    const before = snapshot(bram.id);
    const result = await call(
      membershipRoute.action,
      path(),
      coordinator,
      { joinedOn: "2024-03-01", leftOn: "2024-02-29" },
      bram.id,
    );
    expect(statusOf(result)).toBe(400);
    expect(fieldErrors(result, "leftOn")).toEqual([
      "De datum van vertrek kan niet vóór de datum van aanmelding liggen.",
    ]);
    expect(reply(result).result.initialValue).toMatchObject({
      joinedOn: "2024-03-01",
      leftOn: "2024-02-29",
    });
    expect(snapshot(bram.id)).toEqual(before);
  });

  it.each([
    [
      { joinedOn: "2026-02-30" },
      "joinedOn",
      "Vul een bestaande datum in, bijvoorbeeld 2026-03-12.",
    ],
    [
      { joinedOn: "2024-01-01", leftOn: "2025-04-31" },
      "leftOn",
      "Vul een bestaande datum in, bijvoorbeeld 2026-03-12.",
    ],
    [{ joinedOn: "gisteren" }, "joinedOn", "Vul een bestaande datum in, bijvoorbeeld 2026-03-12."],
    [
      { joinedOn: addYears(addYears(today, 1), 1) },
      "joinedOn",
      "Een datum ligt hoogstens een jaar vooruit",
    ],
    [{ leftOn: "2025-01-01" }, "joinedOn", "Vul eerst de datum in waarop het lidmaatschap begon."],
    [{}, "joinedOn", "Vul de datum in waarop het lidmaatschap begon."],
  ])("refuses %j with a message on %s", async (form, field, message) => {
    const before = snapshot(bram.id);
    const result = await call(membershipRoute.action, path(), coordinator, form, bram.id);
    expect(statusOf(result)).toBe(400);
    expect(fieldErrors(result, field).join(" ")).toContain(message);
    expect(snapshot(bram.id)).toEqual(before);
  });

  it("saves both dates with an audit row of before and after, and returns to the member's page", async () => {
    const joined = await call(
      membershipRoute.action,
      path(),
      coordinator,
      { joinedOn: "2023-10-02" },
      bram.id,
    );
    expect(statusOf(joined)).toBe(302);
    expect(joined.response?.headers.get("Location")).toBe(`/leden/${bram.id}`);
    expect(joined.response?.headers.get("Set-Cookie")).toContain("gilde_melding=");

    const left = await call(
      membershipRoute.action,
      path(),
      coordinator,
      { joinedOn: "2023-10-02", leftOn: addYears(today, 1) },
      bram.id,
    );
    expect(statusOf(left)).toBe(302);
    expect(snapshot(bram.id)).toMatchObject({
      guildJoinedOn: "2023-10-02",
      guildLeftOn: addYears(today, 1),
    });
    const audits = auditRows("membership_registered", bram.id);
    expect(audits).toHaveLength(2);
    expect(audits.map((row) => row.actorId)).toEqual([coordinator.id, coordinator.id]);
    expect(JSON.parse(audits[1]!.details!)).toEqual({
      before: { joinedOn: "2023-10-02", leftOn: null },
      after: { joinedOn: "2023-10-02", leftOn: addYears(today, 1) },
    });

    const page = (await call(membershipRoute.loader, path(), coordinator, undefined, bram.id))
      .value as Awaited<ReturnType<typeof membershipRoute.loader>>;
    expect(page.member.membership).toMatch(/^Lid sinds 2 oktober 2023, vertrekt op /);
  });

  it("lets an administrator register membership too", async () => {
    const admin = await person("admin", "Ada Beheer");
    const result = await call(
      membershipRoute.action,
      path(),
      admin,
      { joinedOn: "2023-10-02", leftOn: today },
      bram.id,
    );
    expect(statusOf(result)).toBe(302);
    expect(snapshot(bram.id).guildLeftOn).toBe(today);
  });

  it("answers 404 for an unknown id, an invited user and an anonymised member", async () => {
    const invited = await createUser({ status: "invited" });
    const anonymised = await createUser({ status: "deactivated" });
    getDb()
      .update(users)
      .set({ anonymisedAt: new Date().toISOString() })
      .where(eq(users.id, anonymised.id))
      .run();
    for (const id of [999_999, invited.id, anonymised.id]) {
      const url = `/leden/${id}/lidmaatschap`;
      const read = await call(membershipRoute.loader, url, coordinator, undefined, id);
      expect(statusOf(read), `loader ${id}`).toBe(404);
      const write = await call(
        membershipRoute.action,
        url,
        coordinator,
        { joinedOn: "2024-01-01" },
        id,
      );
      expect(statusOf(write), `action ${id}`).toBe(404);
    }
    expect(findProfile(getDb(), invited.id)?.guildJoinedOn).toBeNull();
    expect(findProfile(getDb(), anonymised.id)?.guildJoinedOn).toBeNull();
  });
});
