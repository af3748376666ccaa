// Forged requests: every action of every route, posted by a signed-in user who may use it with a
// payload that would succeed, is refused with 403 when it comes from another site, from a sibling
// subdomain, without Origin and Referer, or with Sec-Fetch-Site: cross-site, and the database stays
// byte for byte the same. The same request from the app's own origin is not refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb } from "#db/client.server.ts";
import { learningGoals, mailOutbox } from "#db/schema.ts";
import type { User } from "#app/models/users.server.ts";
import { inviteUser, requestPasswordReset } from "#app/utils/account.server.ts";
import {
  buildAccessWorld,
  cookieDueForRenewal,
  snapshot,
  type AccessWorld,
} from "#test/access-fixtures.ts";
import { createSession } from "#test/enrolment-fixtures.ts";
import { APP, settle, statusOf, testContext, TEST_PASSWORD } from "#test/factories.ts";
import { routeAccess, paramsFor, pathFor } from "#test/permissions-matrix.ts";

type RouteModule = { action?: (args: unknown) => unknown };
const modules = import.meta.glob<RouteModule>("/app/routes/*.tsx", { eager: true });
const actionRoutes = Object.entries(modules)
  .filter(([, module]) => typeof module.action === "function")
  .map(([file]) => file.replace("/app/routes/", ""))
  .sort();

type Entries = [string, string][];
/** Extra rows the payloads below act on, so that each one would really succeed. */
type Extra = {
  goalIds: number[];
  editableSessionId: number;
  cancellableSessionId: number;
  openSessionId: number;
  resetToken: string;
  invitationToken: string;
};

/** Who posts, to which params, with what: a request that would succeed from the app itself. */
type Payload = {
  who: (w: AccessWorld) => User | null;
  params?: (w: AccessWorld, x: Extra) => Record<string, string>;
  form: (w: AccessWorld, x: Extra) => Entries;
};

const entries = (values: Record<string, string | string[]>): Entries =>
  Object.entries(values).flatMap(([name, value]) =>
    [value].flat().map((v) => [name, v] as [string, string]),
  );

const courseForm = (x: Extra) =>
  entries({
    title: "Opgavegericht werken in de praktijk",
    kind: "in_house",
    summary: "Twee dagdelen over het werken aan opgaven met collega’s uit alle afdelingen.",
    body: "## Programma",
    provider: "Bureau Opgave",
    costPerParticipant: "0",
    durationHours: "7,5",
    targetRoles: ["employee", "opgave_director"],
    learningGoalIds: x.goalIds.map(String),
    published: "on",
  });

const sessionForm = () =>
  entries({
    startsAt: "2030-03-12T09:30",
    endsAt: "2030-03-12T12:00",
    location: "Raadhuis Huizen, zaal 2",
    onlineUrl: "",
    capacity: "12",
    enrolmentDeadline: "2030-03-05T17:00",
    sessionCost: "0",
  });

const newPassword = () =>
  entries({
    password: `${TEST_PASSWORD} en nog wat`,
    confirmPassword: `${TEST_PASSWORD} en nog wat`,
  });

