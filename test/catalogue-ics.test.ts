import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { courses, courseSessions } from "#db/schema.ts";
import { sequenceFor, sessionCalendar } from "#app/mail/calendar.server.ts";
import { loader } from "#app/routes/sessies.$id_.ics.tsx";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
} from "#test/factories.ts";

let member = "";
let coordinator = "";
let courseId = 0;

function insertSession(
  values: Partial<typeof courseSessions.$inferInsert> & { startsAt: string; endsAt: string },
) {
  return getDb()
    .insert(courseSessions)
    .values({
      courseId,
      enrolmentDeadline: values.startsAt,
      capacity: 10,
      location: "Gemeentehuis Huizen, zaal 1",
      updatedAt: "2026-01-05T10:00:00.000Z",
      ...values,
    })
    .returning()
    .get();
}

beforeAll(async () => {
  courseId = getDb()
    .insert(courses)
    .values({
      slug: "opgave-afbakenen",
      title: "Workshop: een opgave afbakenen",
      kind: "in_house",
      summary: "Van vaag vraagstuk naar heldere opgave.",
      provider: "Bureau Test",
      durationHours: 3,
      published: true,
    })
    .returning({ id: courses.id })
    .get().id;
  member = sessionCookieFor((await createUser({ appRole: "member" })).id);
  coordinator = sessionCookieFor((await createUser({ appRole: "coordinator" })).id);
});

async function download(id: number | string, cookie = member) {
  return settle(() =>
    loader({
      request: appRequest(`/sessies/${id}/ics`, { cookie }),
      params: { id: String(id) },
      context: testContext,
    }),
  );
}

async function parsed(id: number) {
  const result = await download(id);
  expect(statusOf(result)).toBe(200);
  const text = await result.response!.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Let ical.js resolve TZID=Europe/Amsterdam with the VTIMEZONE the file carries.
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const event = calendar.getFirstSubcomponent("vevent")!;
  return { result, text, calendar, event, wrapped: new ICAL.Event(event) };
}

