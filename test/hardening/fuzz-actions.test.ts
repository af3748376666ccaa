// Every action fuzzed with at least 1 000 generated payloads (fast-check): valid-looking values from
// the zod schemas mixed with hostile ones and fields that try to set what the user may not. No
// payload may cause a 500 or an unhandled throw, break a rule of the product in the database, or get
// a forbidden field stored.
import fc from "fast-check";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSqlite } from "#db/client.server.ts";
import { appRoles, ogwRoles } from "#app/domain/roles.ts";
import {
  courseFormSchema,
  cancelSessionSchema,
  sessionFormSchema,
} from "#app/utils/catalogue-schemas.ts";
import { departmentFormSchema } from "#app/utils/department-schemas.ts";
import { attendanceSchema, enrolmentSchema, rejectSchema } from "#app/utils/enrolment-schemas.ts";
import {
  cancelExpenseSchema,
  expenseRequestSchema,
  payExpenseSchema,
  rejectExpenseSchema,
} from "#app/utils/expense-schemas.ts";
import { createFeedbackSchema } from "#app/utils/feedback-schemas.ts";
import { membershipSchema, profileSchema } from "#app/utils/profile-schemas.ts";
import { collegeDecisionOutcomes } from "#db/schema.ts";
import { settle, statusOf, testContext } from "#test/factories.ts";
import {
  calendarDate,
  departmentCode,
  duration,
  euro,
  futureDateTime,
  onlineUrl,
  password,
  pastCalendarDate,
  reason,
  sessionDeadline,
  sessionEnd,
  sessionStart,
  signInPassword,
  slot,
  uniqueEmail,
} from "./fuzz/hints.ts";
import { persistedMarkers, ruleViolations } from "./fuzz/invariants.ts";
import { describePayload, fuzzRequest } from "./fuzz/request.ts";
import {
  attendedEnrolment,
  buildWorld,
  departedMember,
  enrolFresh,
  expense,
  freshDepartment,
  futureSession,
  plainUser,
  startedSession,
  tokenFor,
  type World,
} from "./fuzz/world.ts";
import { payloads, type Hints, type Payload } from "./fuzz/zod-arbitrary.ts";

type RouteModule = { action?: (args: unknown) => unknown };

const modules = import.meta.glob<RouteModule>("/app/routes/*.tsx", { eager: true });

const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
// A fixed seed by default, so that CI runs the same 41 000 payloads every time and a failure can be
// replayed; FUZZ_SEED=random (or any number) explores other payloads.
const seed =
  process.env.FUZZ_SEED === "random"
    ? Date.now() % 2_147_483_647
    : Number(process.env.FUZZ_SEED ?? 20_261_128);

type Fixture = {
  params?: Record<string, string>;
  /** The signed-in caller; none for anonymous actions. */
  cookie?: string;
  context?: typeof testContext;
  /** Values for the "{{name}}" slots in payloads. */
  vars?: Record<string, string | number>;
};

type Since = Record<"users" | "expenses" | "enrolments" | "feedback" | "budgets", number>;

type Target = {
  file: string;
  intent?: string;
  schema: unknown;
  hints?: Hints;
  fixture: () => Fixture | Promise<Fixture>;
  /** Keep the fixture after a successful call (editing the same row again is meaningful). */
  keep?: boolean;
  /** A fresh fixture after this many calls whatever happened (e.g. another client address). */
  refreshEvery?: number;
  /** Forbidden values this action could have stored, as problems; rows after `since` are new. */
  forbidden?: (since: Since) => string[];
};

let world: World;

const sqlite = () => getSqlite();
const rows = <T>(query: string, ...args: unknown[]) =>
  sqlite()
    .prepare(query)
    .all(...args) as T[];

