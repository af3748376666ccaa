// "Download mijn gegevens": every table of the schema is classified, and a member's export holds
// exactly the rows that refer to them and nothing about anyone else.
import { is, sql } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSqlite } from "#db/client.server.ts";
import * as schema from "#db/schema.ts";
import { recordAudit } from "#app/models/audit.server.ts";
import { replaceExpertiseTags, updateProfileColumns } from "#app/models/profiles.server.ts";
import type { User } from "#app/models/users.server.ts";
import {
  action as exportAction,
  loader as exportLoader,
} from "#app/routes/profiel.mijn-gegevens[.]json.tsx";
import { attemptSignIn, emailKey, requestPasswordReset } from "#app/utils/account.server.ts";
import { approveEnrolment, enrolInSession } from "#app/utils/enrolments.server.ts";
import {
  buildPersonalDataExport,
  HIDDEN,
  OTHER_USER,
  personalDataRegister,
  type PersonalDataExport,
} from "#app/utils/personal-data.server.ts";
import { createBudget, createSession } from "#test/enrolment-fixtures.ts";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
} from "#test/factories.ts";

const address = "198.51.100.23";
type Row = Record<string, unknown>;

// ---- The tables, read from the schema module itself ----

const schemaTables = (Object.values(schema) as unknown[])
  .filter((value): value is SQLiteTable => is(value, SQLiteTable))
  .map((table) => {
    const config = getTableConfig(table);
    const userReferences = config.foreignKeys
      .map((key) => key.reference())
      .filter((reference) => reference.foreignTable === schema.users)
      .flatMap((reference) => reference.columns.map((column) => column.name));
    return { name: config.name, userReferences };
  });

/** The columns that name a user: foreign keys to users, and users.id itself. */
function userColumnsOf(tableName: string): string[] {
  const table = schemaTables.find((entry) => entry.name === tableName)!;
  return tableName === "users" ? ["id", ...table.userReferences] : table.userReferences;
}

describe("the register of personal data", () => {
  it("classifies every table of the schema, and names no table that does not exist", () => {
    const names = schemaTables.map((table) => table.name).sort();
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => !(name in personalDataRegister))).toEqual([]);
    expect(Object.keys(personalDataRegister).filter((name) => !names.includes(name))).toEqual([]);
  });

  it("lists every column with a foreign key to users as a reference of a personal table", () => {
    for (const { name, userReferences } of schemaTables) {
      const rule = personalDataRegister[name]!;
      if (userReferences.length > 0 || name === "users") {
        expect(rule.personal, `${name} refers to users`).toBe(true);
      }
      if (!rule.personal) {
        expect(rule.reason.length, `${name} says why it is not personal`).toBeGreaterThan(10);
        continue;
      }
      expect(getTableConfig(rule.table).name).toBe(name);
      expect([...rule.userColumns].sort(), name).toEqual(
        expect.arrayContaining(userColumnsOf(name)),
      );
    }
  });
});

// ---- Two members with rows in every personal table ----

let a: User;
let b: User;
let coordinator: User;
let admin: User;
let exported: PersonalDataExport;
let json: string;

async function enrol(sessionId: number, member: User): Promise<number> {
  const result = await enrolInSession(sessionId, member, address);
  if (!result.ok) throw new Error(result.message);
  return result.value.enrolmentId;
}

