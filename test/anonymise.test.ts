// Anonymising a departed member: the old name and e-mail address are nowhere in the database (not
// in any column, not in the file's free space or its WAL), while the budget figures, the budget
// report and the enrolment counts stay exactly as they were.
import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSqlite } from "#db/client.server.ts";
import { mailOutbox, users } from "#db/schema.ts";
import { amsterdamDateOf } from "#app/domain/budget-report.ts";
import { getBudgetFigures } from "#app/models/budget.server.ts";
import {
  replaceExpertiseTags,
  setGuildMembership,
  updateProfileColumns,
} from "#app/models/profiles.server.ts";
import { findUserById, type User } from "#app/models/users.server.ts";
import * as userRoute from "#app/routes/beheer.gebruikers.$id.tsx";
import { attemptSignIn, requestPasswordReset, setUserActive } from "#app/utils/account.server.ts";
import {
  anonymisedEmail,
  anonymisedName,
  anonymiseMember,
  RECIPIENT_ANONYMISED,
  REDACTED,
} from "#app/utils/anonymise.server.ts";
import { buildBudgetReport } from "#app/utils/budget-report.server.ts";
import {
  approveEnrolment,
  enrolInSession,
  registerAttendance,
} from "#app/utils/enrolments.server.ts";
import { validateSessionToken } from "#app/utils/session.server.ts";
import { createBudget, createSession } from "#test/enrolment-fixtures.ts";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
  TEST_PASSWORD,
} from "#test/factories.ts";

const address = "198.51.100.31";
const HOUR = 60 * 60 * 1000;
type Row = Record<string, unknown>;

// An apostrophe, so that the HTML of a mail holds the name only in its escaped form.
const OLD_NAME = "Fenna van 't Hof";
const OLD_EMAIL = "fenna.vanthof@huizen.example";

let admin: User;
let coordinator: User;
let member: User;
let colleague: User;
let budgetId: number;
let memberToken: string;

async function enrol(sessionId: number, user: User): Promise<number> {
  const result = await enrolInSession(sessionId, user, address);
  if (!result.ok) throw new Error(result.message);
  return result.value.enrolmentId;
}

function yesterday(): string {
  return amsterdamDateOf(new Date(Date.now() - 24 * HOUR));
}

beforeAll(async () => {
  admin = await createUser({ appRole: "admin", name: "Pieter Jansen" });
  coordinator = await createUser({ appRole: "coordinator", name: "Joris Bakker" });
  await createUser({ appRole: "coordinator", name: "Annelies Visser" });
  member = await createUser({
    name: OLD_NAME,
    email: OLD_EMAIL,
    ogwRole: "steering_professional",
  });
  colleague = await createUser({ name: "Daan Mulder", ogwRole: "line_manager" });
  budgetId = createBudget(1_500_000, admin);
  const db = getDb();

  updateProfileColumns(db, member.id, {
    team: "Team Fenna",
    introduction: `Ik ben ${OLD_NAME}; mail me op ${OLD_EMAIL}.`,
    ogwRole: member.ogwRole,
  });
  replaceExpertiseTags(db, member.id, ["omgevingswet", "stakeholderanalyse"]);

  // Attended: a session that has been held, with a session cost realised on the ledger.
  const now = new Date();
  const held = createSession({
    startsInHours: 2,
    deadlineHoursBefore: 1,
    sessionCostCents: 60_000,
    now,
  });
  const attended = [await enrol(held.session.id, member), await enrol(held.session.id, colleague)];
  const marked = await registerAttendance(
    held.session.id,
    attended.map((enrolmentId) => ({ enrolmentId, attendance: "attended" as const })),
    coordinator,
    address,
    new Date(now.getTime() + 6 * HOUR),
  );
  expect(marked.ok).toBe(true);
  // Confirmed, in the future.
  const upcoming = createSession({ capacity: 5 });
  await enrol(upcoming.session.id, member);
  await enrol(upcoming.session.id, colleague);
  // Paid and approved: a commitment on the ledger, and approval-needed mail naming the member.
  const paid = createSession({ kind: "individual", costPerParticipantCents: 85_000, capacity: 5 });
  expect(
    (await approveEnrolment(await enrol(paid.session.id, member), coordinator, address)).ok,
  ).toBe(true);
  expect(
    (await approveEnrolment(await enrol(paid.session.id, colleague), coordinator, address)).ok,
  ).toBe(true);

  // A login session, a pending reset link and its mail, a failed sign-in.
  const signIn = await attemptSignIn({ email: OLD_EMAIL, password: TEST_PASSWORD, address });
  if (signIn.kind !== "success") throw new Error("sign-in failed");
  memberToken = signIn.token;
  await requestPasswordReset(OLD_EMAIL, address);
  await attemptSignIn({ email: OLD_EMAIL, password: "fout", address });

  // Departed: the guild membership ended yesterday; the account itself is still active.
  setGuildMembership(db, member.id, { guildJoinedOn: "2023-03-01", guildLeftOn: yesterday() });
});