function since(): Since {
  const max = (table: string) =>
    (sqlite().prepare(`SELECT coalesce(max(id), 0) AS id FROM ${table}`).get() as { id: number })
      .id;
  return {
    users: max("users"),
    expenses: max("expenses"),
    enrolments: max("enrolments"),
    feedback: max("feedback"),
    budgets: max("budgets"),
  };
}

/** The signed-in actors must keep their role and status whatever they post. */
function actorsUnchanged(): string[] {
  const expected = [
    [world.admin.id, "admin"],
    [world.coordinator.id, "coordinator"],
    [world.requester.id, "coordinator"],
    [world.hr.id, "hr"],
    [world.member.id, "member"],
  ] as const;
  return expected.flatMap(([id, role]) => {
    const row = rows<{
      app_role: string;
      status: string;
      name: string;
      email: string;
      department_id: number;
    }>("SELECT app_role, status, name, email, department_id FROM users WHERE id = ?", id)[0];
    return row?.app_role === role &&
      row.status === "active" &&
      row.department_id === world.departmentId
      ? []
      : [`actor ${id} is now ${JSON.stringify(row)}`];
  });
}

/** Expenses made by the fixtures keep their amount, requester and budget. */
const fixtureExpenses = new Map<number, { amountCents: number; requestedById: number }>();
function fixtureExpensesUnchanged(): string[] {
  return [...fixtureExpenses].flatMap(([id, expected]) => {
    const row = rows<{ amount_cents: number; requested_by_id: number; budget_id: number }>(
      "SELECT amount_cents, requested_by_id, budget_id FROM expenses WHERE id = ?",
      id,
    )[0];
    return row?.amount_cents === expected.amountCents &&
      row.requested_by_id === expected.requestedById &&
      row.budget_id === world.budgetId
      ? []
      : [`fixture expense ${id} changed: ${JSON.stringify(row)}`];
  });
}

async function fixtureExpense(options: Parameters<typeof expense>[1] = {}) {
  const made = await expense(world, options);
  fixtureExpenses.set(made.id, {
    amountCents: made.amountCents,
    requestedById: (options.by ?? world.requester).id,
  });
  return made;
}

let counter = 0;
const next = () => ++counter;

/** Enrolments the form may make: active, undecided, unattended, of the member who posted. */
function newEnrolmentsPlain(s: Since): string[] {
  return rows<{ id: number; status: string }>(
    `SELECT id, status FROM enrolments WHERE id > ? AND (status NOT IN ('confirmed', 'waitlisted', 'requested')
       OR decided_by_id IS NOT NULL OR attendance IS NOT NULL)`,
    s.enrolments,
  ).map((row) => `enrolment ${row.id} was made as ${row.status} with a decision or attendance`);
}

let sharedSession: { sessionId: number; otherEnrolmentId: number } | undefined;
async function bigFreeSession() {
  if (!sharedSession) {
    const { session } = futureSession(world, { capacity: 100_000 });
    sharedSession = {
      sessionId: session.id,
      otherEnrolmentId: (await enrolFresh(session.id)).enrolmentId,
    };
  }
  return sharedSession;
}

function otherEnrolmentStillActive(): string[] {
  if (!sharedSession) return [];
  const row = rows<{ status: string }>(
    "SELECT status FROM enrolments WHERE id = ?",
    sharedSession.otherEnrolmentId,
  )[0];
  return row?.status === "confirmed" ? [] : [`someone else's enrolment became ${row?.status}`];
}

let paidSession: { sessionId: number } | undefined;
function paidSessionId(): number {
  paidSession ??= {
    sessionId: futureSession(world, { capacity: 100_000, costPerParticipantCents: 5_000 }).session
      .id,
  };
  return paidSession.sessionId;
}

const userIdHint = {
  departmentId: fc.oneof(fc.constant(slot("departmentId")), fc.constant("999999")),
};