beforeAll(async () => {
  // A is a coordinator, so that they also decide on B's paid enrolment and get mail naming B.
  a = await createUser({
    appRole: "coordinator",
    ogwRole: "opgave_director",
    name: "Roos Kuipers",
    email: "roos.kuipers@huizen.example",
  });
  b = await createUser({
    ogwRole: "line_manager",
    name: "Bram Ouwehand",
    email: "bram.ouwehand@huizen.example",
  });
  coordinator = await createUser({ appRole: "coordinator", name: "Joris Bakker" });
  admin = await createUser({ appRole: "admin", name: "Pieter Jansen" });
  createBudget(1_500_000, admin);
  const db = getDb();

  for (const [user, team, tags] of [
    [a, "Team Omgevingswet", ["omgevingswet", "stakeholderanalyse"]],
    [b, "Team Sociaal Domein", ["jeugdzorg"]],
  ] as const) {
    updateProfileColumns(db, user.id, {
      team,
      introduction: `Ik werk bij ${team}.`,
      ogwRole: user.ogwRole,
    });
    replaceExpertiseTags(db, user.id, tags);
  }

  const free = createSession({ capacity: 5 });
  await enrol(free.session.id, a);
  await enrol(free.session.id, b);
  const paid = createSession({ kind: "individual", costPerParticipantCents: 45_000, capacity: 5 });
  const ofA = await enrol(paid.session.id, a);
  const ofB = await enrol(paid.session.id, b);
  expect((await approveEnrolment(ofA, coordinator, address)).ok).toBe(true);
  expect((await approveEnrolment(ofB, a, address)).ok).toBe(true);

  // Each attended a session and gave feedback naming a learning goal.
  const goal = db
    .insert(schema.learningGoals)
    .values({ slug: "opgave-afbakenen-test", title: "Een opgave afbakenen", description: "Test." })
    .returning()
    .get();
  const held = createSession({ startsInHours: -48, deadlineHoursBefore: 24 });
  for (const user of [a, b]) {
    const enrolment = db
      .insert(schema.enrolments)
      .values({
        sessionId: held.session.id,
        memberId: user.id,
        ogwRole: user.ogwRole,
        departmentId: user.departmentId,
        status: "confirmed",
        attendance: "attended",
        enrolledAt: new Date(Date.now() - 72 * 3_600_000).toISOString(),
      })
      .returning()
      .get();
    const given = db
      .insert(schema.feedback)
      .values({
        enrolmentId: enrolment.id,
        rating: 4,
        comment: "Nuttig.",
        givenAt: new Date().toISOString(),
      })
      .returning()
      .get();
    db.insert(schema.feedbackLearningGoals)
      .values({ feedbackId: given.id, learningGoalId: goal.id })
      .run();
  }

  for (const user of [a, b]) {
    await requestPasswordReset(user.email, address);
    await attemptSignIn({ email: user.email, password: "niet het wachtwoord", address });
    sessionCookieFor(user.id);
  }
  // Something A did to B's account: in A's export without B's id or details.
  recordAudit(db, {
    actorId: a.id,
    action: "user_role_changed",
    objectType: "user",
    objectId: b.id,
    result: "success",
    origin: address,
    details: { before: { appRole: "member" }, after: { appRole: "hr" } },
  });

  exported = buildPersonalDataExport(getDb(), a.id)!;
  json = JSON.stringify(exported);
});

/** The rows that refer to the member, straight from the database, one query per table. */
function rowsAbout(tableName: string, member: User): Row[] {
  const conditions = userColumnsOf(tableName).map(
    (column) => sql`${sql.identifier(column)} = ${member.id}`,
  );
  // Rows about the member that no foreign key points at.
  if (tableName === "audit_log") {
    conditions.push(sql`(object_type = 'user' AND object_id = ${String(member.id)})`);
    conditions.push(sql`(object_type = 'email' AND object_id = ${emailKey(member.email)})`);
    conditions.push(
      sql`(object_type = 'enrolment' AND object_id IN (SELECT CAST(id AS TEXT) FROM enrolments WHERE member_id = ${member.id}))`,
    );
    conditions.push(
      sql`(object_type = 'expense' AND object_id IN (SELECT CAST(id AS TEXT) FROM expenses WHERE requested_by_id = ${member.id}))`,
    );
  }
  if (tableName === "mail_outbox") conditions.push(sql`to_address = ${member.email}`);
  const ownEnrolments = sql`SELECT id FROM enrolments WHERE member_id = ${member.id}`;
  if (tableName === "feedback") conditions.push(sql`enrolment_id IN (${ownEnrolments})`);
  if (tableName === "feedback_learning_goals") {
    conditions.push(
      sql`feedback_id IN (SELECT id FROM feedback WHERE enrolment_id IN (${ownEnrolments}))`,
    );
  }
  return getDb().all<Row>(
    sql`SELECT * FROM ${sql.identifier(tableName)} WHERE ${sql.join(conditions, sql` OR `)}`,
  );
}