// ---- What must not change ----

function reportNumbers() {
  const report = buildBudgetReport(getDb())!;
  return {
    figures: report.figures,
    useRatio: report.useRatio,
    series: report.series,
    runOut: report.runOut,
    byKind: report.byKind,
    byDepartment: report.byDepartment,
    byOgwRole: report.byOgwRole,
    expenses: report.expenses.map(({ requestedByName: _name, ...expense }) => expense),
    ledger: report.ledger.map(({ createdByName: _name, ...entry }) => entry),
  };
}

function enrolmentCounts() {
  const db = getDb();
  return {
    perSession: db.all(
      sql`SELECT session_id, status, attendance, count(*) AS n FROM enrolments GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
    perOgwRole: db.all(
      sql`SELECT ogw_role, status, count(*) AS n FROM enrolments GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    perDepartment: db.all(
      sql`SELECT department_id, status, count(*) AS n FROM enrolments GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  };
}

function tableRows(name: string): Row[] {
  return getDb().all<Row>(sql`SELECT * FROM ${sql.identifier(name)} ORDER BY rowid`);
}

/** Every table in the file, the full-text index and its shadow tables included. */
function allTables(): string[] {
  return getDb()
    .all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .map((row) => row.name);
}

function rowCounts(): Record<string, number> {
  return Object.fromEntries(
    allTables().map((name) => [
      name,
      getDb().get<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.identifier(name)}`).n,
    ]),
  );
}

/** The old name and address in every spelling a stored text could hold them. */
const needles = [
  OLD_NAME,
  OLD_NAME.replace("'", "&#x27;"),
  OLD_NAME.replace("'", "&#39;"),
  OLD_EMAIL,
].flatMap((value) => [value, value.toLowerCase(), value.toUpperCase()]);

/** Where in the database a text still stands: "table.column" for every hit. */
function findInColumns(value: string): string[] {
  const db = getDb();
  const hits: string[] = [];
  for (const table of allTables()) {
    const columns = getSqlite().prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as {
      name: string;
    }[];
    for (const { name: column } of columns) {
      const found = db.get<{ n: number }>(sql`
        SELECT count(*) AS n FROM ${sql.identifier(table)}
        WHERE instr(lower(CAST(${sql.identifier(column)} AS TEXT)), lower(${value})) > 0
          OR CAST(${sql.identifier(column)} AS TEXT) LIKE ${`%${value}%`}`);
      if (found.n > 0) hits.push(`${table}.${column}`);
    }
  }
  return hits;
}

function findInFiles(value: string): string[] {
  const file = process.env.DATABASE_PATH!;
  const needle = Buffer.from(value, "utf8");
  return [file, `${file}-wal`].filter(
    (path) => fs.existsSync(path) && fs.readFileSync(path).indexOf(needle) !== -1,
  );
}

