import { describe, expect, it } from "vitest";
import { centsToInput, formatEuro, parseEuroInput } from "#app/domain/money.ts";
import { openForEnrolment, seatsLeft, validateSession } from "#app/domain/catalogue.ts";
import { amsterdamLocalToUtc, utcToAmsterdamLocal } from "#app/domain/time.ts";

describe("parseEuroInput", () => {
  it.each([
    ["1.250,50", 125050],
    ["€ 1.250", 125000],
    ["€1.250", 125000],
    ["1250", 125000],
    ["12,5", 1250],
    ["0", 0],
    ["0,01", 1],
    [" 15.000 ", 1500000],
    ["1.000.000", 100000000],
    ["1.000.000,00", 100000000],
  ])("accepts %j as %i cents", (input, cents) => {
    expect(parseEuroInput(input)).toEqual({ ok: true, cents });
  });

  it.each([
    ["abc", "Vul een bedrag in euro's in"],
    ["twaalf euro", "Vul een bedrag in euro's in"],
    ["-5", "niet negatief"],
    ["1.2.3", "Vul een bedrag in euro's in"],
    ["12,345", "Vul een bedrag in euro's in"],
    ["1250.50", "Vul een bedrag in euro's in"],
    ["1.000.000,01", "hoogstens € 1.000.000,00"],
    ["2000000", "hoogstens € 1.000.000,00"],
    ["", "Vul een bedrag in."],
    ["€", "Vul een bedrag in."],
  ])("refuses %j with a message", (input, message) => {
    const result = parseEuroInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it.each([
    [125050, "1.250,50"],
    [125000, "1.250"],
    [1250, "12,50"],
    [0, "0"],
    [100000000, "1.000.000"],
  ])("writes %i cents back as %j, which reads back the same", (cents, text) => {
    expect(centsToInput(cents)).toBe(text);
    expect(parseEuroInput(text)).toEqual({ ok: true, cents });
  });

  it("shows amounts the Dutch way", () => {
    expect(formatEuro(125050).replace(/\u00a0/g, " ")).toBe("€ 1.250,50");
  });
});

describe("seatsLeft", () => {
  it.each([
    [20, 0, 20],
    [20, 19, 1],
    [20, 20, 0],
    [20, 25, 0],
    [1, 0, 1],
  ])("capacity %i with %i confirmed → %i", (capacity, confirmed, expected) => {
    expect(seatsLeft(capacity, confirmed)).toBe(expected);
  });
});

describe("openForEnrolment", () => {
  const startsAt = new Date("2027-02-10T09:00:00Z");
  const enrolmentDeadline = new Date("2027-02-03T23:00:00Z");
  it.each([
    ["planned, well before the deadline", "planned", "2027-01-01T00:00:00Z", { open: true }],
    ["planned, at the deadline", "planned", "2027-02-03T23:00:00Z", { open: true }],
    [
      "planned, just after the deadline",
      "planned",
      "2027-02-03T23:00:01Z",
      { open: false, reason: "deadline_passed" },
    ],
    [
      "planned, after the start",
      "planned",
      "2027-02-10T09:00:00Z",
      { open: false, reason: "started" },
    ],
    ["cancelled", "cancelled", "2027-01-01T00:00:00Z", { open: false, reason: "cancelled" }],
    ["held", "held", "2027-01-01T00:00:00Z", { open: false, reason: "held" }],
  ] as const)("%s", (_name, status, now, expected) => {
    expect(openForEnrolment({ status, startsAt, enrolmentDeadline }, new Date(now))).toEqual(
      expected,
    );
  });
});

describe("validateSession", () => {
  const valid = {
    startsAt: new Date("2027-02-10T09:00:00Z"),
    endsAt: new Date("2027-02-10T12:00:00Z"),
    enrolmentDeadline: new Date("2027-02-03T23:00:00Z"),
    capacity: 20,
    sessionCostCents: 0,
  };
  it.each([
    ["a valid session", {}, {}],
    ["deadline equal to the start", { enrolmentDeadline: valid.startsAt }, {}],
    [
      "end before start",
      { endsAt: new Date("2027-02-10T08:00:00Z") },
      { endsAt: "Het einde moet na het begin liggen." },
    ],
    [
      "end equal to start",
      { endsAt: valid.startsAt },
      { endsAt: "Het einde moet na het begin liggen." },
    ],
    [
      "deadline after start",
      { enrolmentDeadline: new Date("2027-02-10T10:00:00Z") },
      { enrolmentDeadline: "De inschrijfdeadline mag niet na het begin van de sessie liggen." },
    ],
    ["capacity 0", { capacity: 0 }, { capacity: "Het aantal plaatsen is minstens 1." }],
    ["capacity 2,5", { capacity: 2.5 }, { capacity: "Het aantal plaatsen is minstens 1." }],
    [
      "negative cost",
      { sessionCostCents: -1 },
      { sessionCostCents: "De kosten kunnen niet negatief zijn." },
    ],
  ])("%s", (_name, change, expected) => {
    expect(validateSession({ ...valid, ...change })).toEqual(expected);
  });
});

describe("Amsterdam local time", () => {
  it.each([
    ["2027-01-15T09:30", "2027-01-15T08:30:00.000Z"],
    ["2027-07-15T09:30", "2027-07-15T07:30:00.000Z"],
    // The night clocks go forward: 02:30 does not exist, it reads as 03:30 summer time.
    ["2027-03-28T01:59", "2027-03-28T00:59:00.000Z"],
    ["2027-10-31T12:00", "2027-10-31T11:00:00.000Z"],
  ])("%s → %s", (local, utc) => {
    expect(amsterdamLocalToUtc(local)?.toISOString()).toBe(utc);
  });

  it.each([
    "2027-02-30T09:00",
    "2027-13-01T09:00",
    "morgen",
    "2027-01-01 09:00",
    "2027-01-01T24:00",
  ])("refuses %j", (local) => {
    expect(amsterdamLocalToUtc(local)).toBeNull();
  });

  it.each(["2027-01-15T09:30", "2027-07-15T18:45"])("round-trips %s", (local) => {
    expect(utcToAmsterdamLocal(amsterdamLocalToUtc(local)!)).toBe(local);
  });
});