/** What identifies a row in the export: its id, or its visible columns when the id is a secret. */
function keyOf(tableName: string, row: Row): string {
  const rule = personalDataRegister[tableName]!;
  const secrets = rule.personal ? (rule.secrets ?? []) : [];
  if ("id" in row && !secrets.includes("id")) return String(row.id);
  return JSON.stringify(
    Object.entries(row)
      .filter(([column]) => !secrets.includes(column) && !column.startsWith("_"))
      .sort(([x], [y]) => x.localeCompare(y)),
  );
}

describe("a member's export", () => {
  it("holds, per personal table, exactly the rows that refer to the member", () => {
    const personal = Object.entries(personalDataRegister).filter(([, rule]) => rule.personal);
    expect(Object.keys(exported.tabellen).sort()).toEqual(personal.map(([name]) => name).sort());
    for (const [name] of personal) {
      const expected = rowsAbout(name, a).map((row) => keyOf(name, row));
      const actual = exported.tabellen[name]!.map((row) => keyOf(name, row));
      expect(expected.length, `${name}: the test gave A rows here`).toBeGreaterThan(0);
      expect(actual.sort(), name).toEqual(expected.sort());
    }
  });

  it("holds nothing about the other member: not their name, address or id", () => {
    const lower = json.toLowerCase();
    for (const value of [b.name, b.email, coordinator.name, admin.name, admin.email]) {
      expect(lower, value).not.toContain(value.toLowerCase());
    }
    for (const [name, rows] of Object.entries(exported.tabellen)) {
      for (const row of rows) {
        for (const column of userColumnsOf(name)) {
          expect(row[column] === null || row[column] === a.id, `${name}.${column}`).toBe(true);
        }
        if (name === "audit_log" && row.object_type === "user") {
          expect(row.object_id === null || row.object_id === String(a.id)).toBe(true);
        }
      }
    }
  });

  it("shows a decision on someone else's enrolment without whose it was", () => {
    const theirs = exported.tabellen.enrolments!.filter((row) => row.member_id === null);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({
      decided_by_id: a.id,
      ogw_role: null,
      department_id: null,
      status: "confirmed",
    });
    expect(theirs[0]!._cursus).toEqual(expect.any(String));
    const expense = exported.tabellen.expenses!.find((row) => row.requested_by_id === null)!;
    expect(expense).toMatchObject({ decided_by_id: a.id, ogw_role: null, department_id: null });
    const roleChange = exported.tabellen.audit_log!.find(
      (row) => row.action === "user_role_changed",
    );
    expect(roleChange).toMatchObject({ actor_id: a.id, object_id: null, details: null });
  });

  it("replaces the other member's name in mail to the member that mentioned them", () => {
    const stored = rowsAbout("mail_outbox", a).find(
      (row) => row.template === "enrolment_approval_needed",
    )!;
    expect(String(stored.text)).toContain(b.name);
    const shown = exported.tabellen.mail_outbox!.find((row) => row.id === stored.id)!;
    expect(String(shown.text)).toContain(OTHER_USER);
    expect(String(shown.subject)).toContain(OTHER_USER);
    // The member's own mail keeps their own name.
    expect(
      exported.tabellen.mail_outbox!.some((row) => String(row.html).includes("Roos Kuipers")),
    ).toBe(true);
  });

  it("never shows a secret", () => {
    expect(exported.tabellen.passwords![0]!.hash).toBe(HIDDEN);
    expect(exported.tabellen.login_sessions!.every((row) => row.id === HIDDEN)).toBe(true);
    expect(exported.tabellen.one_time_tokens!.every((row) => row.id === HIDDEN)).toBe(true);
    for (const table of ["passwords", "login_sessions", "one_time_tokens"]) {
      const secretColumn = table === "passwords" ? "hash" : "id";
      for (const row of rowsAbout(table, a)) {
        expect(json).not.toContain(String(row[secretColumn]));
      }
    }
  });

  it("explains itself and says which tables hold nothing about a person", () => {
    expect(exported.toelichting.algemeen.join(" ")).toMatch(/null/);
    expect(Object.keys(exported.toelichting.nietOpgenomen)).toEqual(
      expect.arrayContaining(["courses", "budgets", "departments"]),
    );
    expect(exported.tabellen.users![0]).toMatchObject({
      id: a.id,
      name: a.name,
      team: "Team Omgevingswet",
    });
    expect(exported.tabellen.member_expertise!.map((row) => row.tag).sort()).toEqual([
      "omgevingswet",
      "stakeholderanalyse",
    ]);
  });
});

