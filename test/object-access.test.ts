// Object level: a signed-in member (A) who swaps in the ids of another member (B) reaches none of
// B's data. Every route that takes an id, slug or token and every intent that takes an object id in
// the form is tried with B's ids; each attempt must answer 403 or 404, show nothing private of B's
// and leave the database byte for byte as it was. Pages every member may see (the directory) must
// show only B's public profile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as feedbackRoute from "#app/routes/mijn-inschrijvingen_.$id.feedback.tsx";
import * as myEnrolmentsRoute from "#app/routes/mijn-inschrijvingen.tsx";
import * as sessionRoute from "#app/routes/sessies.$id.tsx";
import * as icsRoute from "#app/routes/sessies.$id_.ics.tsx";
import * as participantsCsvRoute from "#app/routes/sessies.$id_.deelnemers[.]csv.tsx";
import * as participantsXlsxRoute from "#app/routes/sessies.$id_.deelnemers[.]xlsx.tsx";
import * as courseRoute from "#app/routes/catalogus.$slug.tsx";
import * as memberRoute from "#app/routes/leden.$id.tsx";
import * as membershipRoute from "#app/routes/leden.$id_.lidmaatschap.tsx";
import * as expenseRoute from "#app/routes/uitgaven.$id.tsx";
import * as userAdminRoute from "#app/routes/beheer.gebruikers.$id.tsx";
import * as personalDataRoute from "#app/routes/profiel.mijn-gegevens[.]json.tsx";
import * as editCourseRoute from "#app/routes/catalogus.$slug_.bewerken.tsx";
import * as editSessionRoute from "#app/routes/sessies.$id_.bewerken.tsx";
import * as cancelSessionRoute from "#app/routes/sessies.$id_.annuleren.tsx";
import * as reportCsvRoute from "#app/routes/rapportages.$halfjaar[.]csv.tsx";
import * as reportXlsxRoute from "#app/routes/rapportages.$halfjaar[.]xlsx.tsx";
import * as outboxMailRoute from "#app/routes/ontwikkeling.postvak.$id.tsx";
import * as outboxHtmlRoute from "#app/routes/ontwikkeling.postvak.$id.html.tsx";
import * as departmentRoute from "#app/routes/beheer.afdelingen.$id.tsx";
import * as profileRoute from "#app/routes/profiel.tsx";
import type { User } from "#app/models/users.server.ts";
import { findProfile } from "#app/models/profiles.server.ts";
import { asc, eq } from "drizzle-orm";
import { getDb } from "#db/client.server.ts";
import { mailOutbox } from "#db/schema.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import {
  buildAccessWorld,
  cookieOf,
  privateOfB,
  snapshot,
  type AccessWorld,
} from "#test/access-fixtures.ts";
import { appRequest, settle, statusOf, testContext, type RouteFn } from "#test/factories.ts";

let world: AccessWorld;
let a: User;
let b: User;
/** A mail in the outbox addressed to B. */
let mailToB: number;

beforeAll(async () => {
  world = await buildAccessWorld();
  a = world.users.member;
  b = world.memberB;
  mailToB = getDb()
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(eq(mailOutbox.toUserId, b.id))
    .orderBy(asc(mailOutbox.id))
    .get()!.id;
});

/** The half-year of the held session (two days ago), whose evaluation quotes B's feedback. */
function heldHalfYear(): string {
  const held = new Date(Date.now() - 48 * 3_600_000);
  return `${held.getUTCFullYear()}-H${held.getUTCMonth() < 6 ? 1 : 2}`;
}

/** Live production: the development tools (the outbox pages) are off. */
async function live<T>(run: () => Promise<T>): Promise<T> {
  const saved = { NODE_ENV: process.env.NODE_ENV, APP_MODE: process.env.APP_MODE };
  process.env.NODE_ENV = "production";
  process.env.APP_MODE = "live";
  resetEnvCache();
  try {
    return await run();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvCache();
  }
}

type Answer = { status: number; body: string; unchanged: boolean };

/** The text a caller gets to see: the response body, or the loader's data as JSON. */
async function bodyOf(result: { response: Response | null; value: unknown }): Promise<string> {
  if (result.response) {
    const type = result.response.headers.get("Content-Type") ?? "";
    // A spreadsheet is a zip: its bytes say nothing readable, so read it as latin1 for names.
    return type.includes("spreadsheet")
      ? Buffer.from(await result.response.clone().arrayBuffer()).toString("latin1")
      : await result.response.clone().text();
  }
  return JSON.stringify(result.value);
}

