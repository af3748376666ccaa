// Enrolling through the routes' loaders and actions: the session page (enrol, cancel, the
// coordinator's decisions and attendance), the member's own list and the participant exports.
// Object-level checks matter most here: another member's enrolment id is a 404, not a way in.
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { enrolments } from "#db/schema.ts";
import { insertCourse, insertSession } from "#app/models/catalogue-admin.server.ts";
import { activeEnrolmentFor, getEnrolment } from "#app/models/enrolments.server.ts";
import * as sessionRoute from "#app/routes/sessies.$id.tsx";
import * as myRoute from "#app/routes/mijn-inschrijvingen.tsx";
import * as csvRoute from "#app/routes/sessies.$id_.deelnemers[.]csv.tsx";
import * as xlsxRoute from "#app/routes/sessies.$id_.deelnemers[.]xlsx.tsx";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
  type RouteFn,
} from "#test/factories.ts";

type SessionData = Awaited<ReturnType<typeof sessionRoute.loader>>;
type MyData = Awaited<ReturnType<typeof myRoute.loader>>;
type ActionPayload = { result: { error?: Record<string, string[] | null> } };

type Who = "anna" | "bram" | "coordinator" | "hr";
const people = {} as Record<Who, { id: number; cookie: string; name: string }>;
let sessionId = 0;
let otherSessionId = 0;
let path = "";

beforeAll(async () => {
  const names: Record<Who, [string, "member" | "coordinator" | "hr"]> = {
    anna: ["Anna de Vries", "member"],
    bram: ["Bram Jansen", "member"],
    coordinator: ["Carla Coördinator", "coordinator"],
    hr: ["Henk van P&O", "hr"],
  };
  for (const [who, [name, appRole]] of Object.entries(names) as [Who, [string, "member"]][]) {
    const user = await createUser({ appRole, name, ogwRole: "opgave_director" });
    people[who] = { id: user.id, cookie: sessionCookieFor(user.id), name };
  }
  const db = getDb();
  const course = insertCourse(db, {
    kind: "knowledge_session",
    slug: "actoren-in-kaart",
    title: "Actoren in kaart",
    summary: "Wie doet er mee aan een opgave?",
    body: "",
    provider: "Gilde OGW",
    costPerParticipantCents: 0,
    durationHours: 2,
    published: true,
    targetRoles: [],
    learningGoalIds: [],
  });
  // One seat: the second member goes on the waitlist.
  sessionId = insertSession(db, course.id, {
    startsAt: new Date("2099-03-12T08:30:00Z"),
    endsAt: new Date("2099-03-12T10:30:00Z"),
    location: "Raadhuis Huizen",
    onlineUrl: null,
    capacity: 1,
    enrolmentDeadline: new Date("2099-03-05T16:00:00Z"),
    sessionCostCents: 0,
  }).id;
  otherSessionId = insertSession(db, course.id, {
    startsAt: new Date("2099-04-12T08:30:00Z"),
    endsAt: new Date("2099-04-12T10:30:00Z"),
    location: "Raadhuis Huizen",
    onlineUrl: null,
    capacity: 10,
    enrolmentDeadline: new Date("2099-04-05T16:00:00Z"),
    sessionCostCents: 0,
  }).id;
  path = `/sessies/${sessionId}`;
});

function load(fn: RouteFn, url: string, who: Who) {
  return settle(() =>
    fn({
      request: appRequest(url, { cookie: people[who].cookie }),
      params: { id: String(sessionId) },
      context: testContext,
    }),
  );
}

function post(fn: RouteFn, url: string, who: Who, form: Record<string, string>, id = sessionId) {
  return settle(() =>
    fn({
      request: appRequest(url, { cookie: people[who].cookie, form }),
      params: { id: String(id) },
      context: testContext,
    }),
  );
}

function formErrors(result: { value: unknown }): string[] {
  const payload = (result.value as { data: ActionPayload }).data;
  return Object.values(payload.result.error ?? {}).flatMap((messages) => messages ?? []);
}

function enrolmentOf(who: Who) {
  return activeEnrolmentFor(getDb(), sessionId, people[who].id);
}