describe("/profiel/mijn-gegevens.json", () => {
  it("downloads the signed-in member's own export on a POST, uncached, and logs it", async () => {
    const cookie = sessionCookieFor(a.id);
    // An id in the URL or the form changes nothing: the route only knows the signed-in member.
    const request = appRequest(`/profiel/mijn-gegevens.json?id=${b.id}`, {
      cookie,
      form: { id: String(b.id) },
    });
    const result = await settle(() =>
      exportAction({ request, params: {}, context: testContext } as never),
    );
    expect(statusOf(result)).toBe(200);
    const response = result.response!;
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="mijn-gegevens-gildeportaal.json"',
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    const body = (await response.json()) as PersonalDataExport;
    expect(body.tabellen.users!.map((row) => row.id)).toEqual([a.id]);
    expect(JSON.stringify(body).toLowerCase()).not.toContain(b.email);

    const logged = getDb().all<Row>(
      sql`SELECT * FROM audit_log WHERE action = 'personal_data_exported' ORDER BY id DESC LIMIT 1`,
    )[0]!;
    expect(logged).toMatchObject({
      actor_id: a.id,
      object_type: "user",
      object_id: String(a.id),
      result: "success",
      details: null,
    });
  });

  it("answers a GET with a way back to /profiel, and writes nothing", async () => {
    const cookie = sessionCookieFor(a.id);
    const before = getSqlite().serialize();
    const request = appRequest("/profiel/mijn-gegevens.json", { cookie });
    const result = await settle(() =>
      exportLoader({ request, params: {}, context: testContext } as never),
    );
    expect(statusOf(result)).toBe(302);
    expect(result.response!.headers.get("Location")).toBe("/profiel");
    expect(getSqlite().serialize().equals(before)).toBe(true);
  });

  it("refuses a download posted from another site, and logs nothing", async () => {
    const cookie = sessionCookieFor(a.id);
    const before = getSqlite().serialize();
    const request = appRequest("/profiel/mijn-gegevens.json", {
      cookie,
      form: {},
      origin: "https://evil.example",
    });
    const result = await settle(() =>
      exportAction({ request, params: {}, context: testContext } as never),
    );
    expect(statusOf(result)).toBe(403);
    expect(getSqlite().serialize().equals(before)).toBe(true);
  });

  it("sends someone who is not signed in to the sign-in page", async () => {
    for (const run of [exportLoader, exportAction]) {
      const request = appRequest("/profiel/mijn-gegevens.json", {
        form: run === exportAction ? {} : undefined,
      });
      const result = await settle(() =>
        run({ request, params: {}, context: testContext } as never),
      );
      expect(statusOf(result)).toBe(302);
      expect(result.response!.headers.get("Location")).toMatch(/^\/inloggen/);
    }
  });
});