const targets: Target[] = [
  // ---- Account ----
  {
    file: "inloggen.tsx",
    schema: z.object({ email: z.email(), password: z.string(), terug: z.string().optional() }),
    hints: {
      email: fc.oneof(fc.constant(slot("email")), uniqueEmail),
      password: signInPassword,
      terug: fc.constantFrom(
        "/profiel",
        "//evil.example",
        "https://evil.example/",
        "/\\evil.example",
      ),
    },
    // A new client address now and then, so the throttle does not answer everything with 429.
    refreshEvery: 100,
    fixture: () => ({
      context: { ...testContext, clientAddress: `198.51.100.${next() % 250}` },
      vars: { email: world.member.email },
    }),
  },
  {
    file: "uitloggen.tsx",
    schema: null,
    fixture: () => ({ cookie: plainUser().cookie }),
  },
  {
    file: "wachtwoord-vergeten.tsx",
    schema: z.object({ email: z.email() }),
    hints: { email: fc.oneof(fc.constant(slot("email")), uniqueEmail) },
    keep: true,
    fixture: () => ({ vars: { email: plainUser().email } }),
  },
  ...(["wachtwoord-herstellen.$token.tsx", "uitnodiging.$token.tsx"] as const).map(
    (file): Target => ({
      file,
      schema: z.object({ password: z.string(), confirmPassword: z.string() }),
      hints: { password, confirmPassword: password },
      fixture: () => {
        const n = next();
        if (n % 7 === 0) return { params: { token: "onbekend" } };
        const { token } = tokenFor(
          file.startsWith("uitnodiging") ? "invitation" : "password_reset",
        );
        return { params: { token } };
      },
    }),
  ),
  {
    file: "profiel.tsx",
    schema: profileSchema,
    keep: true,
    fixture: () => ({ cookie: world.member.cookie }),
  },
  {
    // Reads no form at all; what it gets must still not matter.
    file: "profiel.mijn-gegevens[.]json.tsx",
    schema: null,
    keep: true,
    // Every download logs a row about the member that the next download exports again; a fresh
    // member now and then keeps the run linear.
    refreshEvery: 50,
    fixture: () => ({ cookie: plainUser().cookie }),
  },
  // ---- Users and departments (admin) ----
  {
    file: "beheer.gebruikers.nieuw.tsx",
    schema: z.object({
      name: z.string().min(2).max(120),
      email: z.email(),
      departmentId: z.number(),
      ogwRole: z.enum(ogwRoles),
      appRole: z.enum(appRoles),
    }),
    hints: { ...userIdHint, email: uniqueEmail },
    keep: true,
    fixture: () => ({ cookie: world.admin.cookie, vars: { departmentId: world.departmentId } }),
    forbidden: (s) =>
      rows<{ id: number }>(
        "SELECT id FROM users WHERE id > ? AND (status <> 'invited' OR anonymised_at IS NOT NULL)",
        s.users,
      ).map((row) => `invited user ${row.id} is not simply invited`),
  },
  ...(
    [
      ["change_role", "active", { appRole: z.enum(appRoles) }],
      ["deactivate", "active", {}],
      ["reactivate", "deactivated", {}],
      ["resend_invitation", "invited", {}],
      ["anonymise", "departed", { confirmName: z.string() }],
    ] as const
  ).map(([intent, state, fields]): Target => ({
    file: "beheer.gebruikers.$id.tsx",
    intent,
    schema: z.object({ intent: z.literal(intent), ...fields }),
    hints: {
      confirmName: fc.oneof(fc.constant("Fuzz Oud-lid Jansen"), fc.string({ maxLength: 30 })),
    },
    fixture: () => {
      const user =
        state === "departed" ? departedMember("Fuzz Oud-lid Jansen") : plainUser({ status: state });
      return { cookie: world.admin.cookie, params: { id: String(user.id) } };
    },
  })),
  {
    file: "beheer.afdelingen._index.tsx",
    schema: departmentFormSchema,
    hints: { code: departmentCode },
    keep: true,
    fixture: () => ({ cookie: world.admin.cookie }),
  },
  ...(["save", "delete"] as const).map((intent): Target => ({
    file: "beheer.afdelingen.$id.tsx",
    intent,
    schema: intent === "save" ? departmentFormSchema : null,
    hints: { code: departmentCode },
    keep: intent === "save",
    fixture: () => ({ cookie: world.admin.cookie, params: { id: String(freshDepartment()) } }),
  })),
  // ---- Catalogue (coordinator) ----
  {
    file: "catalogus.nieuw.tsx",
    schema: courseFormSchema,
    hints: {
      costPerParticipant: euro,
      durationHours: duration,
      learningGoalIds: fc.constantFrom(slot("goal1"), slot("goal2"), "999999"),
    },
    keep: true,
    fixture: () => ({
      cookie: world.coordinator.cookie,
      vars: { goal1: world.goalIds[0]!, goal2: world.goalIds[1]! },
    }),
  },
  ...(["save", "publish", "unpublish"] as const).map((intent): Target => ({
    file: "catalogus.$slug_.bewerken.tsx",
    intent,
    schema: intent === "save" ? courseFormSchema.omit({ published: true }) : null,
    hints: {
      costPerParticipant: euro,
      durationHours: duration,
      learningGoalIds: fc.constantFrom(slot("goal1"), slot("goal3"), "999999"),
    },
    keep: true,
    fixture: () => ({
      cookie: world.coordinator.cookie,
      params: { slug: futureSession(world).course.slug },
      vars: { goal1: world.goalIds[0]!, goal3: world.goalIds[2]! },
    }),
  })),
  {
    file: "catalogus.$slug_.sessies.nieuw.tsx",
    schema: sessionFormSchema,
    hints: {
      startsAt: fc.oneof(sessionStart, futureDateTime),
      endsAt: fc.oneof(sessionEnd, futureDateTime),
      enrolmentDeadline: fc.oneof(sessionDeadline, futureDateTime),
      sessionCost: euro,
      onlineUrl,
      capacity: fc.integer({ min: -2, max: 40 }).map(String),
    },
    keep: true,
    fixture: () => ({
      cookie: world.coordinator.cookie,
      params: { slug: futureSession(world).course.slug },
    }),
  },
  {
    file: "sessies.$id_.bewerken.tsx",
    schema: sessionFormSchema,
    hints: {
      startsAt: fc.oneof(sessionStart, futureDateTime),
      endsAt: fc.oneof(sessionEnd, futureDateTime),
      enrolmentDeadline: fc.oneof(sessionDeadline, futureDateTime),
      sessionCost: euro,
      onlineUrl,
      capacity: fc.integer({ min: -2, max: 6 }).map(String),
    },
    keep: true,
    fixture: async () => {
      const { session } = futureSession(world, { capacity: 2 });
      for (let index = 0; index < 3; index++) await enrolFresh(session.id);
      return { cookie: world.coordinator.cookie, params: { id: String(session.id) } };
    },
  },
  {
    file: "sessies.$id_.annuleren.tsx",
    schema: cancelSessionSchema,
    hints: { reason },
    fixture: async () => {
      const { session } = futureSession(world, { capacity: 2 });
      await enrolFresh(session.id);
      return { cookie: world.coordinator.cookie, params: { id: String(session.id) } };
    },
  },
  // ---- Enrolment ----
  {
    file: "sessies.$id.tsx",
    intent: "enrol",
    schema: z.object({}),
    fixture: () => {
      const member = plainUser();
      const sessionId = next() % 2 === 0 ? paidSessionId() : futureSession(world).session.id;
      return { cookie: member.cookie, params: { id: String(sessionId) } };
    },
    forbidden: newEnrolmentsPlain,
  },
  {
    file: "sessies.$id.tsx",
    intent: "cancel",
    schema: enrolmentSchema,
    hints: { enrolmentId: fc.constantFrom(slot("own"), slot("other"), "999999") },
    fixture: async () => {
      const shared = await bigFreeSession();
      const { member, enrolmentId } = await enrolFresh(shared.sessionId);
      return {
        cookie: member.cookie,
        params: { id: String(shared.sessionId) },
        vars: { own: enrolmentId, other: shared.otherEnrolmentId },
      };
    },
    forbidden: otherEnrolmentStillActive,
  },
  ...(["approve", "reject"] as const).map((intent): Target => ({
    file: "sessies.$id.tsx",
    intent,
    schema: intent === "approve" ? enrolmentSchema : rejectSchema,
    hints: { enrolmentId: fc.constantFrom(slot("requested"), "999999"), reason },
    fixture: async () => {
      const sessionId = paidSessionId();
      const { enrolmentId } = await enrolFresh(sessionId);
      return {
        cookie: world.coordinator.cookie,
        params: { id: String(sessionId) },
        vars: { requested: enrolmentId },
      };
    },
    forbidden: () =>
      rows<{ id: number }>(
        `SELECT e.id FROM enrolments e JOIN expenses x ON x.id = e.expense_id
           WHERE e.session_id = ? AND (x.amount_cents <> 5000
             OR (e.decided_by_id IS NOT NULL AND e.decided_by_id <> ?))`,
        paidSessionId(),
        world.coordinator.id,
      ).map((row) => `enrolment ${row.id} was decided with other amounts or people`),
  })),
  {
    file: "sessies.$id.tsx",
    intent: "attendance",
    schema: attendanceSchema,
    hints: { enrolmentId: fc.constantFrom(slot("first"), slot("second"), "999999") },
    fixture: async () => {
      const { session, enrolled } = await startedSession(world);
      return {
        cookie: world.coordinator.cookie,
        params: { id: String(session.id) },
        vars: { first: enrolled[0]!.enrolmentId, second: enrolled[1]!.enrolmentId },
      };
    },
  },
  {
    file: "mijn-inschrijvingen.tsx",
    intent: "cancel",
    schema: z.object({ intent: z.literal("cancel"), enrolmentId: z.number() }),
    hints: { enrolmentId: fc.constantFrom(slot("own"), slot("other"), "999999") },
    fixture: async () => {
      const shared = await bigFreeSession();
      const { member, enrolmentId } = await enrolFresh(shared.sessionId);
      return { cookie: member.cookie, vars: { own: enrolmentId, other: shared.otherEnrolmentId } };
    },
    forbidden: otherEnrolmentStillActive,
  },
  {
    file: "mijn-inschrijvingen_.$id.feedback.tsx",
    schema: createFeedbackSchema([]),
    hints: {
      rating: fc.constantFrom("1", "2", "3", "4", "5", "0", "6"),
      learningGoalIds: fc.constantFrom(slot("goal1"), slot("goal2"), slot("goal3")),
    },
    fixture: async () => {
      const { member, enrolmentId } = await attendedEnrolment(world);
      return {
        cookie: member.cookie,
        params: { id: String(enrolmentId) },
        vars: { goal1: world.goalIds[0]!, goal2: world.goalIds[1]!, goal3: world.goalIds[2]! },
      };
    },
  },
  // ---- Members ----
  {
    file: "leden.$id_.lidmaatschap.tsx",
    schema: membershipSchema("2026-01-01"),
    hints: { joinedOn: calendarDate, leftOn: calendarDate },
    keep: true,
    fixture: () => ({ cookie: world.coordinator.cookie, params: { id: String(plainUser().id) } }),
  },
  // ---- Expenses ----
  ...(["preview", "submit"] as const).map((intent): Target => ({
    file: "uitgaven.nieuw.tsx",
    intent,
    schema: expenseRequestSchema,
    hints: {
      amount: euro,
      courseId: fc.constantFrom(slot("courseId"), "999999"),
      sessionId: fc.constantFrom(slot("sessionId"), "999999"),
    },
    keep: true,
    fixture: () => {
      const { course, session } = futureSession(world);
      return {
        cookie: world.coordinator.cookie,
        vars: { courseId: course.id, sessionId: session.id },
      };
    },
    forbidden: (s) =>
      rows<{ id: number }>(
        `SELECT id FROM expenses WHERE id > ? AND (status <> 'requested' OR decided_by_id IS NOT NULL
             OR paid_amount_cents IS NOT NULL OR college_outcome IS NOT NULL OR requested_by_id <> ?)`,
        s.expenses,
        world.coordinator.id,
      ).map((row) => `requested expense ${row.id} was stored with a decision or another requester`),
  })),
  {
    file: "uitgaven.$id.tsx",
    intent: "approve",
    schema: z.object({ intent: z.literal("approve") }),
    refreshEvery: 3,
    fixture: async () => {
      // Now and then the coordinator's own request: four eyes must refuse it.
      const own = next() % 4 === 0;
      const { id } = await fixtureExpense(own ? { by: world.coordinator } : {});
      return { cookie: world.coordinator.cookie, params: { id: String(id) } };
    },
    forbidden: fixtureExpensesUnchanged,
  },
  ...(
    [
      ["reject", rejectExpenseSchema, false],
      ["cancel", cancelExpenseSchema, true],
    ] as const
  ).map(([intent, schema, approved]): Target => ({
    file: "uitgaven.$id.tsx",
    intent,
    schema,
    hints: { reason },
    fixture: async () => {
      const { id } = await fixtureExpense({ approved: approved && next() % 2 === 0 });
      return { cookie: world.coordinator.cookie, params: { id: String(id) } };
    },
    forbidden: fixtureExpensesUnchanged,
  })),
  {
    file: "uitgaven.$id.tsx",
    intent: "pay",
    schema: payExpenseSchema,
    hints: { paidAmount: euro },
    fixture: async () => {
      const { id } = await fixtureExpense({ approved: true });
      return { cookie: world.coordinator.cookie, params: { id: String(id) } };
    },
    forbidden: fixtureExpensesUnchanged,
  },
  {
    file: "uitgaven.$id.tsx",
    intent: "college",
    schema: z.object({
      outcome: z.enum(collegeDecisionOutcomes),
      decisionDate: z.string(),
      reference: z.string().min(1).max(100),
    }),
    hints: { decisionDate: pastCalendarDate },
    fixture: async () => {
      const { id } = await fixtureExpense({ amountCents: 300_000 });
      return { cookie: world.admin.cookie, params: { id: String(id) } };
    },
    forbidden: fixtureExpensesUnchanged,
  },
  // ---- Budget settings (admin), last: a new budget becomes the current one ----
  ...(
    [
      ["settings", {}],
      [
        "adjust",
        {
          direction: z.enum(["raise", "lower"]),
          amount: z.string(),
          reason: z.string().min(5).max(500),
        },
      ],
      ["create", { initialAmount: z.string() }],
    ] as const
  ).map(([intent, fields]): Target => ({
    file: "beheer.budget.tsx",
    intent,
    schema: z.object({
      intent: z.literal(intent),
      ...(intent === "adjust"
        ? {}
        : {
            name: z.string().min(1).max(120),
            fundingSource: z.string().min(1).max(200),
            decisionDate: z.string(),
            decisionReference: z.string().min(1).max(100),
            startDate: z.string(),
            endDate: z.string(),
            significanceThreshold: z.string(),
          }),
      ...fields,
    }),
    hints: {
      decisionDate: calendarDate,
      startDate: calendarDate,
      endDate: calendarDate,
      significanceThreshold: euro,
      initialAmount: euro,
      amount: euro,
      reason,
    },
    keep: true,
    fixture: () => ({ cookie: world.admin.cookie }),
  })),
];