describe("anonymising a departed member", () => {
  let before: {
    figures: ReturnType<typeof getBudgetFigures>;
    report: ReturnType<typeof reportNumbers>;
    counts: ReturnType<typeof enrolmentCounts>;
    enrolments: Row[];
    expenses: Row[];
    ledger: Row[];
    audit: Row[];
    colleague: Row[];
  };
  let mailToCoordinatorId: number;

  beforeAll(() => {
    // The test would prove nothing if the old name were not in the database to begin with.
    expect(findInColumns(OLD_NAME)).toEqual(
      expect.arrayContaining(["users.name", "mail_outbox.text", "member_search.name"]),
    );
    expect(findInColumns(OLD_NAME.replace("'", "&#x27;"))).toContain("mail_outbox.html");
    expect(findInFiles(OLD_NAME)).not.toEqual([]);
    expect(findInFiles("stakeholderanalyse")).not.toEqual([]);
    expect(findInColumns(OLD_EMAIL)).toEqual(
      expect.arrayContaining(["users.email", "mail_outbox.to_address"]),
    );
    mailToCoordinatorId = getDb()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toUserId, coordinator.id))
      .all()
      .find(
        (mail) => mail.template === "enrolment_approval_needed" && mail.text.includes(OLD_NAME),
      )!.id;

    before = {
      figures: getBudgetFigures(getDb(), budgetId),
      report: reportNumbers(),
      counts: enrolmentCounts(),
      enrolments: tableRows("enrolments"),
      expenses: tableRows("expenses"),
      ledger: tableRows("ledger_entries"),
      audit: tableRows("audit_log"),
      colleague: getDb().all<Row>(sql`SELECT * FROM users WHERE id = ${colleague.id}`),
    };
    expect(before.figures.committedCents).toBeGreaterThan(0);
    expect(before.figures.actualCents).toBeGreaterThan(0);

    const result = anonymiseMember(member.id, admin, address);
    expect(result).toEqual({ ok: true, value: { name: anonymisedName(member.id) } });
  });

  it("keeps the budget figures, the budget report and the enrolment counts exactly", () => {
    expect(getBudgetFigures(getDb(), budgetId)).toEqual(before.figures);
    expect(reportNumbers()).toEqual(before.report);
    expect(enrolmentCounts()).toEqual(before.counts);
    expect(tableRows("enrolments")).toEqual(before.enrolments);
    expect(tableRows("expenses")).toEqual(before.expenses);
    expect(tableRows("ledger_entries")).toEqual(before.ledger);
    expect(getDb().all(sql`SELECT * FROM users WHERE id = ${colleague.id}`)).toEqual(
      before.colleague,
    );
  });

  it("leaves the old name and e-mail address in no column of any table", () => {
    for (const needle of needles) expect(findInColumns(needle), needle).toEqual([]);
  });

  it("leaves them nowhere in the database file or its WAL either", () => {
    expect(getSqlite().pragma("secure_delete", { simple: true })).toBe(1);
    for (const needle of needles) expect(findInFiles(needle), needle).toEqual([]);
    // The full-text index keeps words, not texts: its merge must have dropped the member's own.
    expect(findInFiles("stakeholderanalyse")).toEqual([]);
  });

  it("replaces name, address and profile, and closes the account", () => {
    const user = findUserById(getDb(), member.id)!;
    expect(user).toMatchObject({
      name: anonymisedName(member.id),
      email: anonymisedEmail(member.id),
      team: null,
      introduction: null,
      status: "deactivated",
      ogwRole: "steering_professional",
      guildLeftOn: yesterday(),
    });
    expect(user.anonymisedAt).not.toBeNull();
    expect(user.deactivatedAt).not.toBeNull();
    for (const table of ["member_expertise", "passwords", "login_sessions", "one_time_tokens"]) {
      expect(
        getDb().all(sql`SELECT * FROM ${sql.identifier(table)} WHERE user_id = ${member.id}`),
        table,
      ).toEqual([]);
    }
    // The directory finds neither the old name nor the old expertise.
    expect(
      getDb().all(
        sql`SELECT rowid FROM member_search WHERE member_search MATCH 'fenna OR stakeholderanalyse'`,
      ),
    ).toEqual([]);
  });

  it("the member cannot sign in any more, with either address, and the old session is gone", async () => {
    expect(validateSessionToken(getDb(), memberToken)).toBeNull();
    for (const email of [OLD_EMAIL, anonymisedEmail(member.id)]) {
      expect((await attemptSignIn({ email, password: TEST_PASSWORD, address })).kind).toBe(
        "invalid",
      );
    }
  });

  it("empties mail to the member and stops what was not yet sent; other mail gets the new name", () => {
    const toMember = getDb()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toUserId, member.id))
      .all();
    expect(toMember.length).toBeGreaterThan(2);
    for (const mail of toMember) {
      expect(mail).toMatchObject({
        toAddress: anonymisedEmail(member.id),
        subject: REDACTED,
        html: REDACTED,
        text: REDACTED,
        attachments: null,
        status: "failed",
        lastError: RECIPIENT_ANONYMISED,
      });
    }
    const toCoordinator = getDb()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.id, mailToCoordinatorId))
      .get()!;
    expect(toCoordinator.text).toContain(anonymisedName(member.id));
    expect(toCoordinator.html).toContain(anonymisedName(member.id));
    expect(toCoordinator.subject).toContain(anonymisedName(member.id));
    expect(toCoordinator.status).toBe("pending");
  });

  it("is audited without the old name or address, and no earlier audit row changed", () => {
    const after = tableRows("audit_log");
    expect(after.slice(0, before.audit.length)).toEqual(before.audit);
    const added = after
      .slice(before.audit.length)
      .filter((row) => row.action === "user_anonymised");
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      actor_id: admin.id,
      action: "user_anonymised",
      object_type: "user",
      object_id: String(member.id),
      result: "success",
      origin: address,
    });
  });
});