async function send(
  fn: RouteFn,
  path: string,
  params: Record<string, string>,
  who: User,
  form?: Record<string, string>,
): Promise<Answer> {
  // The login session is made before the snapshot: it is the test's, not the request's.
  const cookie = cookieOf(who);
  const before = snapshot();
  const result = await settle(() =>
    fn({ request: appRequest(path, { cookie, form }), params, context: testContext }),
  );
  const body = await bodyOf(result);
  return { status: statusOf(result), body, unchanged: snapshot().equals(before) };
}

/** B's private data, none of which may reach A. */
function privateValues(): string[] {
  return [privateOfB.email, privateOfB.feedbackComment, privateOfB.rejectReason];
}

function leaks(body: string): string[] {
  const lower = body.toLowerCase();
  return privateValues().filter((value) => lower.includes(value.toLowerCase()));
}

const tally = { refused: 0, attempts: 0, publicOnly: 0, views: 0 };

type Attempt = {
  label: string;
  fn: RouteFn;
  path: (w: AccessWorld) => string;
  params: (w: AccessWorld) => Record<string, string>;
  form?: (w: AccessWorld) => Record<string, string>;
  /** Who tries; A unless said otherwise. */
  who?: (w: AccessWorld) => User;
  /** In live production rather than the demo. */
  live?: boolean;
};

const session = (id: (w: AccessWorld) => number) => ({
  path: (w: AccessWorld) => `/sessies/${id(w)}`,
  params: (w: AccessWorld) => ({ id: String(id(w)) }),
});

