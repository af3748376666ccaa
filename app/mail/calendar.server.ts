// The .ics for one session: downloaded from the course page, and attached to enrolment mail as an
// invitation (REQUEST) or its withdrawal (CANCEL).
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import type { courses, courseSessions } from "#db/schema.ts";
import type { MailAttachment } from "./outbox.server.ts";
import { TIME_ZONE, utcToAmsterdamLocal } from "#app/domain/time.ts";
import { getEnv } from "#app/utils/env.server.ts";

type CourseRow = typeof courses.$inferSelect;
type SessionRow = typeof courseSessions.$inferSelect;

export type CalendarCourse = Pick<CourseRow, "slug" | "title" | "summary">;
export type CalendarSession = Pick<
  SessionRow,
  "id" | "startsAt" | "endsAt" | "location" | "onlineUrl" | "status" | "cancelReason" | "updatedAt"
>;

/**
 * PUBLISH for a download, REQUEST for an invitation in a mail, CANCEL to take it out of calendars.
 * Without a method: CANCEL for a cancelled session, otherwise PUBLISH.
 */
export type CalendarMethod = "PUBLISH" | "REQUEST" | "CANCEL";

const methods: Record<CalendarMethod, ICalCalendarMethod> = {
  PUBLISH: ICalCalendarMethod.PUBLISH,
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
};

/** The same UID in every file about a session, so a calendar replaces the event instead of adding one. */
export function sessionUid(sessionId: number): string {
  return `sessie-${sessionId}@gildeportaal.huizen.nl`;
}

const SEQUENCE_EPOCH = Date.UTC(2023, 0, 1);

/**
 * SEQUENCE must grow with every change, or calendars ignore the update. Seconds since 2023 (the
 * guild's start) grow with updatedAt and stay far below the 32-bit limit some clients have.
 */
export function sequenceFor(updatedAt: string): number {
  const ms = Date.parse(updatedAt);
  return Number.isFinite(ms) ? Math.max(0, Math.floor((ms - SEQUENCE_EPOCH) / 1000)) : 0;
}

/**
 * ical-generator writes a native Date with a TZID from the Date's *local* fields (process time
 * zone). So we hand it a Date whose local fields are the Amsterdam wall clock; that holds for any
 * server zone except inside that zone's own DST gap, which cannot happen on UTC or Amsterdam.
 */
function amsterdamWallClock(iso: string): Date {
  const [date = "", time = ""] = utcToAmsterdamLocal(iso).split("T");
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return new Date(year, month - 1, day, hour, minute);
}

export function courseUrl(slug: string): string {
  return new URL(`/catalogus/${encodeURIComponent(slug)}`, getEnv().APP_URL).href;
}

export type CalendarPerson = { name: string; email: string };

export function sessionCalendar({
  session,
  course,
  method,
  organizer,
  attendee,
  uid,
  sequence,
  now = new Date(),
}: {
  session: CalendarSession;
  course: CalendarCourse;
  method?: CalendarMethod;
  /** iTIP wants an organizer with REQUEST and CANCEL in mail; a download does without. */
  organizer?: CalendarPerson;
  attendee?: CalendarPerson;
  /** Defaults to the session's own UID (sessionUid). */
  uid?: string;
  /** Defaults to sequenceFor(session.updatedAt). */
  sequence?: number;
  /** DTSTAMP: when this file was made. */
  now?: Date;
}): string {
  const cancelled = session.status === "cancelled";
  const chosenMethod = method ?? (cancelled ? "CANCEL" : "PUBLISH");
  // A CANCEL also withdraws the event when only the member's enrolment ended, not the session.
  const withdrawn = cancelled || chosenMethod === "CANCEL";
  const pageUrl = courseUrl(course.slug);

  const description = [
    course.summary,
    cancelled
      ? `Deze sessie is geannuleerd${session.cancelReason ? `: ${session.cancelReason}` : "."}`
      : null,
    session.onlineUrl ? `Online deelnemen: ${session.onlineUrl}` : null,
    `Meer informatie: ${pageUrl}`,
  ]
    .filter((line): line is string => line !== null)
    .join("\n\n");

  const calendar = ical({
    prodId: { company: "Gemeente Huizen", product: "Gildeportaal OGW", language: "NL" },
    method: methods[chosenMethod],
  });
  // No calendar-wide zone name: with one, ical-generator writes DTSTAMP without its "Z", which
  // RFC 5545 forbids. The generator still adds the VTIMEZONE for the event's own zone.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  calendar.createEvent({
    id: uid ?? sessionUid(session.id),
    sequence: sequence ?? sequenceFor(session.updatedAt),
    stamp: now,
    start: amsterdamWallClock(session.startsAt),
    end: amsterdamWallClock(session.endsAt),
    timezone: TIME_ZONE,
    summary: course.title,
    description,
    location: session.location ?? session.onlineUrl ?? null,
    url: session.onlineUrl ?? pageUrl,
    status: withdrawn ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: organizer ?? null,
    attendees: attendee ? [{ ...attendee, rsvp: false }] : [],
  });
  return calendar.toString();
}

/**
 * One UID per enrolment, not per session: enrolling again after a cancellation makes a new event,
 * which the earlier CANCEL cannot hide. The id may be a short placeholder (e.g. "NIEUW") that the
 * caller replaces in the rendered file once the row exists; the UID line stays short enough that
 * line folding never splits it.
 */
export function enrolmentUid(enrolmentId: number | string): string {
  return `inschrijving-${enrolmentId}@gildeportaal.huizen.nl`;
}

export const CALENDAR_ORGANIZER_NAME = "Gilde opgavegericht werken";
const FALLBACK_ORGANIZER_EMAIL = "gilde@huizen.nl";

/** The address in MAIL_FROM ("Gildeportaal OGW <gilde@huizen.example>" or a bare address). */
export function organizerEmail(mailFrom: string): string {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(mailFrom);
  if (bracketed?.[1]) return bracketed[1];
  const bare = mailFrom.trim();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(bare) ? bare : FALLBACK_ORGANIZER_EMAIL;
}

/** The .ics attachment for an enrolment mail: REQUEST puts the session in the calendar, CANCEL takes it out. */
export function enrolmentInvitation({
  enrolmentId,
  session,
  course,
  method,
  attendee,
  now = new Date(),
}: {
  enrolmentId: number | string;
  session: CalendarSession;
  course: CalendarCourse;
  method: "REQUEST" | "CANCEL";
  /** The member; some calendars only accept an invitation that names them. */
  attendee?: CalendarPerson;
  now?: Date;
}): MailAttachment {
  const content = sessionCalendar({
    session,
    course,
    method,
    uid: enrolmentUid(enrolmentId),
    // Enrol, cancel, enrol again: each file must outrank the one before, even when the session
    // itself did not change.
    sequence: Math.max(sequenceFor(session.updatedAt), sequenceFor(now.toISOString())),
    organizer: { name: CALENDAR_ORGANIZER_NAME, email: organizerEmail(getEnv().MAIL_FROM) },
    attendee,
    now,
  });
  return {
    filename: method === "REQUEST" ? "uitnodiging.ics" : "annulering.ics",
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content,
  };
}
