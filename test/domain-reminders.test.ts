// When the day-before reminder is due, in Amsterdam calendar days, across the DST changes.
import { describe, expect, it } from "vitest";
import { reminderDue, reminderWindowStart } from "#app/domain/reminders.ts";

describe("reminderWindowStart", () => {
  it.each([
    // [session start (UTC), midnight Amsterdam of the day before (UTC)]
    [
      "winter: Tuesday 13:30 → Monday 00:00 CET",
      "2026-12-08T12:30:00.000Z",
      "2026-12-06T23:00:00.000Z",
    ],
    [
      "summer: Monday 09:30 → Sunday 00:00 CEST",
      "2030-06-17T07:30:00.000Z",
      "2030-06-15T22:00:00.000Z",
    ],
    [
      "start at 00:30 Amsterdam still counts as that Amsterdam day",
      "2026-12-08T23:30:00.000Z",
      "2026-12-07T23:00:00.000Z",
    ],
    [
      "start at 23:30 UTC in summer is already the next Amsterdam day",
      "2030-06-16T23:30:00.000Z",
      "2030-06-15T22:00:00.000Z",
    ],
    // Clocks go forward at 02:00 on Sunday 29 March 2026; midnight before it is still CET (UTC+1),
    // although the session itself is in summer time.
    ["Monday after spring forward", "2026-03-30T07:00:00.000Z", "2026-03-28T23:00:00.000Z"],
    ["Sunday of spring forward", "2026-03-29T08:00:00.000Z", "2026-03-27T23:00:00.000Z"],
    // Clocks go back at 03:00 on Sunday 25 October 2026; midnight before it is still CEST (UTC+2).
    ["Sunday of fall back", "2026-10-25T09:00:00.000Z", "2026-10-23T22:00:00.000Z"],
    ["Monday after fall back", "2026-10-26T08:00:00.000Z", "2026-10-24T22:00:00.000Z"],
    [
      "first of the month steps back into the previous month",
      "2027-03-01T08:00:00.000Z",
      "2027-02-27T23:00:00.000Z",
    ],
    ["new year", "2027-01-01T10:00:00.000Z", "2026-12-30T23:00:00.000Z"],
  ])("%s", (_label, startsAt, expected) => {
    expect(reminderWindowStart(new Date(startsAt)).toISOString()).toBe(expected);
  });
});

describe("reminderDue", () => {
  // Tuesday 8 December 2026, 13:30 Amsterdam (CET, UTC+1).
  const startsAt = new Date("2026-12-08T12:30:00.000Z");

  it.each([
    ["two days before, late evening", "2026-12-06T22:59:59.999Z", "planned", false],
    ["the day before, at midnight", "2026-12-06T23:00:00.000Z", "planned", true],
    ["the day before, afternoon", "2026-12-07T15:00:00.000Z", "planned", true],
    ["the day itself, before the start", "2026-12-08T12:29:59.999Z", "planned", true],
    ["the moment it starts", "2026-12-08T12:30:00.000Z", "planned", false],
    ["after it started", "2026-12-08T14:00:00.000Z", "planned", false],
    ["the day before, but cancelled", "2026-12-07T15:00:00.000Z", "cancelled", false],
    ["the day before, but already held", "2026-12-07T15:00:00.000Z", "held", false],
    ["a week before", "2026-12-01T12:30:00.000Z", "planned", false],
  ] as const)("%s → %s (%s)", (_label, now, status, expected) => {
    expect(reminderDue({ startsAt, status }, new Date(now))).toBe(expected);
  });

  it.each([
    // Monday 30 March 2026 09:00 CEST; the window opens Saturday 28 March 00:00 CET (23:00 UTC).
    [
      "spring forward: Friday 23:59 CET is too early",
      "2026-03-30T07:00:00.000Z",
      "2026-03-27T22:59:00.000Z",
      false,
    ],
    [
      "spring forward: Saturday 23:30 CET is too early",
      "2026-03-30T07:00:00.000Z",
      "2026-03-28T22:30:00.000Z",
      false,
    ],
    [
      "spring forward: Sunday 00:00 CET opens the window",
      "2026-03-30T07:00:00.000Z",
      "2026-03-28T23:00:00.000Z",
      true,
    ],
    // Monday 26 October 2026 09:00 CET; the window opens Sunday 25 October 00:00 CEST (22:00 UTC Saturday).
    [
      "fall back: Saturday 23:59 CEST is too early",
      "2026-10-26T08:00:00.000Z",
      "2026-10-24T21:59:00.000Z",
      false,
    ],
    [
      "fall back: Sunday 00:00 CEST opens the window",
      "2026-10-26T08:00:00.000Z",
      "2026-10-24T22:00:00.000Z",
      true,
    ],
  ] as const)("%s", (_label, start, now, expected) => {
    expect(reminderDue({ startsAt: new Date(start), status: "planned" }, new Date(now))).toBe(
      expected,
    );
  });
});