const attempts: Attempt[] = [
  // Feedback on B's attended enrolment: page, and a valid form.
  {
    label: "open the feedback page of B's attended enrolment",
    fn: feedbackRoute.loader as RouteFn,
    path: (w) => `/mijn-inschrijvingen/${w.attendedOfB}/feedback`,
    params: (w) => ({ id: String(w.attendedOfB) }),
  },
  {
    label: "give feedback on B's attended enrolment",
    fn: feedbackRoute.action as RouteFn,
    path: (w) => `/mijn-inschrijvingen/${w.attendedOfB}/feedback`,
    params: (w) => ({ id: String(w.attendedOfB) }),
    form: () => ({ rating: "5", comment: "Overschreven door A" }),
  },
  {
    label: "open the feedback page of B's upcoming enrolment",
    fn: feedbackRoute.loader as RouteFn,
    path: (w) => `/mijn-inschrijvingen/${w.enrolmentOfB}/feedback`,
    params: (w) => ({ id: String(w.enrolmentOfB) }),
  },
  // Cancelling B's enrolments, from A's own list and from the session pages.
  ...(["enrolmentOfB", "waitlistedOfB", "paidEnrolmentOfB"] as const).map((key): Attempt => ({
    label: `cancel ${key} from /mijn-inschrijvingen`,
    fn: myEnrolmentsRoute.action as RouteFn,
    path: () => "/mijn-inschrijvingen",
    params: () => ({}),
    form: (w) => ({ intent: "cancel", enrolmentId: String(w[key]) }),
  })),
  ...(
    [
      ["enrolmentOfB", "freeSessionId"],
      ["waitlistedOfB", "fullSessionId"],
      ["paidEnrolmentOfB", "paidSessionId"],
    ] as const
  ).flatMap(([key, sessionKey]) =>
    (
      [
        ["cancel", {}],
        ["approve", {}],
        ["reject", { reason: "Door A afgewezen" }],
      ] as const
    ).map(([intent, extra]): Attempt => ({
      label: `${intent} ${key} on its session page`,
      fn: sessionRoute.action as RouteFn,
      ...session((w) => w[sessionKey]),
      form: (w) => ({ intent, enrolmentId: String(w[key]), ...extra }),
    })),
  ),
  {
    label: "register attendance for B on the held session",
    fn: sessionRoute.action as RouteFn,
    ...session((w) => w.heldSessionId),
    form: (w) => ({
      intent: "attendance",
      "marks[0].enrolmentId": String(w.attendedOfB),
      "marks[0].attendance": "no_show",
    }),
  },
  // The participant lists that name B.
  ...(
    [
      ["csv", participantsCsvRoute],
      ["xlsx", participantsXlsxRoute],
    ] as const
  ).map(([ext, route]): Attempt => ({
    label: `download the participants of B's session as ${ext}`,
    fn: route.loader as RouteFn,
    path: (w) => `/sessies/${w.paidSessionId}/deelnemers.${ext}`,
    params: (w) => ({ id: String(w.paidSessionId) }),
  })),
  // An unpublished course and its session do not exist for a member: page, calendar file, enrolling.
  {
    label: "open an unpublished course",
    fn: courseRoute.loader as RouteFn,
    path: (w) => `/catalogus/${w.unpublishedSlug}`,
    params: (w) => ({ slug: w.unpublishedSlug }),
  },
  {
    label: "open a session of an unpublished course",
    fn: sessionRoute.loader as RouteFn,
    ...session((w) => w.unpublishedSessionId),
  },
  {
    label: "download the calendar file of a session of an unpublished course",
    fn: icsRoute.loader as RouteFn,
    path: (w) => `/sessies/${w.unpublishedSessionId}/ics`,
    params: (w) => ({ id: String(w.unpublishedSessionId) }),
  },
  {
    label: "enrol in a session of an unpublished course",
    fn: sessionRoute.action as RouteFn,
    ...session((w) => w.unpublishedSessionId),
    form: () => ({ intent: "enrol" }),
  },
  // B's guild membership.
  {
    label: "open B's membership form",
    fn: membershipRoute.loader as RouteFn,
    path: (w) => `/leden/${w.memberB.id}/lidmaatschap`,
    params: (w) => ({ id: String(w.memberB.id) }),
  },
  {
    label: "end B's membership",
    fn: membershipRoute.action as RouteFn,
    path: (w) => `/leden/${w.memberB.id}/lidmaatschap`,
    params: (w) => ({ id: String(w.memberB.id) }),
    form: () => ({ joinedOn: "2024-03-01", leftOn: "2025-01-01" }),
  },
  // B's expense (the cost of B's paid enrolment): the page and every decision on it.
  {
    label: "open the expense of B's paid enrolment",
    fn: expenseRoute.loader as RouteFn,
    path: (w) => `/uitgaven/${w.expenseOfB}`,
    params: (w) => ({ id: String(w.expenseOfB) }),
  },
  ...(
    [
      { intent: "approve" },
      { intent: "reject", reason: "Door A afgewezen." },
      { intent: "cancel", reason: "Door A geannuleerd." },
      { intent: "pay", paidAmount: "450" },
      {
        intent: "college",
        outcome: "approved",
        decisionDate: "2026-01-15",
        reference: "Z.1 / D.2",
      },
    ] as Record<string, string>[]
  ).map((form): Attempt => ({
    label: `${form.intent} the expense of B's paid enrolment`,
    fn: expenseRoute.action as RouteFn,
    path: (w) => `/uitgaven/${w.expenseOfB}`,
    params: (w) => ({ id: String(w.expenseOfB) }),
    form: () => form,
  })),
  // P&O sees the budget but decides nothing: not even on an expense of someone else.
  {
    label: "P&O cancels a coordinator's expense request",
    fn: expenseRoute.action as RouteFn,
    path: (w) => `/uitgaven/${w.expenseOfCoordinatorB}`,
    params: (w) => ({ id: String(w.expenseOfCoordinatorB) }),
    form: () => ({ intent: "cancel", reason: "Door P&O geannuleerd." }),
    who: (w) => w.users.hr,
  },
  // Managing B's course and sessions is for coordinators, P&O and admins.
  {
    label: "open the edit form of the course B is enrolled in",
    fn: editCourseRoute.loader as RouteFn,
    path: (w) => `/catalogus/${w.courseSlug}/bewerken`,
    params: (w) => ({ slug: w.courseSlug }),
  },
  {
    label: "open the edit form of B's paid session",
    fn: editSessionRoute.loader as RouteFn,
    path: (w) => `/sessies/${w.paidSessionId}/bewerken`,
    params: (w) => ({ id: String(w.paidSessionId) }),
  },
  {
    label: "cancel B's paid session",
    fn: cancelSessionRoute.action as RouteFn,
    path: (w) => `/sessies/${w.paidSessionId}/annuleren`,
    params: (w) => ({ id: String(w.paidSessionId) }),
    form: () => ({ reason: "Door A geannuleerd." }),
  },
  // The half-year evaluation quotes feedback comments, B's among them.
  ...(
    [
      ["csv", reportCsvRoute],
      ["xlsx", reportXlsxRoute],
    ] as const
  ).map(([ext, route]): Attempt => ({
    label: `download the half-year evaluation with B's feedback as ${ext}`,
    fn: route.loader as RouteFn,
    path: () => `/rapportages/${heldHalfYear()}.${ext}`,
    params: () => ({ halfjaar: heldHalfYear() }),
  })),
  // A mail to B in the outbox: readable in the demo by design, gone in live production.
  {
    label: "read a mail to B in the outbox (live)",
    fn: outboxMailRoute.loader as RouteFn,
    path: () => `/ontwikkeling/postvak/${mailToB}`,
    params: () => ({ id: String(mailToB) }),
    live: true,
  },
  {
    label: "read the HTML of a mail to B in the outbox (live)",
    fn: outboxHtmlRoute.loader as RouteFn,
    path: () => `/ontwikkeling/postvak/${mailToB}/html`,
    params: () => ({ id: String(mailToB) }),
    live: true,
  },
  {
    label: "rename B's department",
    fn: departmentRoute.action as RouteFn,
    path: (w) => `/beheer/afdelingen/${w.memberB.departmentId}`,
    params: (w) => ({ id: String(w.memberB.departmentId) }),
    form: () => ({ intent: "save", code: "XX", name: "Gekaapt" }),
  },
  // B's account in the user administration.
  {
    label: "open B's account in the administration",
    fn: userAdminRoute.loader as RouteFn,
    path: (w) => `/beheer/gebruikers/${w.memberB.id}`,
    params: (w) => ({ id: String(w.memberB.id) }),
  },
  ...(
    [
      { intent: "change_role", appRole: "admin" },
      { intent: "deactivate" },
      { intent: "resend_invitation" },
      { intent: "anonymise", confirmName: "Bram Ouwehand" },
    ] as Record<string, string>[]
  ).map((form): Attempt => ({
    label: `${form.intent} B's account`,
    fn: userAdminRoute.action as RouteFn,
    path: (w) => `/beheer/gebruikers/${w.memberB.id}`,
    params: (w) => ({ id: String(w.memberB.id) }),
    form: () => form,
  })),
];