describe("enrolling on the session page", () => {
  it("enrols a member: a redirect back with a message, and a confirmed enrolment", async () => {
    const result = await post(sessionRoute.action, path, "anna", { intent: "enrol" });
    expect(statusOf(result)).toBe(302);
    expect(result.response?.headers.get("Location")).toBe(path);
    expect(result.response?.headers.get("Set-Cookie")).toContain("gilde_melding=");
    expect(enrolmentOf("anna")).toMatchObject({ status: "confirmed", ogwRole: "opgave_director" });
  });

  it("puts the next member on the waitlist and shows their place on the page", async () => {
    const result = await post(sessionRoute.action, path, "bram", { intent: "enrol" });
    expect(statusOf(result)).toBe(302);
    expect(enrolmentOf("bram")?.status).toBe("waitlisted");

    const page = (await load(sessionRoute.loader, path, "bram")).value as SessionData;
    expect(page.own?.statusLabel).toBe("Op de wachtlijst");
    expect(page.own?.waitlistText).toBe("U staat op plaats 1 van de wachtlijst.");
    expect(page.enrol.allowed).toBe(false);
    expect(page.session.waitlistLength).toBe(1);
  });

  it("refuses a second enrolment with the reason (400) and writes nothing", async () => {
    const before = getDb().select().from(enrolments).all().length;
    const result = await post(sessionRoute.action, path, "anna", { intent: "enrol" });
    expect(statusOf(result)).toBe(400);
    expect(formErrors(result)).toEqual(["U bent al ingeschreven voor deze sessie."]);
    expect(getDb().select().from(enrolments).all()).toHaveLength(before);
  });

  it("answers an unknown intent with 400", async () => {
    const result = await post(sessionRoute.action, path, "anna", { intent: "niets" });
    expect(statusOf(result)).toBe(400);
  });
});

describe("who may act on which enrolment", () => {
  it("gives a member who posts another member's enrolment id a 404, and changes nothing", async () => {
    const anna = enrolmentOf("anna")!;
    for (const [route, url] of [
      [sessionRoute.action, path],
      [myRoute.action, "/mijn-inschrijvingen"],
    ] as const) {
      const result = await post(route, url, "bram", {
        intent: "cancel",
        enrolmentId: String(anna.id),
      });
      expect(statusOf(result), url).toBe(404);
    }
    expect(getEnrolment(getDb(), anna.id)?.status).toBe("confirmed");
  });

  it("gives 404 for an enrolment of another session", async () => {
    const anna = enrolmentOf("anna")!;
    const result = await post(
      sessionRoute.action,
      `/sessies/${otherSessionId}`,
      "coordinator",
      { intent: "cancel", enrolmentId: String(anna.id) },
      otherSessionId,
    );
    expect(statusOf(result)).toBe(404);
    expect(getEnrolment(getDb(), anna.id)?.status).toBe("confirmed");
  });

  it("forbids a member to approve, reject or register attendance (403)", async () => {
    const bram = enrolmentOf("bram")!;
    const forms: Record<string, string>[] = [
      { intent: "approve", enrolmentId: String(bram.id) },
      { intent: "reject", enrolmentId: String(bram.id), reason: "Geen plaats" },
      { intent: "attendance", "marks[0].enrolmentId": String(bram.id) },
    ];
    for (const form of forms) {
      const result = await post(sessionRoute.action, path, "anna", form);
      expect(statusOf(result), form.intent).toBe(403);
    }
  });

  it("forbids P&O to cancel someone else's enrolment (403)", async () => {
    const result = await post(sessionRoute.action, path, "hr", {
      intent: "cancel",
      enrolmentId: String(enrolmentOf("anna")!.id),
    });
    expect(statusOf(result)).toBe(403);
    expect(enrolmentOf("anna")?.status).toBe("confirmed");
  });
});

describe("the participant list", () => {
  it("shows the participants and the waitlist to a coordinator", async () => {
    const page = (await load(sessionRoute.loader, path, "coordinator")).value as SessionData;
    expect(page.participants?.map((p) => [p.name, p.status, p.waitlistPosition])).toEqual([
      ["Anna de Vries", "confirmed", null],
      ["Bram Jansen", "waitlisted", 1],
    ]);
    expect(page.participants?.[0]?.ogwRole).toBe("Opgaveregisseur");
    expect(page.canDecide).toBe(true);
  });

  it("shows no participants to a member", async () => {
    const page = (await load(sessionRoute.loader, path, "bram")).value as SessionData;
    expect(page.participants).toBeNull();
    expect(JSON.stringify(page)).not.toContain("Anna de Vries");
  });
});

