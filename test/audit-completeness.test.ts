// Audit completeness: a scripted journey of state-changing actions through the route actions leaves
// one audit row per action (action, object, result, origin, actor, UTC time), the same fields as one
// JSON log line each, and no password or token in any table, the database file or the log.
import fs from "node:fs";
import { and, desc, eq, gt, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, getSqlite } from "#db/client.server.ts";
import {
  auditLog,
  courseSessions,
  courses,
  enrolments,
  expenses,
  learningGoals,
  mailOutbox,
} from "#db/schema.ts";
import * as signInRoute from "#app/routes/inloggen.tsx";
import * as signOutRoute from "#app/routes/uitloggen.tsx";
import * as newUserRoute from "#app/routes/beheer.gebruikers.nieuw.tsx";
import * as userRoute from "#app/routes/beheer.gebruikers.$id.tsx";
import * as invitationRoute from "#app/routes/uitnodiging.$token.tsx";
import * as forgotRoute from "#app/routes/wachtwoord-vergeten.tsx";
import * as resetRoute from "#app/routes/wachtwoord-herstellen.$token.tsx";
import * as newCourseRoute from "#app/routes/catalogus.nieuw.tsx";
import * as editCourseRoute from "#app/routes/catalogus.$slug_.bewerken.tsx";
import * as newSessionRoute from "#app/routes/catalogus.$slug_.sessies.nieuw.tsx";
import * as editSessionRoute from "#app/routes/sessies.$id_.bewerken.tsx";
import * as cancelSessionRoute from "#app/routes/sessies.$id_.annuleren.tsx";
import * as sessionRoute from "#app/routes/sessies.$id.tsx";
import * as myEnrolmentsRoute from "#app/routes/mijn-inschrijvingen.tsx";
import * as feedbackRoute from "#app/routes/mijn-inschrijvingen_.$id.feedback.tsx";
import * as newExpenseRoute from "#app/routes/uitgaven.nieuw.tsx";
import * as expenseRoute from "#app/routes/uitgaven.$id.tsx";
import * as budgetSettingsRoute from "#app/routes/beheer.budget.tsx";
import * as profileRoute from "#app/routes/profiel.tsx";
import * as personalDataRoute from "#app/routes/profiel.mijn-gegevens[.]json.tsx";
import * as membershipRoute from "#app/routes/leden.$id_.lidmaatschap.tsx";
import * as departmentsRoute from "#app/routes/beheer.afdelingen._index.tsx";
import * as departmentRoute from "#app/routes/beheer.afdelingen.$id.tsx";
import { captureLogs, getLogger } from "#app/utils/logger.server.ts";
import {
  appRequest,
  createUser,
  ensureDepartment,
  sessionCookieFor,
  settle,
  statusOf,
  TEST_PASSWORD,
  testContext,
  type RouteFn,
} from "#test/factories.ts";

const WRONG_PASSWORD = "verkeerd wachtwoord voor de audit";
const INVITATION_PASSWORD = "een nieuwe collega met een lange zin";
const RESET_PASSWORD = "herstelde toegang met een lange zin";
const HOUR = 60 * 60 * 1000;

type Person = { id: number; email: string; name: string; cookie: string };
const people = {} as Record<
  "admin" | "coordinator" | "reviewer" | "anna" | "bram" | "carla",
  Person
>;

/** Every secret the journey handles, to be searched for afterwards. */
const passwords = new Set([TEST_PASSWORD, WRONG_PASSWORD, INVITATION_PASSWORD, RESET_PASSWORD]);
const tokens = new Set<string>();

type Step = { label: string; status: number; newRows: number };
const steps: Step[] = [];
let auditMark = 0;
let journeyStart = new Date();
let journeyEnd = new Date();
let goalId = 0;
let log: ReturnType<typeof captureLogs>;

function lastAuditId(): number {
  return (
    getDb()
      .select({ id: max(auditLog.id) })
      .from(auditLog)
      .get()?.id ?? 0
  );
}

function cookieFromSetCookie(response: Response | null): string {
  const header = response?.headers.get("Set-Cookie") ?? "";
  const match = /gilde_sessie=([a-z2-7]+)/.exec(header);
  expect(match, `a session cookie in ${header}`).not.toBeNull();
  tokens.add(match![1]!);
  return `gilde_sessie=${match![1]}`;
}

function factoryCookie(userId: number): string {
  const cookie = sessionCookieFor(userId);
  tokens.add(cookie.split("=")[1]!);
  return cookie;
}