const payloads: Record<string, Payload> = {
  "inloggen.tsx": {
    who: () => null,
    form: (w) => entries({ email: w.users.member.email, password: TEST_PASSWORD }),
  },
  "uitloggen.tsx": { who: (w) => w.users.member, form: () => [] },
  "wachtwoord-vergeten.tsx": {
    who: () => null,
    form: (w) => entries({ email: w.users.hr.email }),
  },
  "wachtwoord-herstellen.$token.tsx": {
    who: () => null,
    params: (_w, x) => ({ token: x.resetToken }),
    form: newPassword,
  },
  "uitnodiging.$token.tsx": {
    who: () => null,
    params: (_w, x) => ({ token: x.invitationToken }),
    form: newPassword,
  },
  "beheer.gebruikers.nieuw.tsx": {
    who: (w) => w.admin,
    form: (w) =>
      entries({
        name: "Nieuwe Collega",
        email: "nieuwe.collega@huizen.example",
        departmentId: String(w.users.member.departmentId),
        ogwRole: "employee",
        appRole: "member",
      }),
  },
  "beheer.gebruikers.$id.tsx": {
    who: (w) => w.admin,
    params: (w) => ({ id: String(w.memberB.id) }),
    form: () => entries({ intent: "change_role", appRole: "hr" }),
  },
  "catalogus.nieuw.tsx": { who: (w) => w.users.coordinator, form: (_w, x) => courseForm(x) },
  "catalogus.$slug_.bewerken.tsx": {
    who: (w) => w.users.hr,
    params: (w) => ({ slug: w.courseSlug }),
    form: (_w, x) => [["intent", "save"], ...courseForm(x)],
  },
  "catalogus.$slug_.sessies.nieuw.tsx": {
    who: (w) => w.users.coordinator,
    params: (w) => ({ slug: w.courseSlug }),
    form: sessionForm,
  },
  "sessies.$id_.bewerken.tsx": {
    who: (w) => w.users.coordinator,
    params: (_w, x) => ({ id: String(x.editableSessionId) }),
    form: sessionForm,
  },
  "sessies.$id_.annuleren.tsx": {
    who: (w) => w.users.coordinator,
    params: (_w, x) => ({ id: String(x.cancellableSessionId) }),
    form: () => entries({ reason: "De trainer is ziek." }),
  },
  "sessies.$id.tsx": {
    who: (w) => w.users.member,
    params: (_w, x) => ({ id: String(x.openSessionId) }),
    form: () => entries({ intent: "enrol" }),
  },
  "mijn-inschrijvingen.tsx": {
    who: (w) => w.users.member,
    form: (w) => entries({ intent: "cancel", enrolmentId: String(w.enrolmentOfA) }),
  },
  "mijn-inschrijvingen_.$id.feedback.tsx": {
    who: (w) => w.users.member,
    params: (w) => ({ id: String(w.attendedOfA) }),
    form: () => entries({ rating: "4", comment: "Leerzaam." }),
  },
  "uitgaven.nieuw.tsx": {
    who: (w) => w.users.coordinator,
    form: () =>
      entries({
        intent: "submit",
        description: "Trainer voor de in-house opleiding",
        supplier: "Bureau Opgave",
        kind: "in_house",
        amount: "1.000",
        courseId: "",
        sessionId: "",
      }),
  },
  // Four eyes: the other coordinator approves the first one's request.
  "uitgaven.$id.tsx": {
    who: (w) => w.coordinatorB,
    params: (w) => ({ id: String(w.expenseId) }),
    form: () => entries({ intent: "approve" }),
  },
  "beheer.budget.tsx": {
    who: (w) => w.admin,
    form: () =>
      entries({ intent: "adjust", direction: "raise", amount: "1.000", reason: "Voorjaarsnota" }),
  },
  "leden.$id_.lidmaatschap.tsx": {
    who: (w) => w.users.coordinator,
    params: (w) => ({ id: String(w.memberB.id) }),
    form: () => entries({ joinedOn: "2024-02-01", leftOn: "" }),
  },
  "profiel.tsx": {
    who: (w) => w.users.member,
    form: () =>
      entries({
        team: "Team Ruimte",
        expertise: "omgevingswet",
        introduction: "Ik werk aan de opgave Oude Haven.",
        ogwRole: "opgave_director",
      }),
  },
  "profiel.mijn-gegevens[.]json.tsx": { who: (w) => w.users.member, form: () => [] },
  "beheer.afdelingen._index.tsx": {
    who: (w) => w.admin,
    form: () => entries({ code: "FIN", name: "Financiën" }),
  },
  "beheer.afdelingen.$id.tsx": {
    who: (w) => w.admin,
    params: (w) => ({ id: String(w.departmentId) }),
    form: () => entries({ intent: "save", code: "RO2", name: "Ruimte en Omgeving" }),
  },
};

/** The four ways a page on another site can try to post here. */
const forgeries: { name: string; headers: Record<string, string> }[] = [
  { name: "a foreign Origin", headers: { Origin: "https://evil.example" } },
  { name: "a sibling-subdomain Origin", headers: { Origin: "http://evil.localhost:3000" } },
  { name: "no Origin and no Referer", headers: {} },
  {
    name: "Sec-Fetch-Site: cross-site with the right Origin",
    headers: { Origin: APP, "Sec-Fetch-Site": "cross-site" },
  },
];

let world: AccessWorld;
let extra: Extra;

function linkTokenIn(template: string, path: string): string {
  const mail = getDb()
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.template, template))
    .orderBy(desc(mailOutbox.id))
    .get()!;
  const match = new RegExp(`${path}/([a-z2-7]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in the ${template} mail`);
  return match[1]!;
}