describe("the participant exports", () => {
  it("gives the participants as a Dutch CSV download", async () => {
    const result = await load(csvRoute.loader, `${path}/deelnemers.csv`, "hr");
    expect(statusOf(result)).toBe(200);
    const response = result.response!;
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="deelnemers-actoren-in-kaart-2099-03-12.csv"',
    );
    const rows: Record<string, string>[] = parse(await response.text(), {
      delimiter: ";",
      bom: true,
      columns: true,
      skip_empty_lines: true,
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      Naam: "Anna de Vries",
      Afdeling: "P&O",
      "OGW-rol": "Opgaveregisseur",
      Status: "Ingeschreven",
      "Plaats op wachtlijst": "",
      Aanwezigheid: "",
    });
    expect(rows[0]!["Ingeschreven op"]).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    expect(rows[1]).toMatchObject({ Naam: "Bram Jansen", "Plaats op wachtlijst": "1" });
  });

  it("gives the participants as an Excel workbook", async () => {
    const result = await load(xlsxRoute.loader, `${path}/deelnemers.xlsx`, "coordinator");
    expect(statusOf(result)).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await result.response!.arrayBuffer());
    const sheet = workbook.getWorksheet("Deelnemers")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Naam");
    expect(sheet.getRow(2).getCell(1).value).toBe("Anna de Vries");
    expect(sheet.getRow(2).getCell(7).value).toBeInstanceOf(Date);
    expect(sheet.getRow(3).getCell(6).value).toBe(1);
  });

  it("is not there for members (403)", async () => {
    const result = await load(csvRoute.loader, `${path}/deelnemers.csv`, "anna");
    expect(statusOf(result)).toBe(403);
  });
});

describe("attendance", () => {
  it("is refused before the session has started, with the Dutch reason (400)", async () => {
    const anna = enrolmentOf("anna")!;
    const result = await post(sessionRoute.action, path, "coordinator", {
      intent: "attendance",
      "marks[0].enrolmentId": String(anna.id),
      "marks[0].attendance": "attended",
    });
    expect(statusOf(result)).toBe(400);
    expect(formErrors(result)).toEqual([
      "Aanwezigheid registreren kan pas als de sessie begonnen is.",
    ]);
    expect(getEnrolment(getDb(), anna.id)?.attendance).toBeNull();
  });

  it("asks for a choice next to a participant left without one", async () => {
    const result = await post(sessionRoute.action, path, "coordinator", {
      intent: "attendance",
      "marks[0].enrolmentId": String(enrolmentOf("anna")!.id),
    });
    expect(statusOf(result)).toBe(400);
    const payload = (result.value as { data: ActionPayload }).data;
    expect(payload.result.error?.["marks[0].attendance"]).toEqual([
      "Kies Aanwezig of Niet verschenen.",
    ]);
  });
});

describe("/mijn-inschrijvingen", () => {
  it("lists the member's enrolment under Komend with their waitlist place", async () => {
    const data = (await load(myRoute.loader, "/mijn-inschrijvingen", "bram")).value as MyData;
    expect(data.upcoming).toHaveLength(1);
    expect(data.upcoming[0]).toMatchObject({
      sessionId,
      courseTitle: "Actoren in kaart",
      status: "Op de wachtlijst: u staat op plaats 1",
      cancellable: true,
    });
    expect(data.past).toEqual([]);
  });

  it("cancels the member's own enrolment, and the first on the waitlist moves up", async () => {
    const anna = enrolmentOf("anna")!;
    const result = await post(myRoute.action, "/mijn-inschrijvingen", "anna", {
      intent: "cancel",
      enrolmentId: String(anna.id),
    });
    expect(statusOf(result)).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/mijn-inschrijvingen");
    expect(getEnrolment(getDb(), anna.id)?.status).toBe("cancelled");
    expect(enrolmentOf("bram")?.status).toBe("confirmed");

    const data = (await load(myRoute.loader, "/mijn-inschrijvingen", "anna")).value as MyData;
    expect(data.upcoming).toEqual([]);
    expect(data.past.map((row) => row.status)).toEqual(["Afgemeld"]);
  });

  it("lets a coordinator cancel someone else's enrolment from the session page", async () => {
    const bram = enrolmentOf("bram")!;
    const result = await post(sessionRoute.action, path, "coordinator", {
      intent: "cancel",
      enrolmentId: String(bram.id),
    });
    expect(statusOf(result)).toBe(302);
    expect(getDb().select().from(enrolments).where(eq(enrolments.id, bram.id)).get()?.status).toBe(
      "cancelled",
    );
  });
});