/**
 * One user action through a route's action (or a loader that records something). Checks the HTTP
 * status and that the action added at least one audit row.
 */
async function step(
  label: string,
  fn: unknown,
  path: string,
  options: {
    cookie?: string;
    form?: Record<string, string>;
    params?: Record<string, string>;
    status?: number;
  } = {},
) {
  const before = lastAuditId();
  const result = await settle(() =>
    (fn as RouteFn)({
      request: appRequest(path, { cookie: options.cookie, form: options.form }),
      params: options.params ?? {},
      context: testContext,
    }),
  );
  const status = statusOf(result);
  expect(status, `${label}: ${JSON.stringify(result.value)?.slice(0, 400)}`).toBe(
    options.status ?? 302,
  );
  const newRows = lastAuditId() - before;
  steps.push({ label, status, newRows });
  expect(newRows, `${label} leaves an audit row`).toBeGreaterThanOrEqual(1);
  return result;
}

function locationOf(result: { response: Response | null }): string {
  return result.response?.headers.get("Location") ?? "";
}

/** The link token in the newest mail to `email` under `/prefix/`; the mail is the delivery channel. */
function tokenFromOutbox(email: string, prefix: string): string {
  const mail = getDb()
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, email))
    .orderBy(desc(mailOutbox.id))
    .get();
  const match = mail?.text.match(new RegExp(`${prefix}/([a-z2-7]+)`));
  expect(match, `a ${prefix} link in the mail to ${email}`).toBeTruthy();
  tokens.add(match![1]!);
  return match![1]!;
}

function courseForm(title: string, cost: string): Record<string, string> {
  return {
    title,
    kind: "in_house",
    summary: "Een opleiding om het logboek mee te volgen.",
    body: "## Programma\n\nEen ochtend.",
    provider: "Bureau Opgave",
    costPerParticipant: cost,
    durationHours: "3",
    targetRoles: "employee",
    learningGoalIds: String(goalId),
    published: "on",
  };
}

function sessionForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    startsAt: "2030-03-12T09:30",
    endsAt: "2030-03-12T12:00",
    location: "Raadhuis Huizen, zaal 2",
    onlineUrl: "",
    capacity: "1",
    enrolmentDeadline: "2030-03-05T17:00",
    sessionCost: "0",
    ...overrides,
  };
}

const budgetSettings = {
  name: "Opleidingsbudget Gilde OGW",
  fundingSource: "Incidentele middelen",
  decisionDate: "2023-01-31",
  decisionReference: "Z.180338 / D.1436779",
  startDate: "2023-02-01",
  endDate: "2099-12-31",
  significanceThreshold: "2.500",
};

function expenseForm(amount: string): Record<string, string> {
  return {
    intent: "submit",
    description: "Trainer voor de opleiding opgaven afbakenen",
    supplier: "Bureau Opgave",
    kind: "in_house",
    amount,
    courseId: "",
    sessionId: "",
  };
}

function enrolmentOf(sessionId: number, memberId: number) {
  return getDb()
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.sessionId, sessionId), eq(enrolments.memberId, memberId)))
    .orderBy(desc(enrolments.id))
    .get()!;
}

function newestExpenseId(): number {
  return getDb()
    .select({ id: max(expenses.id) })
    .from(expenses)
    .get()!.id!;
}

async function requestExpense(amount: string): Promise<number> {
  const result = await step(
    `expense requested (${amount})`,
    newExpenseRoute.action,
    "/uitgaven/nieuw",
    {
      cookie: people.coordinator.cookie,
      form: expenseForm(amount),
    },
  );
  expect(locationOf(result)).toMatch(/^\/uitgaven\/\d+$/);
  return newestExpenseId();
}

beforeAll(async () => {
  const db = getDb();
  goalId = db
    .insert(learningGoals)
    .values({
      slug: "opgave-afbakenen",
      title: "Een opgave afbakenen",
      description: "Scope en opdracht.",
      sortOrder: 1,
    })
    .returning()
    .get().id;
  const roles = {
    admin: "admin",
    coordinator: "coordinator",
    reviewer: "coordinator",
    anna: "member",
    bram: "member",
    carla: "member",
  } as const;
  for (const [key, appRole] of Object.entries(roles)) {
    const user = await createUser({ appRole, name: `Persoon ${key}` });
    people[key as keyof typeof people] = {
      id: user.id,
      email: user.email,
      name: user.name,
      cookie: "",
    };
  }
  auditMark = lastAuditId();
  log = captureLogs();
  journeyStart = new Date();
});

