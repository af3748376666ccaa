import { describe, expect, it } from "vitest";
import {
  changedFields,
  courseKindOptions,
  hasChanges,
  hoursToInput,
  parseDurationHours,
  sessionChangeProblem,
} from "#app/domain/catalogue-admin.ts";
import { courseKinds } from "#db/schema.ts";

describe("parseDurationHours", () => {
  it.each([
    ["2", 2],
    ["1,5", 1.5],
    ["1.5", 1.5],
    [" 0,25 ", 0.25],
    ["1000", 1000],
    ["0,01", 0.01],
  ])("accepts %j as %d hours", (input, hours) => {
    expect(parseDurationHours(input)).toEqual({ ok: true, hours });
  });

  it.each([
    ["", "Vul de duur in uren in."],
    ["0", "meer dan 0 uur"],
    ["0,0", "meer dan 0 uur"],
    ["-2", "meer dan 0 uur"],
    ["1000,5", "hoogstens 1000 uur"],
    ["1.000", "bijvoorbeeld 2 of 1,5"],
    ["twee", "bijvoorbeeld 2 of 1,5"],
    ["1,5 uur", "bijvoorbeeld 2 of 1,5"],
  ])("refuses %j with a message", (input, message) => {
    const result = parseDurationHours(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it.each([
    [1.5, "1,5"],
    [3, "3"],
    [0.25, "0,25"],
  ])("puts %d back in the form as %j, which parses to the same value", (hours, input) => {
    expect(hoursToInput(hours)).toBe(input);
    expect(parseDurationHours(input)).toEqual({ ok: true, hours });
  });
});

describe("sessionChangeProblem", () => {
  it.each([
    ["planned", "edit", null],
    ["planned", "cancel", null],
    ["cancelled", "edit", "geannuleerd en kan niet meer worden gewijzigd"],
    ["cancelled", "cancel", "al geannuleerd"],
    ["held", "edit", "kan niet meer worden gewijzigd"],
    ["held", "cancel", "kan niet meer worden geannuleerd"],
  ] as const)("%s session, %s → %j", (status, change, message) => {
    const problem = sessionChangeProblem(status, change);
    if (message === null) expect(problem).toBeNull();
    else expect(problem?.message).toContain(message);
  });
});

describe("changedFields", () => {
  it("lists only the fields that differ, with their old and new values", () => {
    const changes = changedFields(
      { title: "Oud", capacity: 10, location: null, roles: ["employee"] as string[] },
      { title: "Nieuw", capacity: 10, location: "Raadhuis", roles: ["employee"] as string[] },
    );
    expect(changes).toEqual({
      before: { title: "Oud", location: null },
      after: { title: "Nieuw", location: "Raadhuis" },
    });
    expect(hasChanges(changes)).toBe(true);
  });

  it("treats sets in another order as unchanged, and a different set as changed", () => {
    const same = changedFields({ goals: [1, 2, 3] as number[] }, { goals: [3, 1, 2] as number[] });
    expect(hasChanges(same)).toBe(false);
    const other = changedFields({ goals: [1, 2] as number[] }, { goals: [1, 2, 3] as number[] });
    expect(other).toEqual({ before: { goals: [1, 2] }, after: { goals: [1, 2, 3] } });
  });
});

describe("courseKindOptions", () => {
  it("offers exactly the kinds the database knows, each with a label", () => {
    expect([...courseKindOptions].sort()).toEqual([...courseKinds].sort());
  });
});