describe("a member who swaps in another member's ids", () => {
  it.each(attempts.map((attempt) => [attempt.label, attempt] as const))(
    "%s: refused, nothing shown, nothing changed",
    async (_label, attempt) => {
      tally.attempts++;
      const run = () =>
        send(
          attempt.fn,
          attempt.path(world),
          attempt.params(world),
          attempt.who?.(world) ?? a,
          attempt.form?.(world),
        );
      const answer = attempt.live ? await live(run) : await run();
      expect([403, 404], `status ${answer.status}: ${answer.body.slice(0, 200)}`).toContain(
        answer.status,
      );
      expect(leaks(answer.body)).toEqual([]);
      expect(answer.unchanged, "the database changed").toBe(true);
      tally.refused++;
    },
  );
});

describe("pages that show B to every member show only the public part", () => {
  async function view(fn: RouteFn, path: string, params: Record<string, string> = {}) {
    const answer = await send(fn, path, params, a);
    expect(answer.status).toBe(200);
    expect(answer.unchanged, "a GET changed the database").toBe(true);
    return answer;
  }

  it("the directory profile shows B's public profile, and nothing private", async () => {
    tally.views++;
    const { body } = await view(memberRoute.loader as RouteFn, `/leden/${b.id}`, {
      id: String(b.id),
    });
    for (const shown of ["Bram Ouwehand", "Team Sociaal Domein", "jeugdzorg in de wijk"]) {
      expect(body).toContain(shown);
    }
    expect(leaks(body)).toEqual([]);
    // Nor how B's enrolments stand: waitlisted, awaiting approval, rejected.
    expect(body).not.toMatch(/wachtlijst|afgewezen|aanvraag/i);
    tally.publicOnly++;
  });

  it("a session page B is enrolled in names no participants to a member", async () => {
    tally.views++;
    for (const id of [world.paidSessionId, world.fullSessionId, world.freeSessionId]) {
      const { body, status } = await view(sessionRoute.loader as RouteFn, `/sessies/${id}`, {
        id: String(id),
      });
      expect(status).toBe(200);
      expect(body).not.toContain("Bram Ouwehand");
      expect(leaks(body)).toEqual([]);
      expect((JSON.parse(body) as { participants: unknown }).participants).toBeNull();
    }
    tally.publicOnly++;
  });

  it("A's own list and A's own data download hold nothing of B's", async () => {
    tally.views++;
    const list = await view(myEnrolmentsRoute.loader as RouteFn, "/mijn-inschrijvingen");
    expect(leaks(list.body)).toEqual([]);
    const listed = JSON.parse(list.body) as Record<"upcoming" | "past", { id: number }[]>;
    const ids = [...listed.upcoming, ...listed.past].map((row) => row.id);
    expect(ids).toContain(world.enrolmentOfA);
    for (const theirs of [world.enrolmentOfB, world.waitlistedOfB, world.paidEnrolmentOfB]) {
      expect(ids).not.toContain(theirs);
    }

    // B's id in the URL and the form: the download only knows who is signed in.
    const download = await send(
      personalDataRoute.action as RouteFn,
      `/profiel/mijn-gegevens.json?id=${b.id}`,
      {},
      a,
      { id: String(b.id), userId: String(b.id) },
    );
    expect(download.status).toBe(200);
    const exported = JSON.parse(download.body) as {
      tabellen: Record<string, Record<string, unknown>[]>;
    };
    expect(exported.tabellen.users!.map((row) => row.id)).toEqual([a.id]);
    expect(leaks(download.body)).toEqual([]);
    expect(download.body).not.toContain("Bram Ouwehand");
    tally.publicOnly++;
  });

  it("a userId posted with A's profile form changes A's profile, never B's", async () => {
    tally.views++;
    const before = findProfile(getDb(), b.id)!;
    const answer = await send(profileRoute.action as RouteFn, "/profiel", {}, a, {
      userId: String(b.id),
      id: String(b.id),
      team: "Team Overname",
      expertise: "kapen",
      introduction: "Dit is nu van A.",
      ogwRole: "employee",
    });
    expect(answer.status).toBe(302);
    expect(findProfile(getDb(), b.id)).toEqual(before);
    expect(findProfile(getDb(), a.id)!.team).toBe("Team Overname");
    tally.publicOnly++;
  });
});

