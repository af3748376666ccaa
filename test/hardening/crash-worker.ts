// The child process of the crash test: runs real money and seat operations through the app's own
// services, forever, until the test kills it with SIGKILL.
//
//   tsx test/hardening/crash-worker.ts      (DATABASE_PATH: the file; CRASH_SEED: the op mix)
//
// Before each operation it writes `INTENT {json}` (what the operation may change); after the service
// call has returned, so after COMMIT, `COMMIT {json}` with the committed facts as read back from the
// database. A line is written with one write(2), so a line the parent reads is whole; the parent
// ignores an unfinished last line.
import fs from "node:fs";
import crypto from "node:crypto";
import pino from "pino";
import { closeDb, getDb, getSqlite, writeTransaction } from "#db/client.server.ts";
import { insertCourse, insertSession } from "#app/models/catalogue-admin.server.ts";
import type { User } from "#app/models/users.server.ts";
import { setLogDestination } from "#app/utils/logger.server.ts";
import { approveEnrolment, cancelEnrolment, enrolInSession } from "#app/utils/enrolments.server.ts";
import {
  approveExpense,
  cancelExpense,
  payExpense,
  rejectExpense,
  requestExpense,
} from "#app/utils/expenses.server.ts";

/** What an operation may change: one expense, or a session with its enrolments and their money. */
export type CrashScope = { expenseId: number } | { sessionId: number } | Record<string, never>;
export type CrashIntent = { op: string; scope: CrashScope };
export type LedgerFact = [id: number, expenseId: number, type: string, amountCents: number];
export type MailFact = [id: number, toUserId: number | null, template: string];
export type EnrolmentFact = [id: number, status: string, expenseId: number | null];
export type ExpenseFact = [id: number, status: string];
export type CrashCommit = {
  op: string;
  seq: number;
  sessionId?: number;
  expenses: ExpenseFact[];
  enrolments: EnrolmentFact[];
  ledger: LedgerFact[];
  mails: MailFact[];
};

const ADDRESS = "crash-worker";
const HOUR = 60 * 60 * 1000;
// Each session takes this many enrolments: with capacity 3, two go on the waitlist.
const ENROLMENTS_PER_SESSION = 5;

// Audit lines would otherwise share stdout with the reports.
setLogDestination(pino.destination({ dest: 2, sync: true }), "warn");

function emit(kind: "INTENT" | "COMMIT", payload: unknown) {
  const buffer = Buffer.from(`${kind} ${JSON.stringify(payload)}\n`);
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(1, buffer, offset);
    } catch (error) {
      // A non-blocking pipe that is full: wait for the parent to read.
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}

/** mulberry32: the same seed, the same mix of operations. */
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

const random = prng(Number(process.env.CRASH_SEED ?? process.pid));
const pick = <T>(items: readonly T[]): T | undefined =>
  items.length === 0 ? undefined : items[Math.floor(random() * items.length)];

// Through the app's own client, so the real connection settings apply.
getDb();
const sqlite = getSqlite();
const users = sqlite
  .prepare(
    "SELECT id, name, app_role AS appRole, ogw_role AS ogwRole, department_id AS departmentId FROM users WHERE status = 'active' ORDER BY id",
  )
  .all() as Pick<User, "id" | "name" | "appRole" | "ogwRole" | "departmentId">[];
const coordinators = users.filter((user) => user.appRole === "coordinator");
const members = users.filter((user) => user.appRole === "member");
const budgetId = (sqlite.prepare("SELECT max(id) AS id FROM budgets").get() as { id: number }).id;
if (coordinators.length < 2 || members.length < ENROLMENTS_PER_SESSION || !budgetId)
  throw new Error("The crash database needs two coordinators, members and a budget.");
const [requester, approver] = coordinators as [(typeof coordinators)[0], (typeof coordinators)[0]];

// ---- Reading back what was committed ----

const maxMailId = () =>
  (sqlite.prepare("SELECT coalesce(max(id), 0) AS id FROM mail_outbox").get() as { id: number }).id;

function mailsSince(mark: number): MailFact[] {
  return (
    sqlite
      .prepare("SELECT id, to_user_id, template FROM mail_outbox WHERE id > ? ORDER BY id")
      .all(mark) as { id: number; to_user_id: number | null; template: string }[]
  ).map((row) => [row.id, row.to_user_id, row.template]);
}

