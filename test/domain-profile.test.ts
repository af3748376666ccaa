import { describe, expect, it } from "vitest";
import {
  addYears,
  canRegisterMembership,
  changedProfileFields,
  INTRODUCTION_MAX,
  isCalendarDate,
  latestMembershipDate,
  membershipDateProblem,
  membershipProblem,
  membershipStanding,
  membershipStandingLabels,
  parseExpertiseTags,
  TAG_MAX,
  TAGS_MAX,
  TEAM_MAX,
  type ProfileFields,
} from "#app/domain/profile.ts";

describe("the limits match the database's CHECK constraints", () => {
  it("team 100, introduction 2 000, tags 2–40", () => {
    expect([TEAM_MAX, INTRODUCTION_MAX, TAG_MAX]).toEqual([100, 2000, 40]);
  });
});

describe("parseExpertiseTags", () => {
  it.each([
    ["", []],
    ["   ", []],
    ["omgevingswet", ["omgevingswet"]],
    ["omgevingswet, stakeholderanalyse", ["omgevingswet", "stakeholderanalyse"]],
    ["a b;  c   d\nef", ["a b", "c d", "ef"]],
    ["Omgevingswet, omgevingswet, OMGEVINGSWET", ["Omgevingswet"]],
    [",, ,procesbegeleiding,,", ["procesbegeleiding"]],
    ["AI, Wmo", ["AI", "Wmo"]],
    ["<script>alert(1)</script>", ["<script>alert(1)</script>"]],
    ["x".repeat(TAG_MAX), ["x".repeat(TAG_MAX)]],
    [
      Array.from({ length: TAGS_MAX }, (_, i) => `tag ${i}`).join(","),
      Array.from({ length: TAGS_MAX }, (_, i) => `tag ${i}`),
    ],
    // Duplicates do not count towards the maximum.
    [
      [...Array.from({ length: TAGS_MAX }, (_, i) => `tag ${i}`), "TAG 0"].join(","),
      Array.from({ length: TAGS_MAX }, (_, i) => `tag ${i}`),
    ],
  ])("reads %j as %j", (input, tags) => {
    expect(parseExpertiseTags(input)).toEqual({ ok: true, tags });
  });

  it.each([
    ["a", "minstens 2 tekens"],
    ["omgevingswet, x", "minstens 2 tekens: „x”"],
    // One character that JavaScript counts as two.
    ["𐗳", "minstens 2 tekens"],
    ["y".repeat(TAG_MAX + 1), "hoogstens 40 tekens"],
    ["z".repeat(60), "hoogstens 40 tekens"],
    [Array.from({ length: TAGS_MAX + 1 }, (_, i) => `tag ${i}`).join(","), "hoogstens 12"],
  ])("refuses %j with a message containing %j", (input, message) => {
    const result = parseExpertiseTags(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe("membershipProblem", () => {
  it.each([
    [null, null, null],
    ["2024-03-01", null, null],
    ["2024-03-01", "2024-03-01", null],
    ["2024-03-01", "2025-01-31", null],
    [null, "2025-01-31", "joinedOn"],
    ["2024-03-01", "2024-02-29", "leftOn"],
  ] as const)("joined %j, left %j → problem on %j", (joinedOn, leftOn, field) => {
    const problem = membershipProblem(joinedOn, leftOn);
    if (field === null) expect(problem).toBeNull();
    else {
      expect(problem?.field).toBe(field);
      expect(problem?.message).toMatch(/\S/);
    }
  });
});

describe("membershipStanding", () => {
  const today = "2026-06-15";
  it.each([
    [null, null, "none"],
    ["2024-03-01", null, "member"],
    ["2026-06-15", null, "member"],
    ["2026-06-16", null, "future"],
    ["2024-03-01", "2026-06-15", "former"],
    ["2024-03-01", "2026-06-14", "former"],
    ["2024-03-01", "2026-06-16", "member"],
    ["2026-07-01", "2026-08-01", "future"],
  ] as const)("joined %j, left %j → %s", (joinedOn, leftOn, standing) => {
    expect(membershipStanding(joinedOn, leftOn, today)).toBe(standing);
  });

  it("has a Dutch label for every standing", () => {
    expect(Object.values(membershipStandingLabels).every((label) => label.length > 0)).toBe(true);
  });
});

describe("calendar dates", () => {
  it.each([
    ["2026-02-28", true],
    ["2024-02-29", true],
    ["2026-12-31", true],
    ["2026-02-29", false],
    ["2026-02-30", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-2-3", false],
    ["12-03-2026", false],
    ["2026-03-12T00:00", false],
    ["", false],
  ])("isCalendarDate(%j) → %s", (value, valid) => {
    expect(isCalendarDate(value)).toBe(valid);
  });

  it.each([
    ["2026-03-12", 1, "2027-03-12"],
    ["2024-02-29", 1, "2025-02-28"],
    ["2024-02-29", 4, "2028-02-29"],
    ["2026-12-31", 1, "2027-12-31"],
  ])("addYears(%j, %d) → %j", (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each([
    ["2026-11-28", null],
    ["2027-11-28", null],
    ["2027-11-29", "too_late"],
    ["2030-01-01", "too_late"],
    ["2000-01-01", null],
    ["1999-12-31", "too_early"],
    ["2026-02-30", "invalid"],
    ["morgen", "invalid"],
  ])("membershipDateProblem(%j) with today 2026-11-28 → %j", (value, problem) => {
    expect(membershipDateProblem(value, "2026-11-28")).toBe(problem);
  });

  it("allows a year ahead", () => {
    expect(latestMembershipDate("2026-11-28")).toBe("2027-11-28");
  });
});

describe("changedProfileFields", () => {
  const before: ProfileFields = {
    team: "Team Ruimte",
    introduction: "Hallo",
    ogwRole: "employee",
    expertise: ["omgevingswet", "participatie"],
  };
  it.each([
    [{}, []],
    [{ team: "Team Sociaal" }, ["team"]],
    [{ team: null }, ["team"]],
    [{ introduction: "Hallo!" }, ["introduction"]],
    [{ ogwRole: "opgave_director" }, ["ogwRole"]],
    [{ expertise: ["omgevingswet"] }, ["expertise"]],
    [{ expertise: ["participatie", "omgevingswet"] }, ["expertise"]],
    [{ expertise: ["omgevingswet", "participatie", "wmo"] }, ["expertise"]],
    [
      { team: null, introduction: null, ogwRole: "line_manager", expertise: [] },
      ["team", "expertise", "introduction", "ogwRole"],
    ],
  ] as const)("%j changes %j", (changes, fields) => {
    expect(changedProfileFields(before, { ...before, ...changes })).toEqual(fields);
  });
});

describe("canRegisterMembership", () => {
  it.each([
    ["active", null, true],
    ["deactivated", null, true],
    ["invited", null, false],
    ["deactivated", "2026-01-01T10:00:00.000Z", false],
  ] as const)("%s, anonymised at %j → %s", (status, anonymisedAt, allowed) => {
    expect(canRegisterMembership({ status, anonymisedAt })).toBe(allowed);
  });
});
