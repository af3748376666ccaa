// The calendar file in enrolment mail: an invitation on confirmation and its withdrawal on
// cancellation, read back with ical.js as a calendar program would.
import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  enrolmentInvitation,
  enrolmentUid,
  organizerEmail,
  sequenceFor,
  sessionCalendar,
} from "#app/mail/calendar.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";

const course = {
  slug: "opgave-afbakenen",
  title: "Workshop: een opgave afbakenen",
  summary: "Van vaag vraagstuk naar heldere opgave.",
};
// Tuesday 8 December 2026, 13:30–16:00 in Amsterdam.
const session = {
  id: 4,
  startsAt: "2026-12-08T12:30:00.000Z",
  endsAt: "2026-12-08T15:00:00.000Z",
  location: "Gemeentehuis Huizen, zaal 1",
  onlineUrl: null,
  status: "planned" as const,
  cancelReason: null,
  updatedAt: "2026-09-01T10:00:00.000Z",
};
const now = new Date("2026-11-20T09:15:00.000Z");

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const event = calendar.getFirstSubcomponent("vevent")!;
  return { calendar, event, wrapped: new ICAL.Event(event) };
}

describe("enrolmentInvitation", () => {
  const savedMailFrom = process.env.MAIL_FROM;

  afterEach(() => {
    if (savedMailFrom === undefined) delete process.env.MAIL_FROM;
    else process.env.MAIL_FROM = savedMailFrom;
    resetEnvCache();
  });

  it("invites with METHOD:REQUEST, the enrolment's own UID and the session in Amsterdam time", () => {
    const attachment = enrolmentInvitation({
      enrolmentId: 31,
      session,
      course,
      method: "REQUEST",
      now,
    });
    expect(attachment.filename).toBe("uitnodiging.ics");
    expect(attachment.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    const { calendar, event, wrapped } = parse(attachment.content);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(wrapped.uid).toBe("inschrijving-31@gildeportaal.huizen.nl");
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(wrapped.summary).toBe("Workshop: een opgave afbakenen");
    expect(wrapped.location).toBe("Gemeentehuis Huizen, zaal 1");
    expect(event.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/Amsterdam");
    expect([wrapped.startDate.hour, wrapped.startDate.minute]).toEqual([13, 30]);
    expect(wrapped.startDate.toJSDate().toISOString()).toBe(session.startsAt);
    expect(wrapped.endDate.toJSDate().toISOString()).toBe(session.endsAt);
  });

  it("names the guild as organizer, with the address from MAIL_FROM", () => {
    process.env.MAIL_FROM = "Gildeportaal OGW <gilde@huizen.example>";
    resetEnvCache();
    const { event } = parse(
      enrolmentInvitation({ enrolmentId: 31, session, course, method: "REQUEST", now }).content,
    );
    const organizer = event.getFirstProperty("organizer")!;
    expect(organizer.getParameter("cn")).toBe("Gilde opgavegericht werken");
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe("mailto:gilde@huizen.example");
  });

  it.each([
    ["Gildeportaal OGW <gilde@huizen.example>", "gilde@huizen.example"],
    ['"Gilde, OGW" <opleidingen@huizen.nl>', "opleidingen@huizen.nl"],
    ["noreply@huizen.nl", "noreply@huizen.nl"],
    ["Gildeportaal OGW", "gilde@huizen.nl"],
  ])("takes the organizer address from MAIL_FROM %j", (mailFrom, expected) => {
    expect(organizerEmail(mailFrom)).toBe(expected);
  });

  it("withdraws the same event with METHOD:CANCEL, STATUS:CANCELLED and a higher SEQUENCE", () => {
    const invitation = parse(
      enrolmentInvitation({ enrolmentId: 31, session, course, method: "REQUEST", now }).content,
    );
    const later = new Date(now.getTime() + 60_000);
    const attachment = enrolmentInvitation({
      enrolmentId: 31,
      session,
      course,
      method: "CANCEL",
      now: later,
    });
    expect(attachment.filename).toBe("annulering.ics");
    expect(attachment.contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
    const cancel = parse(attachment.content);
    expect(cancel.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancel.event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancel.wrapped.uid).toBe(invitation.wrapped.uid);
    // The session did not change, yet the cancellation must outrank the invitation.
    expect(cancel.wrapped.sequence).toBeGreaterThan(invitation.wrapped.sequence);
    // A member's cancellation is not a cancelled session.
    expect(cancel.wrapped.description).not.toContain("Deze sessie is geannuleerd");
  });

  it("takes the session's SEQUENCE when the session changed after now", () => {
    const changed = { ...session, updatedAt: "2026-12-01T00:00:00.000Z" };
    const { wrapped } = parse(
      enrolmentInvitation({ enrolmentId: 31, session: changed, course, method: "REQUEST", now })
        .content,
    );
    expect(wrapped.sequence).toBe(sequenceFor(changed.updatedAt));
  });

  it("keeps a placeholder id whole on one line, so the caller can replace it", () => {
    const { content } = enrolmentInvitation({
      enrolmentId: "NIEUW",
      session,
      course,
      method: "REQUEST",
      now,
    });
    expect(content).toContain(`\r\nUID:${enrolmentUid("NIEUW")}\r\n`);
    const replaced = content.replace(enrolmentUid("NIEUW"), enrolmentUid(1234567));
    expect(parse(replaced).wrapped.uid).toBe("inschrijving-1234567@gildeportaal.huizen.nl");
  });
});

describe("sessionCalendar for downloads", () => {
  it("still uses the session's UID and PUBLISH when no uid or method is given", () => {
    const { calendar, wrapped } = parse(sessionCalendar({ session, course, now }));
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(wrapped.uid).toBe("sessie-4@gildeportaal.huizen.nl");
    expect(wrapped.sequence).toBe(sequenceFor(session.updatedAt));
  });
});
