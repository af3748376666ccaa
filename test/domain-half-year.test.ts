// Half-years for the evaluation: parsing, labels and their bounds in Huizen time.
import { describe, expect, it } from "vitest";
import {
  formatHalfYear,
  halfYearLabel,
  halfYearOf,
  halfYearRange,
  lastCompletedHalfYear,
  nextHalfYear,
  parseHalfYear,
  previousHalfYear,
  type HalfYear,
} from "#app/domain/half-year.ts";

const formatMessage = "Kies een halfjaar als 2026-H1 of 2026-H2.";
const rangeMessage = "Kies een jaar tussen 2000 en 2100.";

describe("parseHalfYear", () => {
  it.each([
    { text: "2026-H1", expected: { ok: true, value: { year: 2026, half: 1 } } },
    { text: "2026-h2", expected: { ok: true, value: { year: 2026, half: 2 } } },
    { text: " 2025-H2 ", expected: { ok: true, value: { year: 2025, half: 2 } } },
    { text: "2000-H1", expected: { ok: true, value: { year: 2000, half: 1 } } },
    { text: "2100-H2", expected: { ok: true, value: { year: 2100, half: 2 } } },
    { text: "2023-H3", expected: { ok: false, message: formatMessage } },
    { text: "2023-H0", expected: { ok: false, message: formatMessage } },
    { text: "2026", expected: { ok: false, message: formatMessage } },
    { text: "H1-2026", expected: { ok: false, message: formatMessage } },
    { text: "2026H1", expected: { ok: false, message: formatMessage } },
    { text: "26-H1", expected: { ok: false, message: formatMessage } },
    { text: "2026-H1x", expected: { ok: false, message: formatMessage } },
    { text: "", expected: { ok: false, message: formatMessage } },
    { text: "1999-H2", expected: { ok: false, message: rangeMessage } },
    { text: "2101-H1", expected: { ok: false, message: rangeMessage } },
  ])("$text", ({ text, expected }) => {
    expect(parseHalfYear(text)).toEqual(expected);
  });
});

describe("formatHalfYear and halfYearLabel", () => {
  it.each([
    { halfYear: { year: 2026, half: 1 }, text: "2026-H1", label: "eerste halfjaar 2026" },
    { halfYear: { year: 2026, half: 2 }, text: "2026-H2", label: "tweede halfjaar 2026" },
  ] satisfies { halfYear: HalfYear; text: string; label: string }[])(
    "$text",
    ({ halfYear, text, label }) => {
      expect(formatHalfYear(halfYear)).toBe(text);
      expect(halfYearLabel(halfYear)).toBe(label);
      expect(parseHalfYear(text)).toEqual({ ok: true, value: halfYear });
    },
  );
});

describe("halfYearRange", () => {
  it.each([
    {
      name: "H1: 1 January 00:00 (winter time, UTC+1) to 1 July 00:00 (summer time, UTC+2)",
      halfYear: { year: 2026, half: 1 },
      start: "2025-12-31T23:00:00.000Z",
      end: "2026-06-30T22:00:00.000Z",
    },
    {
      name: "H2: 1 July 00:00 to 1 January of the next year 00:00",
      halfYear: { year: 2026, half: 2 },
      start: "2026-06-30T22:00:00.000Z",
      end: "2026-12-31T23:00:00.000Z",
    },
    {
      name: "a leap year",
      halfYear: { year: 2024, half: 1 },
      start: "2023-12-31T23:00:00.000Z",
      end: "2024-06-30T22:00:00.000Z",
    },
  ] satisfies { name: string; halfYear: HalfYear; start: string; end: string }[])(
    "$name",
    ({ halfYear, start, end }) => {
      const range = halfYearRange(halfYear);
      expect(range.start.toISOString()).toBe(start);
      expect(range.end.toISOString()).toBe(end);
    },
  );

  it("one half-year ends exactly where the next begins", () => {
    const h1 = halfYearRange({ year: 2026, half: 1 });
    const h2 = halfYearRange({ year: 2026, half: 2 });
    const next = halfYearRange({ year: 2027, half: 1 });
    expect(h1.end.getTime()).toBe(h2.start.getTime());
    expect(h2.end.getTime()).toBe(next.start.getTime());
  });
});

describe("previousHalfYear and nextHalfYear", () => {
  it.each([
    { halfYear: { year: 2026, half: 2 }, previous: { year: 2026, half: 1 } },
    { halfYear: { year: 2026, half: 1 }, previous: { year: 2025, half: 2 } },
  ] satisfies { halfYear: HalfYear; previous: HalfYear }[])(
    "before $halfYear.year-H$halfYear.half",
    ({ halfYear, previous }) => {
      expect(previousHalfYear(halfYear)).toEqual(previous);
      expect(nextHalfYear(previous)).toEqual(halfYear);
    },
  );
});

describe("halfYearOf and lastCompletedHalfYear", () => {
  it.each([
    {
      name: "late November",
      now: "2026-11-28T10:00:00.000Z",
      of: { year: 2026, half: 2 },
      completed: { year: 2026, half: 1 },
    },
    {
      name: "00:30 on 1 July in Huizen is still 30 June in UTC",
      now: "2026-06-30T22:30:00.000Z",
      of: { year: 2026, half: 2 },
      completed: { year: 2026, half: 1 },
    },
    {
      name: "exactly midnight on 1 July in Huizen",
      now: "2026-06-30T22:00:00.000Z",
      of: { year: 2026, half: 2 },
      completed: { year: 2026, half: 1 },
    },
    {
      name: "23:59 on 30 June in Huizen",
      now: "2026-06-30T21:59:00.000Z",
      of: { year: 2026, half: 1 },
      completed: { year: 2025, half: 2 },
    },
    {
      name: "30 June at noon",
      now: "2026-06-30T10:00:00.000Z",
      of: { year: 2026, half: 1 },
      completed: { year: 2025, half: 2 },
    },
    {
      name: "00:30 on 1 January in Huizen is still New Year's Eve in UTC",
      now: "2026-12-31T23:30:00.000Z",
      of: { year: 2027, half: 1 },
      completed: { year: 2026, half: 2 },
    },
    {
      name: "23:30 on 31 December in Huizen",
      now: "2026-12-31T22:30:00.000Z",
      of: { year: 2026, half: 2 },
      completed: { year: 2026, half: 1 },
    },
    {
      name: "the night summer time starts (29 March 2026, 02:00 → 03:00)",
      now: "2026-03-29T01:30:00.000Z",
      of: { year: 2026, half: 1 },
      completed: { year: 2025, half: 2 },
    },
    {
      name: "the night winter time starts (25 October 2026, 03:00 → 02:00)",
      now: "2026-10-25T01:30:00.000Z",
      of: { year: 2026, half: 2 },
      completed: { year: 2026, half: 1 },
    },
  ] satisfies { name: string; now: string; of: HalfYear; completed: HalfYear }[])(
    "$name",
    ({ now, of, completed }) => {
      expect(halfYearOf(now)).toEqual(of);
      expect(halfYearOf(new Date(now))).toEqual(of);
      expect(lastCompletedHalfYear(new Date(now))).toEqual(completed);
    },
  );

  it("an instant lies inside the range of its own half-year", () => {
    for (const now of ["2026-06-30T22:00:00.000Z", "2026-06-30T21:59:59.999Z"]) {
      const range = halfYearRange(halfYearOf(now));
      const ms = Date.parse(now);
      expect(range.start.getTime()).toBeLessThanOrEqual(ms);
      expect(ms).toBeLessThan(range.end.getTime());
    }
  });
});