describe("refusals", () => {
  it("refuses a member who has not departed, oneself, twice and an unknown user, and writes nothing", async () => {
    const active = await createUser({ name: "Sanne de Vries" });
    const leavesTomorrow = await createUser({ name: "Eva Smit" });
    setGuildMembership(getDb(), leavesTomorrow.id, {
      guildJoinedOn: "2023-03-01",
      guildLeftOn: amsterdamDateOf(new Date(Date.now() + 36 * HOUR)),
    });
    const counts = rowCounts();
    const rows = tableRows("users");
    const cases: [number, number, RegExp][] = [
      [active.id, admin.id, /Deactiveer eerst het account/],
      [leavesTomorrow.id, admin.id, /Deactiveer eerst het account/],
      [admin.id, admin.id, /eigen account/],
      [member.id, admin.id, /al geanonimiseerd/],
      [999_999, admin.id, /bestaat niet/],
    ];
    for (const [userId, actorId, message] of cases) {
      const result = anonymiseMember(userId, { id: actorId }, address);
      expect(result.ok, String(userId)).toBe(false);
      expect(!result.ok && result.message).toMatch(message);
    }
    expect(rowCounts()).toEqual(counts);
    expect(tableRows("users")).toEqual(rows);
  });
});

describe("the Anonimiseren section on /beheer/gebruikers/:id", () => {
  type RouteFn = (args: {
    request: Request;
    params: Record<string, string>;
    context: typeof testContext;
  }) => unknown;

  function call(fn: RouteFn, userId: number, cookie: string, form?: Record<string, string>) {
    const request = appRequest(`/beheer/gebruikers/${userId}`, { cookie, form });
    return settle(() => fn({ request, params: { id: String(userId) }, context: testContext }));
  }

  it("only an administrator may post intent=anonymise", async () => {
    const departed = await createUser({ name: "Mehmet Yilmaz" });
    setUserActive(departed.id, false, admin, address);
    for (const role of ["member", "coordinator", "hr"] as const) {
      const cookie = sessionCookieFor((await createUser({ appRole: role })).id);
      const result = await call(userRoute.action as RouteFn, departed.id, cookie, {
        intent: "anonymise",
        confirmName: "Mehmet Yilmaz",
      });
      expect(statusOf(result), role).toBe(403);
    }
    expect(findUserById(getDb(), departed.id)!.anonymisedAt).toBeNull();
  });

  it("says why not for a member who has not departed, and offers the form once they have", async () => {
    const someone = await createUser({ name: "Karin Hoekstra" });
    const cookie = sessionCookieFor(admin.id);
    const active = await call(userRoute.loader as RouteFn, someone.id, cookie);
    expect(active.value).toMatchObject({
      anonymiseRefusal: expect.stringMatching(/Deactiveer eerst/),
    });
    setUserActive(someone.id, false, admin, address);
    const departed = await call(userRoute.loader as RouteFn, someone.id, cookie);
    expect(departed.value).toMatchObject({ anonymiseRefusal: null });
  });

  it("a wrong name is refused beside the field and writes nothing; the right name anonymises", async () => {
    const departed = await createUser({ name: "Lotte Brouwer" });
    setUserActive(departed.id, false, admin, address);
    const cookie = sessionCookieFor(admin.id);
    const counts = rowCounts();
    const wrong = await call(userRoute.action as RouteFn, departed.id, cookie, {
      intent: "anonymise",
      confirmName: "Lotte Bakker",
    });
    expect(statusOf(wrong)).toBe(400);
    const reply = (wrong.value as { data: { result: { error: Record<string, string[]> } } }).data
      .result;
    expect(reply.error.confirmName?.[0]).toMatch(/niet de naam van dit lid/);
    expect(rowCounts()).toEqual(counts);
    expect(findUserById(getDb(), departed.id)!.name).toBe("Lotte Brouwer");

    const right = await call(userRoute.action as RouteFn, departed.id, cookie, {
      intent: "anonymise",
      confirmName: "  Lotte Brouwer ",
    });
    expect(statusOf(right)).toBe(302);
    expect(right.response!.headers.get("Location")).toBe(`/beheer/gebruikers/${departed.id}`);
    expect(right.response!.headers.get("Set-Cookie")).toMatch(/gilde_melding=/);
    expect(findUserById(getDb(), departed.id)).toMatchObject({
      name: anonymisedName(departed.id),
      email: anonymisedEmail(departed.id),
    });

    // An anonymised account cannot be opened again.
    const reopen = await call(userRoute.action as RouteFn, departed.id, cookie, {
      intent: "reactivate",
    });
    expect(statusOf(reopen)).toBe(400);
    expect(getDb().select().from(users).where(eq(users.id, departed.id)).get()!.status).toBe(
      "deactivated",
    );
  });
});