// ---- Running ----

type Row = {
  target: string;
  payloads: number;
  ok: number;
  refused: number;
  serverErrors: number;
  /** Answers that would serialise to something enormous. */
  oversized: number;
  violations: number;
  forbidden: number;
};
const table: Row[] = [];

function pathFor(file: string, params: Record<string, string> = {}): string {
  const segments = file
    .replace(/\.tsx$/, "")
    .split(/\.(?![^[]*\])/)
    .filter((segment) => segment !== "_index")
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) =>
      segment.startsWith("$")
        ? (params[segment.slice(1)] ?? "x")
        : segment.replace(/\[(.*?)\]/g, "$1"),
    );
  return `/${segments.join("/")}`;
}

function fill(payload: Payload, vars: Record<string, string | number>): Payload {
  return {
    ...payload,
    entries: payload.entries.map(([key, value]) => {
      if (typeof value !== "string") return [key, value] as const;
      const match = /^\{\{(\w+)\}\}$/.exec(value);
      return [key, match ? String(vars[match[1]!] ?? "") : value] as const;
    }),
  };
}

/**
 * An answer that would serialise to something enormous (an array of millions of empty places) is a
 * denial of service, whatever its status: Remix would spend seconds and gigabytes sending it.
 */
function oversized(value: unknown, depth = 0): string | null {
  if (value === null || typeof value !== "object" || depth > 8) return null;
  if (value instanceof Response) return null;
  if (Array.isArray(value)) {
    if (value.length > 10_000) return `an array of ${value.length} places`;
    for (const item of value.slice(0, 50)) {
      const found = oversized(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const item of Object.values(value)) {
    const found = oversized(item, depth + 1);
    if (found) return found;
  }
  return null;
}

const debugCounts = new Map<string, number>();
function debugReply(name: string, value: unknown) {
  const data = (value as { data?: unknown } | null)?.data ?? value;
  const text = JSON.stringify(data ?? null) ?? "";
  const errors = /"error":(\{[^}]*\}|"[^"]*")/.exec(text)?.[1] ?? text.slice(0, 120);
  const key = `${name} ${errors.slice(0, 160)}`;
  debugCounts.set(key, (debugCounts.get(key) ?? 0) + 1);
}

async function fuzz(target: Target): Promise<{ row: Row; problems: string[] }> {
  const action = modules[`/app/routes/${target.file}`]?.action;
  if (!action) throw new Error(`${target.file} has no action`);
  const name = target.intent ? `${target.file} ${target.intent}` : target.file;
  const row: Row = {
    target: name,
    payloads: 0,
    ok: 0,
    refused: 0,
    serverErrors: 0,
    oversized: 0,
    violations: 0,
    forbidden: 0,
  };
  const problems: string[] = [];
  const before = since();
  const samples = fc.sample(payloads(target), { numRuns: RUNS, seed: seed + table.length });
  let fixture = await target.fixture();
  let calls = 0;
  for (const sample of samples) {
    const payload = fill(sample, fixture.vars ?? {});
    const request = fuzzRequest(pathFor(target.file, fixture.params), payload, {
      cookie: fixture.cookie,
    });
    let status: number;
    try {
      const result = await settle(() =>
        action({ request, params: fixture.params ?? {}, context: fixture.context ?? testContext }),
      );
      status = statusOf(result);
      const huge = oversized(result.value);
      if (huge) {
        row.oversized++;
        if (problems.length < 20)
          problems.push(`answer holds ${huge} on ${describePayload(payload)}`);
      }
      if (process.env.FUZZ_DEBUG && status >= 400) debugReply(name, result.value);
    } catch (error) {
      status = 500;
      problems.push(`threw ${String(error).slice(0, 300)} on ${describePayload(payload)}`);
    }
    row.payloads++;
    calls++;
    if (status >= 500) {
      row.serverErrors++;
      if (problems.length < 20) problems.push(`HTTP ${status} on ${describePayload(payload)}`);
    } else if (status >= 400) row.refused++;
    else row.ok++;
    // A target that is known to be broken has shown it; the rest of its payloads would only cost time.
    if (problems.length >= 10) break;
    const refresh =
      (status < 400 && !target.keep) ||
      (target.refreshEvery !== undefined && calls % target.refreshEvery === 0);
    if (refresh) fixture = await target.fixture();
  }
  const violations = ruleViolations();
  const forbidden = [
    ...persistedMarkers(),
    ...actorsUnchanged(),
    ...(target.forbidden?.(before) ?? []),
  ];
  row.violations = violations.length;
  row.forbidden = forbidden.length;
  problems.push(...violations.map((v) => `rule: ${v}`), ...forbidden.map((f) => `forbidden: ${f}`));
  table.push(row);
  return { row, problems };
}

beforeAll(async () => {
  // This throwaway copy needs no fsync per transaction: durability is the crash tests' subject, and
  // tens of thousands of writes here should cost CPU, not disk flushes.
  getSqlite().pragma("synchronous = OFF");
  world = await buildWorld();
});

afterAll(() => {
  if (table.length === 0) return;
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  const lines = [
    `Action fuzz (seed ${seed})`,
    `${"action / intent".padEnd(48)} ${pad("payloads", 8)} ${pad("2xx/3xx", 8)} ${pad("4xx", 6)} ${pad("500s", 5)} ${pad("huge", 5)} ${pad("rules", 6)} ${pad("forbid", 6)}`,
    ...table.map(
      (row) =>
        `${row.target.padEnd(48)} ${pad(row.payloads, 8)} ${pad(row.ok, 8)} ${pad(row.refused, 6)} ${pad(row.serverErrors, 5)} ${pad(row.oversized, 5)} ${pad(row.violations, 6)} ${pad(row.forbidden, 6)}`,
    ),
  ];
  const sum = (key: keyof Omit<Row, "target">) => table.reduce((total, row) => total + row[key], 0);
  const actions = new Set(table.map((row) => row.target.split(" ")[0])).size;
  lines.push(
    `Fuzz: ${sum("payloads")} payloads over ${actions} actions (${table.length} action/intent pairs), ${sum("serverErrors")} HTTP 500s, ${sum("oversized")} oversized answers, ${sum("violations")} rule violations, ${sum("forbidden")} forbidden fields persisted`,
  );
  console.log(lines.join("\n"));
  if (process.env.FUZZ_DEBUG)
    console.log(
      [...debugCounts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 150)
        .map(([key, n]) => `${n} ${key}`)
        .join("\n"),
    );
});

describe("the action fuzz", () => {
  it("has a target for every route with an action", () => {
    const withAction = Object.entries(modules)
      .filter(([, module]) => typeof module.action === "function")
      .map(([file]) => file.replace("/app/routes/", ""))
      .sort();
    const fuzzed = [...new Set(targets.map((target) => target.file))].sort();
    expect(withAction.length).toBeGreaterThan(0);
    expect(fuzzed).toEqual(withAction);
  });

  // Changing roles mints coordinators, and every paid enrolment mails every coordinator: run it last,
  // or the outbox of the targets after it grows with each success and the run slows to a crawl.
  const mintsCoordinators = (target: Target) =>
    target.file === "beheer.gebruikers.$id.tsx" && target.intent === "change_role";
  const ordered = [
    ...targets.filter((target) => !mintsCoordinators(target)),
    ...targets.filter(mintsCoordinators),
  ];
  it.each(
    ordered.map(
      (target) =>
        [target.intent ? `${target.file} ${target.intent}` : target.file, target] as const,
    ),
  )("%s survives 1 000 generated payloads", async (_name, target) => {
    const { row, problems } = await fuzz(target);
    expect(row.payloads).toBeGreaterThanOrEqual(RUNS);
    expect(problems).toEqual([]);
    expect(row.serverErrors).toBe(0);
  });
});
