// Valid-looking values for fields whose schema is a transform (amounts, dates, durations, ids).
import fc from "fast-check";
import { TEST_PASSWORD } from "#test/factories.ts";

/** "{{name}}" in a payload is replaced by the fixture's value of that name when the request is made. */
export const slot = (name: string) => `{{${name}}}`;

export const euro = fc.oneof(
  fc.integer({ min: 1, max: 500_000 }).map((cents) => {
    const euros = Math.floor(cents / 100).toLocaleString("nl-NL");
    return `${euros},${String(cents % 100).padStart(2, "0")}`;
  }),
  fc.integer({ min: 1, max: 5_000 }).map((euros) => `€ ${euros}`),
  fc.integer({ min: 1, max: 900 }).map(String),
);

const pad = (n: number) => String(n).padStart(2, "0");

function localDateTime(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

const DAY = 24 * 60 * 60 * 1000;

function dayAt(days: number, hour: number, minute = 0): string {
  const date = new Date(Date.now() + days * DAY);
  date.setUTCHours(hour, minute, 0, 0);
  return localDateTime(date);
}

/** datetime-local values three weeks ahead, chosen so that start, end and deadline often fit. */
export const sessionStart = fc.constantFrom(dayAt(21, 9), dayAt(21, 13, 30), dayAt(22, 9));
export const sessionEnd = fc.constantFrom(dayAt(21, 12), dayAt(21, 17), dayAt(22, 16));
export const sessionDeadline = fc.constantFrom(dayAt(14, 17), dayAt(20, 12), dayAt(23, 9));

/** Any datetime-local value some 20 to 22 days ahead. */
export const futureDateTime = fc
  .tuple(fc.integer({ min: 20, max: 22 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
  .map(([days, hour, minute]) => dayAt(days, hour, minute));

export const onlineUrl = fc.oneof(
  { arbitrary: fc.constant("https://teams.example.nl/meet/123"), weight: 3 },
  { arbitrary: fc.constantFrom("http://insecure.example", "https://user:pw@x.example"), weight: 1 },
);

export const calendarDate = fc
  .date({
    min: new Date("2019-01-01T00:00:00Z"),
    max: new Date(Date.now() + 400 * DAY),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

export const pastCalendarDate = fc
  .date({
    min: new Date("2020-01-01T00:00:00Z"),
    max: new Date(Date.now() - 2 * DAY),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

export const duration = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map(String),
  fc.integer({ min: 1, max: 9 }).map((n) => `${n},5`),
);

const strongPasswords = ["Zeven zilveren zwanen zwemmen!", "Huizen aan zee en hei 2026"];

export const password = fc.oneof(
  { arbitrary: fc.constantFrom(...strongPasswords), weight: 3 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
);

export const signInPassword = fc.oneof(
  { arbitrary: fc.constant(TEST_PASSWORD), weight: 1 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 3 },
);

export const uniqueEmail = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9._-]{0,20}$/), fc.integer({ min: 0, max: 1e9 }))
  .map(([local, n]) => `${local}.${n}@huizen.example`);

export const reason = fc.oneof(
  fc.constantFrom("Dubbel aangevraagd bij een andere leverancier.", "Past niet in het jaarplan."),
  fc.string({ minLength: 5, maxLength: 80 }),
);

export const departmentCode = fc.stringMatching(/^[A-Z]{2}[A-Z0-9/&-]{0,6}$/);
