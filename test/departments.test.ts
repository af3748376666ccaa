// Maintaining departments through the routes' loaders and actions: what is stored and logged, that
// bad input and duplicate codes are refused beside the field with nothing written, and that a
// department in use can be renamed but not deleted.
import crypto from "node:crypto";
import { count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { auditLog, budgets, departments, enrolments, expenses } from "#db/schema.ts";
import type { AppRole } from "#app/domain/roles.ts";
import { insertCourse, insertSession } from "#app/models/catalogue-admin.server.ts";
import { insertUser } from "#app/models/users.server.ts";
import * as listRoute from "#app/routes/beheer.afdelingen._index.tsx";
import * as editRoute from "#app/routes/beheer.afdelingen.$id.tsx";
import {
  appRequest,
  createUser,
  ensureDepartment,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
  type RouteFn,
} from "#test/factories.ts";

type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type EditData = Awaited<ReturnType<typeof editRoute.loader>>;

const cookies = new Map<AppRole, { id: number; cookie: string }>();

beforeAll(async () => {
  for (const role of ["member", "coordinator", "hr", "admin"] as const) {
    const user = await createUser({ appRole: role, name: `Test ${role}` });
    cookies.set(role, { id: user.id, cookie: sessionCookieFor(user.id) });
  }
});

function run(
  fn: RouteFn,
  path: string,
  options: { id?: number | string; role?: AppRole; form?: Record<string, string> } = {},
) {
  const cookie = cookies.get(options.role ?? "admin")!.cookie;
  const params: Record<string, string> = options.id === undefined ? {} : { id: String(options.id) };
  return settle(() =>
    fn({
      request: appRequest(path, { cookie, form: options.form }),
      params,
      context: testContext,
    }),
  );
}

const addDepartment = (form: Record<string, string>, role: AppRole = "admin") =>
  run(listRoute.action, "/beheer/afdelingen", { role, form });

const editDepartment = (id: number, form: Record<string, string>, role: AppRole = "admin") =>
  run(editRoute.action, `/beheer/afdelingen/${id}`, { id, role, form });

/** The reply of a 400: a bare submission reply (add form) or one wrapped with an intent (edit page). */
function replyOf(result: { value: unknown }) {
  const payload = (result.value as { data: Record<string, unknown> }).data;
  const reply = (payload.result ?? payload) as {
    error?: Record<string, string[] | null>;
    initialValue?: Record<string, unknown>;
  } | null;
  return {
    errors: reply?.error ?? {},
    initialValue: reply?.initialValue ?? {},
    message: (payload.error as string | null | undefined) ?? null,
  };
}

function departmentByCode(code: string) {
  return getDb().select().from(departments).where(eq(departments.code, code)).get();
}

function rowCounts() {
  const db = getDb();
  return {
    departments: db.select({ n: count() }).from(departments).get()!.n,
    audit: db.select({ n: count() }).from(auditLog).get()!.n,
  };
}

function lastAudit(action: string) {
  const row = getDb()
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .orderBy(desc(auditLog.id))
    .get();
  expect(row, `an audit row for ${action}`).toBeDefined();
  return { ...row!, details: JSON.parse(row!.details ?? "null") as Record<string, unknown> };
}

let uniqueCounter = 0;
/** A department of its own for one test, so the tests do not depend on each other's data. */
function freshDepartment(name = "Afdeling voor een test"): { id: number; code: string } {
  uniqueCounter += 1;
  const code = `T${uniqueCounter}`;
  return { id: ensureDepartment(code, name), code };
}

describe("the department list", () => {
  it("shows each department with the number of its active users only", async () => {
    const department = freshDepartment("Afdeling met gebruikers");
    const db = getDb();
    for (const status of ["active", "active", "invited", "deactivated"] as const) {
      insertUser(db, {
        email: `${status}-${crypto.randomUUID()}@gilde.example`,
        name: "Collega",
        departmentId: department.id,
        ogwRole: "employee",
        appRole: "member",
        status,
      });
    }
    const result = await run(listRoute.loader, "/beheer/afdelingen");
    expect(statusOf(result)).toBe(200);
    const row = (result.value as ListData).departments.find((d) => d.id === department.id);
    expect(row).toMatchObject({ code: department.code, name: "Afdeling met gebruikers" });
    expect(row!.activeUsers).toBe(2);
  });
});

describe("adding a department", () => {
  it("stores the code trimmed and in capitals, logs it, and goes back to the list", async () => {
    const result = await addDepartment({ code: "  wz-o&z/2 ", name: "  Wonen en Zorg  " });
    expect(statusOf(result)).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/beheer/afdelingen");
    expect(result.response?.headers.get("Set-Cookie")).toContain("gilde_melding=");
    const stored = departmentByCode("WZ-O&Z/2");
    expect(stored).toMatchObject({ code: "WZ-O&Z/2", name: "Wonen en Zorg" });

    const audit = lastAudit("department_created");
    expect(audit).toMatchObject({
      actorId: cookies.get("admin")!.id,
      objectType: "department",
      objectId: String(stored!.id),
      result: "success",
      origin: testContext.clientAddress,
    });
    expect(audit.details).toEqual({ after: { code: "WZ-O&Z/2", name: "Wonen en Zorg" } });
  });

  it("refuses a code that is already taken, whatever its capitals, and keeps the input", async () => {
    ensureDepartment("P&O", "Personeel en Organisatie");
    const before = rowCounts();
    const result = await addDepartment({ code: "p&o", name: "Nog een P&O" });
    expect(statusOf(result)).toBe(400);
    const reply = replyOf(result);
    expect(reply.errors.code).toEqual([
      "Er bestaat al een afdeling met de code P&O. Kies een andere code.",
    ]);
    expect(reply.initialValue).toMatchObject({ code: "p&o", name: "Nog een P&O" });
    expect(rowCounts()).toEqual(before);
  });

  it.each([
    [{ code: "", name: "Naam van de afdeling" }, "code", "Vul een code in, bijvoorbeeld MO/MB."],
    [{ code: "   ", name: "Naam van de afdeling" }, "code", "Vul een code in, bijvoorbeeld MO/MB."],
    [{ code: "X", name: "Naam van de afdeling" }, "code", "Een code is minstens 2 tekens."],
    [
      { code: "ABCDEFGHIJKLM", name: "Naam van de afdeling" },
      "code",
      "Een code is hoogstens 12 tekens.",
    ],
    [
      { code: "MO.MB", name: "Naam van de afdeling" },
      "code",
      "Gebruik in een code alleen letters, cijfers, spaties en de tekens & - /.",
    ],
    [
      { code: "<b>", name: "Naam van de afdeling" },
      "code",
      "Gebruik in een code alleen letters, cijfers, spaties en de tekens & - /.",
    ],
    [{ code: "NIEUW", name: "  " }, "name", "Vul de naam van de afdeling in."],
    [{ code: "NIEUW", name: "AB" }, "name", "Een naam is minstens 3 tekens."],
    // Two characters, three UTF-16 units: counted as a person counts them.
    [{ code: "NIEUW", name: "A😀" }, "name", "Een naam is minstens 3 tekens."],
    [{ code: "𝒜", name: "Naam van de afdeling" }, "code", "Een code is minstens 2 tekens."],
    [
      { code: "NIEUW", name: "Ab\tcdef" },
      "name",
      "Gebruik in een naam geen tabs, regeleinden of andere onzichtbare tekens.",
    ],
    [{ code: "NIEUW", name: "x".repeat(101) }, "name", "Een naam is hoogstens 100 tekens."],
  ])("refuses %o with a message beside %s and writes nothing", async (form, field, message) => {
    const before = rowCounts();
    const result = await addDepartment(form);
    expect(statusOf(result)).toBe(400);
    expect(replyOf(result).errors[field]).toEqual([message]);
    expect(rowCounts()).toEqual(before);
  });

  it("stores HTML in a name as plain text, exactly as typed", async () => {
    const name = `<script>alert("x")</script> & <b>Zaken</b>`;
    const result = await addDepartment({ code: "HTML", name });
    expect(statusOf(result)).toBe(302);
    expect(departmentByCode("HTML")?.name).toBe(name);
    const page = await run(listRoute.loader, "/beheer/afdelingen");
    const row = (page.value as ListData).departments.find((d) => d.code === "HTML");
    expect(row?.name).toBe(name);
  });
});

describe("editing a department", () => {
  it("changes code and name and logs both before and after", async () => {
    const department = freshDepartment("Oude naam");
    const result = await editDepartment(department.id, {
      intent: "save",
      code: "ro 2",
      name: "Ruimtelijke Ordening",
    });
    expect(statusOf(result)).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/beheer/afdelingen");
    const stored = getDb().select().from(departments).where(eq(departments.id, department.id));
    expect(stored.get()).toMatchObject({ code: "RO 2", name: "Ruimtelijke Ordening" });
    const audit = lastAudit("department_updated");
    expect(audit.objectId).toBe(String(department.id));
    expect(audit.details).toEqual({
      before: { code: department.code, name: "Oude naam" },
      after: { code: "RO 2", name: "Ruimtelijke Ordening" },
    });
  });

  it("refuses another department's code beside the field, keeping the input", async () => {
    const taken = freshDepartment();
    const department = freshDepartment("Blijft zo");
    const before = rowCounts();
    const result = await editDepartment(department.id, {
      intent: "save",
      code: taken.code.toLowerCase(),
      name: "Andere naam",
    });
    expect(statusOf(result)).toBe(400);
    const reply = replyOf(result);
    expect(reply.errors.code).toEqual([
      `Er bestaat al een afdeling met de code ${taken.code}. Kies een andere code.`,
    ]);
    expect(reply.initialValue).toMatchObject({ name: "Andere naam" });
    expect(departmentByCode(department.code)?.name).toBe("Blijft zo");
    expect(rowCounts()).toEqual(before);
  });

  it("keeps its own code, and logs nothing when nothing changed", async () => {
    const department = freshDepartment("Gelijk");
    const before = rowCounts();
    const result = await editDepartment(department.id, {
      intent: "save",
      code: department.code.toLowerCase(),
      name: "Gelijk",
    });
    expect(statusOf(result)).toBe(302);
    expect(rowCounts()).toEqual(before);
  });

  it("refuses invalid input with the message beside the field", async () => {
    const department = freshDepartment("Blijft zo");
    const result = await editDepartment(department.id, { intent: "save", code: "A", name: "Xy" });
    expect(statusOf(result)).toBe(400);
    const { errors } = replyOf(result);
    expect(errors.code).toEqual(["Een code is minstens 2 tekens."]);
    expect(errors.name).toEqual(["Een naam is minstens 3 tekens."]);
    expect(departmentByCode(department.code)?.name).toBe("Blijft zo");
  });

  it("answers 404 for a department that does not exist", async () => {
    for (const id of ["999999", "abc", "0"]) {
      const page = await run(editRoute.loader, `/beheer/afdelingen/${id}`, { id });
      expect(statusOf(page)).toBe(404);
      const post = await run(editRoute.action, `/beheer/afdelingen/${id}`, {
        id,
        form: { intent: "delete" },
      });
      expect(statusOf(post)).toBe(404);
    }
  });

  it("answers an unknown intent with 400", async () => {
    const department = freshDepartment();
    expect(statusOf(await editDepartment(department.id, { intent: "niets" }))).toBe(400);
  });
});

describe("deleting a department", () => {
  let budgetId = 0;
  let sessionId = 0;
  let requesterId = 0;

  beforeAll(async () => {
    const db = getDb();
    requesterId = cookies.get("coordinator")!.id;
    budgetId = db
      .insert(budgets)
      .values({
        name: "Opleidingsbudget test",
        fundingSource: "Incidentele middelen",
        decisionDate: "2023-01-31",
        decisionReference: "Z.180338 / D.1436779",
        startDate: "2023-02-01",
        endDate: "2025-12-31",
      })
      .returning({ id: budgets.id })
      .get().id;
    const course = insertCourse(db, {
      kind: "knowledge_session",
      slug: "afdelingen-test",
      title: "Afdelingen test",
      summary: "Een sessie voor deze test.",
      body: "",
      provider: "Gilde OGW",
      costPerParticipantCents: 0,
      durationHours: 2,
      published: true,
      targetRoles: [],
      learningGoalIds: [],
    });
    sessionId = insertSession(db, course.id, {
      startsAt: new Date("2099-03-12T08:30:00Z"),
      endsAt: new Date("2099-03-12T10:30:00Z"),
      location: "Raadhuis Huizen",
      onlineUrl: null,
      capacity: 10,
      enrolmentDeadline: new Date("2099-03-05T16:00:00Z"),
      sessionCostCents: 0,
    }).id;
  });

  const referrers = {
    "a deactivated user": (departmentId: number) => {
      insertUser(getDb(), {
        email: `oud-${crypto.randomUUID()}@gilde.example`,
        name: "Vertrokken collega",
        departmentId,
        ogwRole: "employee",
        appRole: "member",
        status: "deactivated",
      });
    },
    "an expense": (departmentId: number) => {
      getDb()
        .insert(expenses)
        .values({
          budgetId,
          description: "Training",
          supplier: "Bureau",
          kind: "other",
          amountCents: 10_000,
          requestedById: requesterId,
          departmentId,
          requestedAt: new Date().toISOString(),
        })
        .run();
    },
    "an enrolment": (departmentId: number) => {
      // The member has moved to another department since; the enrolment keeps the old one.
      getDb()
        .insert(enrolments)
        .values({
          sessionId,
          memberId: cookies.get("member")!.id,
          ogwRole: "employee",
          departmentId,
          status: "cancelled",
          enrolledAt: new Date().toISOString(),
        })
        .run();
    },
  };

  it.each(Object.keys(referrers) as (keyof typeof referrers)[])(
    "refuses while %s refers to it, says why, and leaves it for renaming",
    async (referrer) => {
      const department = freshDepartment("In gebruik");
      referrers[referrer](department.id);
      const page = (await run(editRoute.loader, `/beheer/afdelingen/${department.id}`, {
        id: department.id,
      })) as { value: EditData };
      expect(page.value.inUseMessage).toMatch(/^Deze afdeling kan niet worden verwijderd/);

      const before = rowCounts();
      const result = await editDepartment(department.id, { intent: "delete" });
      expect(statusOf(result)).toBe(400);
      const message = replyOf(result).message;
      expect(message).toMatch(/^Deze afdeling kan niet worden verwijderd, want er verwijst nog 1 /);
      expect(message).toContain("Code en naam kunt u wel wijzigen.");
      expect(rowCounts()).toEqual(before);
      expect(departmentByCode(department.code)).toBeDefined();

      const renamed = await editDepartment(department.id, {
        intent: "save",
        code: department.code,
        name: "Nieuwe naam",
      });
      expect(statusOf(renamed)).toBe(302);
      expect(departmentByCode(department.code)?.name).toBe("Nieuwe naam");
    },
  );

  it("names every kind of reference in the message", async () => {
    const department = freshDepartment("Druk in gebruik");
    referrers["a deactivated user"](department.id);
    referrers["a deactivated user"](department.id);
    referrers["an expense"](department.id);
    referrers["an enrolment"](department.id);
    const result = await editDepartment(department.id, { intent: "delete" });
    expect(replyOf(result).message).toBe(
      "Deze afdeling kan niet worden verwijderd, want er verwijzen nog 2 gebruikers, 1 uitgave " +
        "en 1 inschrijving naar. Code en naam kunt u wel wijzigen.",
    );
  });

  it("deletes a department nothing refers to and logs what it was", async () => {
    const department = freshDepartment("Opgeheven afdeling");
    const page = (await run(editRoute.loader, `/beheer/afdelingen/${department.id}`, {
      id: department.id,
    })) as { value: EditData };
    expect(page.value.inUseMessage).toBeNull();

    const result = await editDepartment(department.id, { intent: "delete" });
    expect(statusOf(result)).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/beheer/afdelingen");
    expect(departmentByCode(department.code)).toBeUndefined();
    const audit = lastAudit("department_deleted");
    expect(audit).toMatchObject({
      objectType: "department",
      objectId: String(department.id),
      actorId: cookies.get("admin")!.id,
    });
    expect(audit.details).toEqual({
      before: { code: department.code, name: "Opgeheven afdeling" },
    });

    const again = await editDepartment(department.id, { intent: "delete" });
    expect(statusOf(again)).toBe(404);
  });
});

describe("who may manage departments", () => {
  it.each(["member", "coordinator", "hr"] as const)(
    "%s gets 403 on both pages, and nothing is written",
    async (role) => {
      const department = freshDepartment("Niet aankomen");
      const before = rowCounts();
      const checks = [
        await run(listRoute.loader, "/beheer/afdelingen", { role }),
        await addDepartment({ code: "STIEKEM", name: "Stiekeme afdeling" }, role),
        await run(editRoute.loader, `/beheer/afdelingen/${department.id}`, {
          id: department.id,
          role,
        }),
        await editDepartment(
          department.id,
          { intent: "save", code: "HACK", name: "Gehackt" },
          role,
        ),
        await editDepartment(department.id, { intent: "delete" }, role),
      ];
      expect(checks.map(statusOf)).toEqual([403, 403, 403, 403, 403]);
      expect(rowCounts()).toEqual(before);
      expect(departmentByCode(department.code)?.name).toBe("Niet aankomen");
    },
  );
});
