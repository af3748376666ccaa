// The feedback rules without a database: the rating, the comment's length, the course's learning
// goals, and who may give feedback on which enrolment.
import { describe, expect, it } from "vitest";
import {
  commentProblem,
  FEEDBACK_COMMENT_MAX,
  feedbackInputProblem,
  feedbackRefusal,
  feedbackRefusalMessages,
  learningGoalsProblem,
  ratingLabels,
  ratingProblem,
  type FeedbackRefusalCode,
} from "#app/domain/feedback.ts";
import type { AttendanceStatus, EnrolmentStatus } from "#app/domain/enrolment.ts";

describe("the limits match the database's CHECK constraints", () => {
  it("rating 1–5 with a Dutch word each, comment at most 2 000 characters", () => {
    expect(ratingLabels).toEqual({
      1: "slecht",
      2: "matig",
      3: "redelijk",
      4: "goed",
      5: "uitstekend",
    });
    expect(FEEDBACK_COMMENT_MAX).toBe(2000);
  });
});

describe("ratingProblem", () => {
  it.each([1, 2, 3, 4, 5])("accepts %s", (rating) => {
    expect(ratingProblem(rating)).toBeNull();
  });

  it.each([
    [0, "Een beoordeling is 1 (slecht) tot en met 5 (uitstekend); 0 kan niet."],
    [6, "Een beoordeling is 1 (slecht) tot en met 5 (uitstekend); 6 kan niet."],
    [-1, "Een beoordeling is 1 (slecht) tot en met 5 (uitstekend); -1 kan niet."],
    [2.5, "Een beoordeling is 1 (slecht) tot en met 5 (uitstekend); 2,5 kan niet."],
    [undefined, "Kies een beoordeling van 1 (slecht) tot en met 5 (uitstekend)."],
    [null, "Kies een beoordeling van 1 (slecht) tot en met 5 (uitstekend)."],
    ["", "Kies een beoordeling van 1 (slecht) tot en met 5 (uitstekend)."],
    ["4", "Kies een beoordeling van 1 (slecht) tot en met 5 (uitstekend)."],
    [Number.NaN, "Kies een beoordeling van 1 (slecht) tot en met 5 (uitstekend)."],
  ])("refuses %j: %s", (rating, message) => {
    expect(ratingProblem(rating)).toBe(message);
  });
});

describe("commentProblem", () => {
  it.each([
    [null, null],
    ["", null],
    ["Heel nuttig.", null],
    ["x".repeat(FEEDBACK_COMMENT_MAX), null],
    [
      "x".repeat(FEEDBACK_COMMENT_MAX + 1),
      "Een opmerking is hoogstens 2.000 tekens; deze telt er 2.001.",
    ],
  ])("%#: a comment of the given length → %s", (comment, message) => {
    expect(commentProblem(comment)).toBe(message);
  });
});

describe("learningGoalsProblem", () => {
  it.each([
    [[], [1, 2], null],
    [[], [], null],
    [[1], [1, 2], null],
    [[2, 1], [1, 2], null],
    [[3], [1, 2], "Kies alleen leerdoelen van deze opleiding."],
    [[1, 3], [1, 2], "Kies alleen leerdoelen van deze opleiding."],
    [[1], [], "Kies alleen leerdoelen van deze opleiding."],
  ])("chosen %j of the course's %j → %s", (chosen, course, message) => {
    expect(learningGoalsProblem(chosen, course)).toBe(message);
  });
});

describe("feedbackInputProblem", () => {
  const ok = { rating: 4, learningGoalIds: [1], comment: null };
  it.each([
    [ok, null],
    [{ ...ok, rating: 0 }, "rating"],
    [{ ...ok, rating: 6 }, "rating"],
    [{ ...ok, learningGoalIds: [9] }, "learningGoalIds"],
    [{ ...ok, comment: "x".repeat(FEEDBACK_COMMENT_MAX + 1) }, "comment"],
    // The rating first: it is the one the member must fill in.
    [{ rating: 0, learningGoalIds: [9], comment: "x".repeat(3000) }, "rating"],
  ])("%#: names the field %s", (input, field) => {
    expect(feedbackInputProblem(input, [1, 2])?.field ?? null).toBe(field);
  });
});

describe("feedbackRefusal", () => {
  const member = 7;
  const other = 8;
  const given = { id: 1, givenAt: "2026-03-01T10:00:00.000Z" };
  type Case = [
    description: string,
    enrolment: { memberId: number; status: EnrolmentStatus; attendance: AttendanceStatus | null },
    existing: object | null,
    code: FeedbackRefusalCode | null,
  ];
  const cases: Case[] = [
    [
      "attended, nothing given yet",
      { memberId: member, status: "confirmed", attendance: "attended" },
      null,
      null,
    ],
    [
      "someone else's attended enrolment",
      { memberId: other, status: "confirmed", attendance: "attended" },
      null,
      "not_yours",
    ],
    [
      "someone else's, with feedback",
      { memberId: other, status: "confirmed", attendance: "attended" },
      given,
      "not_yours",
    ],
    [
      "given before",
      { memberId: member, status: "confirmed", attendance: "attended" },
      given,
      "already_given",
    ],
    [
      "a no-show",
      { memberId: member, status: "confirmed", attendance: "no_show" },
      null,
      "no_show",
    ],
    [
      "attendance not registered yet",
      { memberId: member, status: "confirmed", attendance: null },
      null,
      "not_registered",
    ],
    ["cancelled", { memberId: member, status: "cancelled", attendance: null }, null, "cancelled"],
    ["rejected", { memberId: member, status: "rejected", attendance: null }, null, "not_enrolled"],
    [
      "still on the waitlist",
      { memberId: member, status: "waitlisted", attendance: null },
      null,
      "not_enrolled",
    ],
    [
      "a request never approved",
      { memberId: member, status: "requested", attendance: null },
      null,
      "not_enrolled",
    ],
  ];

  it.each(cases)("%s → %s", (_description, enrolment, existing, code) => {
    const refusal = feedbackRefusal(enrolment, existing, member);
    expect(refusal?.code ?? null).toBe(code);
    if (code) expect(refusal?.message).toBe(feedbackRefusalMessages[code]);
  });

  it("explains every refusal in Dutch, naming what the member can do", () => {
    expect(feedbackRefusalMessages.already_given).toContain("al feedback gegeven");
    expect(feedbackRefusalMessages.no_show).toContain("niet bij deze sessie");
    expect(feedbackRefusalMessages.not_registered).toContain("nog niet geregistreerd");
    expect(feedbackRefusalMessages.cancelled).toContain("afgemeld");
  });
});