describe("a second coordinator", () => {
  it("cannot approve their own expense request (four eyes), and nothing changes", async () => {
    tally.attempts++;
    const answer = await send(
      expenseRoute.action as RouteFn,
      `/uitgaven/${world.expenseOfCoordinatorB}`,
      { id: String(world.expenseOfCoordinatorB) },
      world.coordinatorB,
      { intent: "approve" },
    );
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.unchanged, "the database changed").toBe(true);
    tally.refused++;
  });

  it("may approve the other coordinator's request", async () => {
    const answer = await send(
      expenseRoute.action as RouteFn,
      `/uitgaven/${world.expenseOfCoordinatorB}`,
      { id: String(world.expenseOfCoordinatorB) },
      world.users.coordinator,
      { intent: "approve" },
    );
    expect(answer.status).toBe(302);
    expect(answer.unchanged).toBe(false);
  });
});

describe("the same requests on A's own objects are not refused", () => {
  // Without these the attempts above could pass because the forms are simply wrong.
  it("A opens and gives feedback on A's own attended enrolment", async () => {
    const path = `/mijn-inschrijvingen/${world.attendedOfA}/feedback`;
    const params = { id: String(world.attendedOfA) };
    const page = await send(feedbackRoute.loader as RouteFn, path, params, a);
    expect(page.status).toBe(200);
    const given = await send(feedbackRoute.action as RouteFn, path, params, a, {
      rating: "5",
      comment: "Goed.",
    });
    expect(given.status).toBe(302);
    expect(given.unchanged).toBe(false);
  });

  it("A cancels A's own enrolment from the list", async () => {
    const answer = await send(myEnrolmentsRoute.action as RouteFn, "/mijn-inschrijvingen", {}, a, {
      intent: "cancel",
      enrolmentId: String(world.enrolmentOfA),
    });
    expect(answer.status).toBe(302);
    expect(answer.unchanged).toBe(false);
  });

  it("a coordinator may open B's expense and the participant list naming B", async () => {
    const coordinator = world.users.coordinator;
    const expense = await send(
      expenseRoute.loader as RouteFn,
      `/uitgaven/${world.expenseOfB}`,
      { id: String(world.expenseOfB) },
      coordinator,
    );
    expect(expense.status).toBe(200);
    const csv = await send(
      participantsCsvRoute.loader as RouteFn,
      `/sessies/${world.paidSessionId}/deelnemers.csv`,
      { id: String(world.paidSessionId) },
      coordinator,
    );
    expect(csv.status).toBe(200);
    expect(csv.body).toContain("Bram Ouwehand");
    const report = await send(
      reportCsvRoute.loader as RouteFn,
      `/rapportages/${heldHalfYear()}.csv`,
      { halfjaar: heldHalfYear() },
      coordinator,
    );
    expect(report.status).toBe(200);
    expect(report.body).toContain(privateOfB.feedbackComment);
  });
});

afterAll(() => {
  console.log(
    `Object access: ${tally.refused} of ${tally.attempts} attempts on objects not the caller's to touch refused; ` +
      `${tally.publicOnly} of ${tally.views} shared pages showed only what they may`,
  );
});