describe("the .ics download", () => {
  it("is a calendar file to save, named after the session", async () => {
    const session = insertSession({
      startsAt: "2030-06-15T07:30:00.000Z",
      endsAt: "2030-06-15T10:00:00.000Z",
    });
    const { result } = await parsed(session.id);
    expect(result.response!.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(result.response!.headers.get("Content-Disposition")).toBe(
      `attachment; filename="gilde-sessie-${session.id}.ics"`,
    );
  });

  it("keeps the same UID across downloads, with start and end in Amsterdam time", async () => {
    const session = insertSession({
      startsAt: "2030-06-15T07:30:00.000Z",
      endsAt: "2030-06-15T10:00:00.000Z",
    });
    const first = await parsed(session.id);
    const second = await parsed(session.id);
    expect(first.event.getFirstPropertyValue("uid")).toBe(
      `sessie-${session.id}@gildeportaal.huizen.nl`,
    );
    expect(second.event.getFirstPropertyValue("uid")).toBe(
      first.event.getFirstPropertyValue("uid"),
    );
    expect(first.calendar.getFirstPropertyValue("method")).toBe("PUBLISH");

    const dtstart = first.event.getFirstProperty("dtstart")!;
    expect(dtstart.getParameter("tzid")).toBe("Europe/Amsterdam");
    const start = first.wrapped.startDate;
    // Summer time: 07:30 UTC is 09:30 in Amsterdam.
    expect([start.hour, start.minute]).toEqual([9, 30]);
    expect(start.toJSDate().toISOString()).toBe("2030-06-15T07:30:00.000Z");
    expect(first.wrapped.endDate.toJSDate().toISOString()).toBe("2030-06-15T10:00:00.000Z");
    expect(first.text).toContain("DTSTART;TZID=Europe/Amsterdam:20300615T093000");
    expect(first.text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Amsterdam/);
  });

  it("uses winter time in winter", async () => {
    const session = insertSession({
      startsAt: "2030-01-15T08:00:00.000Z",
      endsAt: "2030-01-15T11:30:00.000Z",
    });
    const { wrapped, text } = await parsed(session.id);
    expect([wrapped.startDate.hour, wrapped.startDate.minute]).toEqual([9, 0]);
    expect(wrapped.endDate.toJSDate().toISOString()).toBe("2030-01-15T11:30:00.000Z");
    expect(text).toContain("DTEND;TZID=Europe/Amsterdam:20300115T123000");
  });

  it("carries the title, the location and a link to the course page", async () => {
    const session = insertSession({
      startsAt: "2030-06-15T07:30:00.000Z",
      endsAt: "2030-06-15T10:00:00.000Z",
    });
    const { event, wrapped } = await parsed(session.id);
    expect(wrapped.summary).toBe("Workshop: een opgave afbakenen");
    expect(wrapped.location).toBe("Gemeentehuis Huizen, zaal 1");
    expect(wrapped.description).toContain("Van vaag vraagstuk naar heldere opgave.");
    expect(wrapped.description).toContain("http://localhost:3000/catalogus/opgave-afbakenen");
    expect(event.getFirstPropertyValue("url")).toBe(
      "http://localhost:3000/catalogus/opgave-afbakenen",
    );
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
    // DTSTAMP is UTC, as RFC 5545 requires.
    expect((event.getFirstPropertyValue("dtstamp") as ICAL.Time).zone?.tzid).toBe("UTC");
  });

  it("gives an online session its link as location and URL", async () => {
    const link = "https://vergaderen.huizen.example/gilde/sessie";
    const session = insertSession({
      startsAt: "2030-06-15T07:30:00.000Z",
      endsAt: "2030-06-15T10:00:00.000Z",
      location: null,
      onlineUrl: link,
    });
    const { event, wrapped } = await parsed(session.id);
    expect(wrapped.location).toBe(link);
    expect(event.getFirstPropertyValue("url")).toBe(link);
    expect(wrapped.description).toContain(`Online deelnemen: ${link}`);
  });

  it("cancels the same event when the session is cancelled, with a higher SEQUENCE", async () => {
    const session = insertSession({
      startsAt: "2030-06-15T07:30:00.000Z",
      endsAt: "2030-06-15T10:00:00.000Z",
    });
    const before = await parsed(session.id);
    getDb()
      .update(courseSessions)
      .set({
        status: "cancelled",
        cancelReason: "De trainer is ziek.",
        updatedAt: "2026-02-01T09:00:00.000Z",
      })
      .where(eq(courseSessions.id, session.id))
      .run();
    const after = await parsed(session.id);
    expect(after.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(after.event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(after.event.getFirstPropertyValue("uid")).toBe(
      before.event.getFirstPropertyValue("uid"),
    );
    expect(after.wrapped.sequence).toBeGreaterThan(before.wrapped.sequence);
    expect(after.wrapped.description).toContain("De trainer is ziek.");
  });

  it("is not found for an unknown or malformed id", async () => {
    expect(statusOf(await download(999_999))).toBe(404);
    expect(statusOf(await download("abc"))).toBe(404);
    expect(statusOf(await download("1e3"))).toBe(404);
  });

  it("is not found for members when the course is unpublished, but there for coordinators", async () => {
    const session = insertSession({
      startsAt: "2030-06-15T07:30:00.000Z",
      endsAt: "2030-06-15T10:00:00.000Z",
    });
    getDb().update(courses).set({ published: false }).where(eq(courses.id, courseId)).run();
    try {
      expect(statusOf(await download(session.id))).toBe(404);
      expect(statusOf(await download(session.id, coordinator))).toBe(200);
    } finally {
      getDb().update(courses).set({ published: true }).where(eq(courses.id, courseId)).run();
    }
  });
});

describe("sessionCalendar", () => {
  const course = { slug: "x", title: "Titel", summary: "Samenvatting." };
  const session = {
    id: 7,
    startsAt: "2030-03-31T07:00:00.000Z",
    endsAt: "2030-03-31T09:00:00.000Z",
    location: "Zaal",
    onlineUrl: null,
    status: "planned" as const,
    cancelReason: null,
    updatedAt: "2026-01-01T00:00:00.000Z",
  };

  it("lets the mail feature ask for an invitation (REQUEST) with an organizer", () => {
    const text = sessionCalendar({
      session,
      course,
      method: "REQUEST",
      organizer: { name: "Gilde OGW", email: "gilde@huizen.example" },
    });
    expect(text).toContain("METHOD:REQUEST");
    expect(text).toMatch(/ORGANIZER;CN="?Gilde OGW"?:mailto:gilde@huizen\.example/);
  });

  it.each([
    ["2023-01-01T00:00:00.000Z", 0],
    ["2023-01-01T00:01:00.000Z", 60],
    ["2026-01-01T00:00:00.000Z", 94_694_400],
  ])("derives SEQUENCE %s → %i, growing with every change", (updatedAt, sequence) => {
    expect(sequenceFor(updatedAt)).toBe(sequence);
  });
});