function expenseFacts(ids: readonly number[]): { expenses: ExpenseFact[]; ledger: LedgerFact[] } {
  const expenses: ExpenseFact[] = [];
  const ledger: LedgerFact[] = [];
  for (const id of ids) {
    const row = sqlite.prepare("SELECT status FROM expenses WHERE id = ?").get(id) as
      { status: string } | undefined;
    if (!row) throw new Error(`Expense ${id} is not there right after its commit.`);
    expenses.push([id, row.status]);
    for (const entry of sqlite
      .prepare("SELECT id, type, amount_cents FROM ledger_entries WHERE expense_id = ? ORDER BY id")
      .all(id) as { id: number; type: string; amount_cents: number }[])
      ledger.push([entry.id, id, entry.type, entry.amount_cents]);
  }
  return { expenses, ledger };
}

function sessionFacts(sessionId: number) {
  const enrolments = (
    sqlite
      .prepare("SELECT id, status, expense_id FROM enrolments WHERE session_id = ? ORDER BY id")
      .all(sessionId) as { id: number; status: string; expense_id: number | null }[]
  ).map((row): EnrolmentFact => [row.id, row.status, row.expense_id]);
  const money = expenseFacts(
    enrolments.map(([, , expenseId]) => expenseId).filter((id): id is number => id !== null),
  );
  return { sessionId, enrolments, ...money };
}

let seq = 0;

/** Announces the operation, runs it, and reports what it committed (nothing when it was refused). */
async function run(
  op: string,
  scope: CrashScope,
  work: () => Promise<{ ok: boolean; message?: string }>,
  facts: () => Omit<CrashCommit, "op" | "seq" | "mails">,
) {
  emit("INTENT", { op, scope } satisfies CrashIntent);
  const mark = maxMailId();
  const result = await work();
  if (!result.ok) throw new Error(`${op} refused: ${result.message ?? ""}`);
  const commit: CrashCommit = { op, seq: ++seq, mails: mailsSince(mark), ...facts() };
  emit("COMMIT", commit);
}

// ---- Courses and sessions, made here as they run out ----

function newCourse(costPerParticipantCents: number) {
  return writeTransaction((tx) =>
    insertCourse(tx, {
      kind: "in_house",
      title: `Crashcursus ${costPerParticipantCents > 0 ? "betaald" : "gratis"} ${process.pid}`,
      slug: `crashcursus-${crypto.randomUUID()}`,
      summary: "Een cursus voor de crashtest.",
      body: "",
      provider: "Gemeente Huizen",
      costPerParticipantCents,
      durationHours: 3,
      targetRoles: ["employee"],
      learningGoalIds: [],
      published: true,
    }),
  );
}

const freeCourse = newCourse(0);
const paidCourse = newCourse(15_000);

function newSession(courseId: number): number {
  const startsAt = new Date(Date.now() + 30 * 24 * HOUR);
  const session = writeTransaction((tx) =>
    insertSession(tx, courseId, {
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * HOUR),
      location: "Raadhuis Huizen, zaal 2",
      onlineUrl: null,
      capacity: 3,
      enrolmentDeadline: new Date(startsAt.getTime() - 24 * HOUR),
      sessionCostCents: 0,
    }),
  );
  return session.id;
}

type OpenSession = { id: number; next: number };
const open: { free: OpenSession; paid: OpenSession } = {
  free: { id: newSession(freeCourse.id), next: 0 },
  paid: { id: newSession(paidCourse.id), next: 0 },
};

/** The next member for a session, or a fresh session when this one has had its enrolments. */
function nextSeat(kind: "free" | "paid"): { sessionId: number; member: (typeof members)[0] } {
  if (open[kind].next >= ENROLMENTS_PER_SESSION)
    open[kind] = { id: newSession(kind === "free" ? freeCourse.id : paidCourse.id), next: 0 };
  const seat = open[kind];
  const member = members[(seat.id * 7 + seat.next) % members.length]!;
  seat.next += 1;
  return { sessionId: seat.id, member };
}

// ---- The operations ----

const idsWhere = (sql: string) =>
  (sqlite.prepare(sql).all() as { id: number }[]).map((row) => row.id);