beforeAll(async () => {
  world = await buildAccessWorld();
  const db = getDb();
  const goalIds = db
    .insert(learningGoals)
    .values([
      { slug: "vervalst-1", title: "Een opgave afbakenen", description: "Scope.", sortOrder: 1 },
      { slug: "vervalst-2", title: "Samenwerken", description: "Samen.", sortOrder: 2 },
    ])
    .returning({ id: learningGoals.id })
    .all()
    .map((row) => row.id);
  await requestPasswordReset(world.users.coordinator.email, "192.0.2.1");
  const resetToken = linkTokenIn("password_reset", "/wachtwoord-herstellen");
  const invited = await inviteUser(
    {
      name: "Ingrid Uitgenodigd",
      email: "ingrid@huizen.example",
      departmentId: world.users.member.departmentId!,
      ogwRole: "employee",
      appRole: "member",
    },
    world.admin,
    "192.0.2.1",
  );
  if (!invited.ok) throw new Error(invited.message);
  extra = {
    goalIds,
    editableSessionId: createSession({ capacity: 8 }).session.id,
    cancellableSessionId: createSession({ capacity: 8 }).session.id,
    openSessionId: createSession({ capacity: 8 }).session.id,
    resetToken,
    invitationToken: linkTokenIn("invitation", "/uitnodiging"),
  };
});

function post(
  path: string,
  cookie: string | undefined,
  form: Entries,
  headers: Record<string, string>,
) {
  const all = new Headers(headers);
  if (cookie) all.set("Cookie", cookie);
  all.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(new URL(path, APP), {
    method: "POST",
    headers: all,
    body: new URLSearchParams(form),
  });
}

const tally = { sent: 0, refused: 0, controls: 0, controlsTookEffect: 0 };

describe("forged requests", () => {
  it("has a payload for every route with an action, and none for a route without", () => {
    expect(actionRoutes.length).toBeGreaterThan(15);
    expect(actionRoutes.filter((file) => !(file in payloads))).toEqual([]);
    expect(Object.keys(payloads).filter((file) => !actionRoutes.includes(file))).toEqual([]);
  });

  it.each(actionRoutes)(
    "%s: refuses all four forgeries and writes nothing; the same post from the app works",
    async (file) => {
      const payload = payloads[file]!;
      const fn = modules[`/app/routes/${file}`]!.action!;
      const params = payload.params?.(world, extra) ?? paramsFor(routeAccess[file]!, world);
      const path = pathFor(file, params);
      const form = payload.form(world, extra);
      const who = payload.who(world);
      // The poster is one the matrix lets through: the refusal is about the origin alone.
      expect(routeAccess[file]!.action!.outcomes[who ? who.appRole : "anonymous"]).toBe("allowed");
      // The login session is the test's own doing: made before the snapshot. It is due for its
      // sliding renewal, so a refusal that came after reading the session would show as a write.
      const cookie = who ? cookieDueForRenewal(who) : undefined;
      const before = snapshot();

      for (const forgery of forgeries) {
        tally.sent++;
        const result = await settle(() =>
          fn({ request: post(path, cookie, form, forgery.headers), params, context: testContext }),
        );
        expect(statusOf(result), forgery.name).toBe(403);
        expect(snapshot().equals(before), `${forgery.name} changed the database`).toBe(true);
        tally.refused++;
      }

      tally.controls++;
      const control = await settle(() =>
        fn({
          request: post(path, cookie, form, { Origin: APP, "Sec-Fetch-Site": "same-origin" }),
          params,
          context: testContext,
        }),
      );
      const location = control.response?.headers.get("Location") ?? "";
      // Succeeds, even: a 2xx or a redirect, not a form error.
      expect(statusOf(control), JSON.stringify(control.value).slice(0, 300)).toBeLessThan(400);
      expect(location.startsWith("/inloggen?terug="), "signed in").toBe(false);
      // The payload really does something: without a refusal it changes the database.
      expect(snapshot().equals(before), "the control request changed nothing").toBe(false);
      tally.controlsTookEffect++;
    },
  );
});

afterAll(() => {
  console.log(
    `Forged requests: ${tally.refused} refused / ${tally.sent} sent ` +
      `(${actionRoutes.length} actions × ${forgeries.length} forgeries); ` +
      `${tally.controlsTookEffect} of ${tally.controls} same-origin controls took effect`,
  );
});