afterAll(() => {
  log?.stop();
});

describe("a journey through the portal", () => {
  it("records every state-changing action in the audit log", async () => {
    // ---- Signing in, with passwords ----
    await step("sign-in with a wrong password", signInRoute.action, "/inloggen", {
      form: { email: people.anna.email, password: WRONG_PASSWORD },
      status: 400,
    });
    for (const who of ["admin", "coordinator", "reviewer", "anna", "carla"] as const) {
      const result = await step(`sign-in ${who}`, signInRoute.action, "/inloggen", {
        form: { email: people[who].email, password: TEST_PASSWORD },
      });
      people[who].cookie = cookieFromSetCookie(result.response);
    }
    const admin = people.admin.cookie;
    const coordinator = people.coordinator.cookie;

    // ---- Accounts: invitation, reset ----
    const invited = await step("invite a user", newUserRoute.action, "/beheer/gebruikers/nieuw", {
      cookie: admin,
      form: {
        name: "Nieuwe Collega",
        email: "nieuwe.collega@huizen.example",
        departmentId: String(ensureDepartment()),
        ogwRole: "employee",
        appRole: "member",
      },
    });
    const invitedId = Number(locationOf(invited).split("/").at(-1));
    const firstInvitationToken = tokenFromOutbox("nieuwe.collega@huizen.example", "/uitnodiging");
    await step("resend the invitation", userRoute.action, `/beheer/gebruikers/${invitedId}`, {
      cookie: admin,
      params: { id: String(invitedId) },
      form: { intent: "resend_invitation" },
    });
    const invitationToken = tokenFromOutbox("nieuwe.collega@huizen.example", "/uitnodiging");
    expect(invitationToken).not.toBe(firstInvitationToken);
    await step("accept with an unknown link", invitationRoute.action, "/uitnodiging/onbekend", {
      params: { token: "abcdefghijklmnopqrstuvwxyz234567" },
      form: { password: INVITATION_PASSWORD, confirmPassword: INVITATION_PASSWORD },
      status: 410,
    });
    await step("accept the invitation", invitationRoute.action, `/uitnodiging/${invitationToken}`, {
      params: { token: invitationToken },
      form: { password: INVITATION_PASSWORD, confirmPassword: INVITATION_PASSWORD },
    });
    await step("change the new user's role", userRoute.action, `/beheer/gebruikers/${invitedId}`, {
      cookie: admin,
      params: { id: String(invitedId) },
      form: { intent: "change_role", appRole: "hr" },
    });
    await step("request a password reset", forgotRoute.action, "/wachtwoord-vergeten", {
      form: { email: people.bram.email },
      status: 200,
    });
    await step(
      "request a reset for an unknown address",
      forgotRoute.action,
      "/wachtwoord-vergeten",
      {
        form: { email: "niemand@huizen.example" },
        status: 200,
      },
    );
    const resetToken = tokenFromOutbox(people.bram.email, "/wachtwoord-herstellen");
    await step("set a new password", resetRoute.action, `/wachtwoord-herstellen/${resetToken}`, {
      params: { token: resetToken },
      form: { password: RESET_PASSWORD, confirmPassword: RESET_PASSWORD },
    });
    const bramIn = await step("sign-in with the new password", signInRoute.action, "/inloggen", {
      form: { email: people.bram.email, password: RESET_PASSWORD },
    });
    people.bram.cookie = cookieFromSetCookie(bramIn.response);

    // ---- Catalogue ----
    const free = await step("create a course", newCourseRoute.action, "/catalogus/nieuw", {
      cookie: coordinator,
      form: courseForm("Opgaven afbakenen", "0"),
    });
    const freeSlug = locationOf(free).replace("/catalogus/", "");
    const paid = await step("create a paid course", newCourseRoute.action, "/catalogus/nieuw", {
      cookie: coordinator,
      form: courseForm("Actoren in kaart", "250"),
    });
    const paidSlug = locationOf(paid).replace("/catalogus/", "");
    const editPath = `/catalogus/${freeSlug}/bewerken`;
    await step("edit a course", editCourseRoute.action, editPath, {
      cookie: coordinator,
      params: { slug: freeSlug },
      form: { intent: "save", ...courseForm("Opgaven afbakenen en richten", "0") },
    });
    for (const intent of ["unpublish", "publish"]) {
      await step(`${intent} a course`, editCourseRoute.action, editPath, {
        cookie: coordinator,
        params: { slug: freeSlug },
        form: { intent },
      });
    }
    const sessionIds: number[] = [];
    for (const slug of [freeSlug, paidSlug]) {
      await step("create a session", newSessionRoute.action, `/catalogus/${slug}/sessies/nieuw`, {
        cookie: coordinator,
        params: { slug },
        form: sessionForm({ capacity: slug === freeSlug ? "1" : "5" }),
      });
      const course = getDb().select().from(courses).where(eq(courses.slug, slug)).get()!;
      sessionIds.push(
        getDb()
          .select({ id: max(courseSessions.id) })
          .from(courseSessions)
          .where(eq(courseSessions.courseId, course.id))
          .get()!.id!,
      );
    }
    const [freeSession, paidSession] = sessionIds as [number, number];
    await step("edit a session", editSessionRoute.action, `/sessies/${freeSession}/bewerken`, {
      cookie: coordinator,
      params: { id: String(freeSession) },
      form: sessionForm({ location: "Raadhuis Huizen, zaal 3" }),
    });

    // ---- Enrolments: seat, waitlist, promotion, paid approval ----
    const onSession = (id: number) => ({ path: `/sessies/${id}`, params: { id: String(id) } });
    const free$ = onSession(freeSession);
    const paid$ = onSession(paidSession);
    for (const who of ["anna", "bram"] as const) {
      await step(`${who} enrols`, sessionRoute.action, free$.path, {
        cookie: people[who].cookie,
        params: free$.params,
        form: { intent: "enrol" },
      });
    }
    expect(enrolmentOf(freeSession, people.bram.id).status).toBe("waitlisted");
    await step("cancel, the waitlist moves up", myEnrolmentsRoute.action, "/mijn-inschrijvingen", {
      cookie: people.anna.cookie,
      form: { intent: "cancel", enrolmentId: String(enrolmentOf(freeSession, people.anna.id).id) },
    });
    expect(enrolmentOf(freeSession, people.bram.id).status).toBe("confirmed");

    await step("create the budget", budgetSettingsRoute.action, "/beheer/budget", {
      cookie: admin,
      form: { intent: "create", ...budgetSettings, initialAmount: "15.000" },
    });
    await step("change the budget settings", budgetSettingsRoute.action, "/beheer/budget", {
      cookie: admin,
      form: { intent: "settings", ...budgetSettings, significanceThreshold: "3.000" },
    });
    for (const who of ["anna", "carla"] as const) {
      await step(`${who} asks for a paid seat`, sessionRoute.action, paid$.path, {
        cookie: people[who].cookie,
        params: paid$.params,
        form: { intent: "enrol" },
      });
    }
    await step("approve a paid enrolment", sessionRoute.action, paid$.path, {
      cookie: coordinator,
      params: paid$.params,
      form: { intent: "approve", enrolmentId: String(enrolmentOf(paidSession, people.anna.id).id) },
    });
    await step("reject a paid enrolment", sessionRoute.action, paid$.path, {
      cookie: coordinator,
      params: paid$.params,
      form: {
        intent: "reject",
        enrolmentId: String(enrolmentOf(paidSession, people.carla.id).id),
        reason: "Dit jaar niet binnen het budget.",
      },
    });

    // ---- After the session: attendance and feedback ----
    // The clock cannot move for the route, so the session moves into the past (test set-up).
    const past = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
    getDb()
      .update(courseSessions)
      .set({ startsAt: past(5), endsAt: past(2), enrolmentDeadline: past(48) })
      .where(eq(courseSessions.id, freeSession))
      .run();
    const bramEnrolment = enrolmentOf(freeSession, people.bram.id).id;
    await step("register attendance", sessionRoute.action, free$.path, {
      cookie: coordinator,
      params: free$.params,
      form: {
        intent: "attendance",
        "marks[0].enrolmentId": String(bramEnrolment),
        "marks[0].attendance": "attended",
      },
    });
    const feedbackPath = `/mijn-inschrijvingen/${bramEnrolment}/feedback`;
    await step("give feedback", feedbackRoute.action, feedbackPath, {
      cookie: people.bram.cookie,
      params: { id: String(bramEnrolment) },
      form: { rating: "4", learningGoalIds: String(goalId), comment: "Nuttig." },
    });

    // ---- Expenses, four eyes and the college ----
    const approved = await requestExpense("1.000");
    const expenseStep = (label: string, id: number, cookie: string, form: Record<string, string>) =>
      step(label, expenseRoute.action, `/uitgaven/${id}`, {
        cookie,
        params: { id: String(id) },
        form,
      });
    await expenseStep("approve an expense", approved, people.reviewer.cookie, {
      intent: "approve",
    });
    const rejected = await requestExpense("800");
    await expenseStep("reject an expense", rejected, people.reviewer.cookie, {
      intent: "reject",
      reason: "Past niet bij de leerdoelen.",
    });
    const cancelled = await requestExpense("600");
    await expenseStep("cancel one's own expense", cancelled, coordinator, {
      intent: "cancel",
      reason: "Toch niet nodig.",
    });
    const significant = await requestExpense("5.000");
    await expenseStep("record the college's decision", significant, admin, {
      intent: "college",
      outcome: "approved",
      decisionDate: new Date().toISOString().slice(0, 10),
      reference: "Z.123456 / D.7654321",
    });

    // ---- Profile, membership, personal data, departments ----
    await step("edit one's profile", profileRoute.action, "/profiel", {
      cookie: people.anna.cookie,
      form: {
        team: "Team Ruimte",
        expertise: "omgevingswet; participatie",
        introduction: "Ik werk aan de opgave Oude Haven.",
        ogwRole: "employee",
      },
    });
    await step("register guild membership", membershipRoute.action, "/leden/x/lidmaatschap", {
      cookie: coordinator,
      params: { id: String(people.anna.id) },
      form: { joinedOn: "2024-01-15", leftOn: "" },
    });
    await step(
      "download one's personal data",
      personalDataRoute.action,
      "/profiel/mijn-gegevens.json",
      {
        cookie: people.anna.cookie,
        form: {},
        status: 200,
      },
    );
    const added = await step("add a department", departmentsRoute.action, "/beheer/afdelingen", {
      cookie: admin,
      form: { code: "WZ", name: "Wonen en Zorg" },
    });
    const departmentId = locationOf(added).split("/").at(-1) ?? "";
    const departmentId$ = /^\d+$/.test(departmentId)
      ? departmentId
      : String(getSqlite().prepare("SELECT max(id) AS id FROM departments").pluck().get());
    const departmentForms: Record<string, string>[] = [
      { intent: "save", code: "WZ", name: "Wonen, Zorg en Welzijn" },
      { intent: "delete" },
    ];
    for (const form of departmentForms) {
      await step(
        `department ${form.intent}`,
        departmentRoute.action,
        `/beheer/afdelingen/${departmentId$}`,
        {
          cookie: admin,
          params: { id: departmentId$ },
          form,
        },
      );
    }

    // ---- Leaving: cancel a session, deactivate, anonymise, sign out ----
    await step("cancel a session", cancelSessionRoute.action, `/sessies/${paidSession}/annuleren`, {
      cookie: coordinator,
      params: { id: String(paidSession) },
      form: { reason: "De trainer is ziek." },
    });
    const bramPath = `/beheer/gebruikers/${people.bram.id}`;
    await step("deactivate a member", userRoute.action, bramPath, {
      cookie: admin,
      params: { id: String(people.bram.id) },
      form: { intent: "deactivate" },
    });
    await step("anonymise a departed member", userRoute.action, bramPath, {
      cookie: admin,
      params: { id: String(people.bram.id) },
      form: { intent: "anonymise", confirmName: people.bram.name },
    });
    await step("sign out", signOutRoute.action, "/uitloggen", {
      cookie: people.anna.cookie,
      form: {},
    });
    // Cookies made directly for the remaining checks count as secrets as well.
    factoryCookie(people.carla.id);
    journeyEnd = new Date();
    // Lines written in a transaction follow in the next microtask.
    await Promise.resolve();

    const rows = getDb().select().from(auditLog).where(gt(auditLog.id, auditMark)).all();
    const actions = new Set(rows.map((row) => row.action));
    console.log(
      `Audit journey: ${steps.length} actions, ${rows.length} audit rows, ${actions.size} distinct audit actions`,
    );
    expect(steps.length).toBeGreaterThanOrEqual(30);
    expect(rows.length).toBeGreaterThanOrEqual(30);

    for (const row of rows) {
      const where = `audit row ${row.id} (${row.action})`;
      expect(row.action, where).toMatch(/^[a-z_]+$/);
      expect(row.objectType, where).toMatch(/^[a-z_]+$/);
      expect(["success", "failure", "denied"], where).toContain(row.result);
      expect(row.origin, where).toBe(testContext.clientAddress);
      expect(row.at, where).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const at = Date.parse(row.at);
      expect(at, where).toBeGreaterThanOrEqual(journeyStart.getTime());
      expect(at, where).toBeLessThanOrEqual(journeyEnd.getTime());
      // Only a refused link (no object but the secret itself) has no object id.
      if (row.objectType !== "one_time_token") expect(row.objectId, where).toMatch(/\S/);
      // No one is signed in for a failed sign-in, a refused link or a reset asked for an unknown
      // address; everything else has an actor.
      const anonymous =
        row.result === "failure" &&
        ["sign_in", "invitation_accepted", "password_reset_requested"].includes(row.action);
      if (anonymous) expect(row.actorId, where).toBeNull();
      else expect(row.actorId, where).toBeGreaterThan(0);
    }
    expect(rows.filter((row) => row.result === "failure").length).toBeGreaterThanOrEqual(3);

    // One JSON log line per audit row, with the same fields.
    const auditLines = log.lines().filter((line) => line.audit === true);
    expect(auditLines).toHaveLength(rows.length);
    const byId = new Map(auditLines.map((line) => [line.auditId, line]));
    for (const row of rows) {
      expect(byId.get(row.id), `log line for audit row ${row.id}`).toEqual(
        expect.objectContaining({
          action: row.action,
          objectType: row.objectType,
          objectId: row.objectId,
          result: row.result,
          origin: row.origin,
          actorId: row.actorId,
          at: row.at,
        }),
      );
    }
  });

  it("keeps every password and token out of the database, its file and the log", () => {
    expect(tokens.size).toBeGreaterThanOrEqual(9);
    // A request log line for a link with a token: the logger replaces it.
    for (const token of tokens) {
      getLogger().info({ path: `/wachtwoord-herstellen/${token}?x=1` }, "request");
      getLogger().info({ path: `/uitnodiging/${token}`, req: { headers: { cookie: token } } });
    }
    const sqlite = getSqlite();
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const secrets = [...passwords, ...tokens];
    const findings: string[] = [];

    // The link tokens are in the bodies of the invitation and reset mails: the outbox is how they
    // reach the person, and those bodies are the one place allowed to hold them.
    const outboxColumns = new Set(["html", "text"]);
    let allowed = new Map<string, number>();
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const columns = sqlite.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as {
        name: string;
        type: string;
      }[];
      for (const { name } of columns) {
        const values = sqlite
          .prepare(`SELECT CAST("${name}" AS BLOB) FROM "${table}" WHERE "${name}" IS NOT NULL`)
          .pluck()
          .all() as Buffer[];
        for (const value of values) {
          const text = Buffer.from(value).toString("latin1");
          for (const secret of secrets) {
            const hits = text.split(secret).length - 1;
            if (hits === 0) continue;
            if (table === "mail_outbox" && outboxColumns.has(name) && tokens.has(secret)) {
              allowed.set(secret, (allowed.get(secret) ?? 0) + hits);
            } else {
              findings.push(`${table}.${name}`);
            }
          }
        }
      }
    }
    // Only unsent mail may hold a link token.
    const unsent = getDb().select().from(mailOutbox).where(eq(mailOutbox.status, "pending")).all();
    const inUnsent = new Map<string, number>();
    for (const mail of unsent) {
      for (const token of tokens) {
        const hits = `${mail.html}\n${mail.text}`.split(token).length - 1;
        if (hits > 0) inUnsent.set(token, (inUnsent.get(token) ?? 0) + hits);
      }
    }
    expect(allowed).toEqual(inUnsent);

    // The file itself: a secret may occur only as often as the allowed outbox bodies hold it, so
    // a leftover copy in a free page or another row would show.
    const file = fs.readFileSync(sqlite.name).toString("latin1");
    const wal = fs.existsSync(`${sqlite.name}-wal`)
      ? fs.readFileSync(`${sqlite.name}-wal`).toString("latin1")
      : "";
    for (const secret of secrets) {
      const inFile = (file + wal).split(secret).length - 1;
      if (inFile > (allowed.get(secret) ?? 0)) findings.push(`database file (${inFile}×)`);
    }
    const logText = log.text();
    for (const secret of secrets) if (logText.includes(secret)) findings.push("log");

    console.log(
      `Secrets checked: ${passwords.size} passwords, ${tokens.size} tokens, ${tables.length} tables, ` +
        `${log.lines().length} log lines; secrets found = ${findings.length}; ` +
        `link tokens in unsent outbox mail bodies (allowed) = ${[...allowed.values()].reduce((a, b) => a + b, 0)}`,
    );
    expect(findings).toEqual([]);
    allowed = new Map();
  });
});