async function expenseFlow() {
  const amountCents = 1_000 + Math.floor(random() * 50_000);
  let expenseId = 0;
  emit("INTENT", { op: "request", scope: {} } satisfies CrashIntent);
  const mark = maxMailId();
  const requested = await requestExpense(
    {
      budgetId,
      description: `Crashtest-uitgave ${seq + 1}`,
      supplier: "Bureau Crash",
      kind: "other",
      amountCents,
    },
    requester,
    ADDRESS,
  );
  if (!requested.ok) throw new Error(`request refused: ${requested.message}`);
  expenseId = requested.value.expenseId;
  emit("COMMIT", {
    op: "request",
    seq: ++seq,
    mails: mailsSince(mark),
    ...expenseFacts([expenseId]),
    enrolments: [],
  } satisfies CrashCommit);

  const choice = random();
  if (choice < 0.75) {
    await run(
      "approve",
      { expenseId },
      () => approveExpense(expenseId, approver, ADDRESS),
      () => ({ ...expenseFacts([expenseId]), enrolments: [] }),
    );
  } else if (choice < 0.9) {
    await run(
      "reject",
      { expenseId },
      () => rejectExpense(expenseId, "Past niet in het plan", approver, ADDRESS),
      () => ({ ...expenseFacts([expenseId]), enrolments: [] }),
    );
  } else {
    await run(
      "withdraw",
      { expenseId },
      () => cancelExpense(expenseId, "Niet meer nodig", requester, ADDRESS),
      () => ({ ...expenseFacts([expenseId]), enrolments: [] }),
    );
  }
}

// Expenses of enrolments change only with their enrolment, so these pick the others.
const standaloneApproved = `SELECT id FROM expenses WHERE status = 'approved' AND description LIKE 'Crashtest-uitgave %' ORDER BY id DESC LIMIT 20`;

async function payOne() {
  const expenseId = pick(idsWhere(standaloneApproved));
  if (expenseId === undefined) return expenseFlow();
  const amount = (
    sqlite.prepare("SELECT amount_cents FROM expenses WHERE id = ?").get(expenseId) as {
      amount_cents: number;
    }
  ).amount_cents;
  // An invoice at, below or above the approved amount: actual spend with and without correction.
  const paidCents = amount + pick([0, 0, -500, 700])!;
  await run(
    "pay",
    { expenseId },
    () => payExpense(expenseId, paidCents, approver, ADDRESS),
    () => ({ ...expenseFacts([expenseId]), enrolments: [] }),
  );
}

async function cancelApproved() {
  const expenseId = pick(idsWhere(standaloneApproved));
  if (expenseId === undefined) return expenseFlow();
  await run(
    "cancel-approved",
    { expenseId },
    () => cancelExpense(expenseId, "Opleiding gaat niet door", approver, ADDRESS),
    () => ({ ...expenseFacts([expenseId]), enrolments: [] }),
  );
}

async function enrol(kind: "free" | "paid") {
  const { sessionId, member } = nextSeat(kind);
  await run(
    kind === "free" ? "enrol" : "enrol-paid",
    { sessionId },
    () => enrolInSession(sessionId, member, ADDRESS),
    () => sessionFacts(sessionId),
  );
}

async function approvePaid() {
  const row = sqlite
    .prepare(
      `SELECT e.id, e.session_id FROM enrolments e JOIN course_sessions s ON s.id = e.session_id
       WHERE e.status = 'requested' AND s.course_id = ? ORDER BY e.id DESC LIMIT 1`,
    )
    .get(paidCourse.id) as { id: number; session_id: number } | undefined;
  if (!row) return enrol("paid");
  await run(
    "approve-enrolment",
    { sessionId: row.session_id },
    () => approveEnrolment(row.id, approver, ADDRESS),
    () => sessionFacts(row.session_id),
  );
}

async function cancelOne() {
  const candidates = sqlite
    .prepare(
      `SELECT e.id, e.session_id, e.member_id FROM enrolments e
       JOIN course_sessions s ON s.id = e.session_id
       WHERE e.status IN ('confirmed', 'requested', 'waitlisted') AND s.course_id IN (?, ?)
       ORDER BY e.id DESC LIMIT 15`,
    )
    .all(freeCourse.id, paidCourse.id) as { id: number; session_id: number; member_id: number }[];
  const chosen = pick(candidates);
  if (!chosen) return enrol("free");
  const member = members.find((user) => user.id === chosen.member_id)!;
  await run(
    "cancel-enrolment",
    { sessionId: chosen.session_id },
    () => cancelEnrolment(chosen.id, member, ADDRESS),
    () => sessionFacts(chosen.session_id),
  );
}

const operations: [weight: number, op: () => Promise<void>][] = [
  [30, expenseFlow],
  [10, payOne],
  [5, cancelApproved],
  [25, () => enrol("free")],
  [10, () => enrol("paid")],
  [8, approvePaid],
  [12, cancelOne],
];
const totalWeight = operations.reduce((sum, [weight]) => sum + weight, 0);

process.on("SIGTERM", () => {
  closeDb();
  process.exit(0);
});

for (;;) {
  let roll = random() * totalWeight;
  const op = operations.find(([weight]) => (roll -= weight) < 0)![1];
  await op();
}
