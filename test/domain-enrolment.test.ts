// The enrolment rules without a database: confirm / waitlist / request / refuse, the waitlist order
// and promotion, the state machine with four eyes and times, and who may give feedback.
import { describe, expect, it } from "vitest";
import {
  checkEnrolmentTransition,
  decideEnrolment,
  isActiveEnrolment,
  mayGiveFeedback,
  mayStillCancel,
  promoteFromWaitlist,
  statusOnPromotion,
  waitlistPosition,
  type AttendanceStatus,
  type EnrolmentAction,
  type EnrolmentDecision,
  type EnrolmentRefusalCode,
  type EnrolmentRequest,
  type EnrolmentStatus,
} from "#app/domain/enrolment.ts";

const startsAt = new Date("2027-02-10T09:00:00Z");
const enrolmentDeadline = new Date("2027-02-03T23:00:00Z");
const BEFORE = new Date("2027-01-15T12:00:00Z");

function request(overrides: Partial<EnrolmentRequest> = {}): EnrolmentRequest {
  return {
    session: { status: "planned", startsAt, enrolmentDeadline, capacity: 10 },
    costPerParticipantCents: 0,
    confirmedCount: 0,
    requestedCount: 0,
    memberHasActiveEnrolment: null,
    now: BEFORE,
    ...overrides,
  };
}

describe("decideEnrolment", () => {
  const cases: [string, Partial<EnrolmentRequest>, EnrolmentDecision][] = [
    ["free, empty session", {}, { kind: "confirm" }],
    ["free, last seat", { confirmedCount: 9 }, { kind: "confirm" }],
    ["free, full", { confirmedCount: 10 }, { kind: "waitlist" }],
    ["free, overfull (data from before)", { confirmedCount: 12 }, { kind: "waitlist" }],
    ["free, capacity 1 and empty", { ...withCapacity(1) }, { kind: "confirm" }],
    ["free, capacity 1 and taken", { ...withCapacity(1), confirmedCount: 1 }, { kind: "waitlist" }],
    [
      "free, the last seat held by a pending request",
      { confirmedCount: 9, requestedCount: 1 },
      { kind: "waitlist" },
    ],
    [
      "free, one seat left next to pending requests",
      { confirmedCount: 7, requestedCount: 2 },
      { kind: "confirm" },
    ],
    [
      "free, requestedCount left out",
      { confirmedCount: 9, requestedCount: undefined },
      {
        kind: "confirm",
      },
    ],
    ["paid, empty session", { costPerParticipantCents: 45_000 }, { kind: "request" }],
    ["paid, last seat", { costPerParticipantCents: 1, confirmedCount: 9 }, { kind: "request" }],
    [
      "paid, last seat held by another request",
      { costPerParticipantCents: 45_000, confirmedCount: 8, requestedCount: 2 },
      { kind: "waitlist" },
    ],
    ["paid, full", { costPerParticipantCents: 45_000, confirmedCount: 10 }, { kind: "waitlist" }],
    ["at the deadline exactly", { now: enrolmentDeadline }, { kind: "confirm" }],
    [
      "one second after the deadline",
      { now: new Date("2027-02-03T23:00:01Z") },
      {
        kind: "refuse",
        reason: "deadline_passed",
        message: "De inschrijving voor deze sessie is gesloten.",
      },
    ],
    [
      "after the deadline, even with seats and for a paid course",
      { now: new Date("2027-02-05T10:00:00Z"), costPerParticipantCents: 45_000 },
      {
        kind: "refuse",
        reason: "deadline_passed",
        message: "De inschrijving voor deze sessie is gesloten.",
      },
    ],
    [
      "at the start (deadline equal to the start)",
      {
        session: { status: "planned", startsAt, enrolmentDeadline: startsAt, capacity: 10 },
        now: startsAt,
      },
      { kind: "refuse", reason: "started", message: "Deze sessie is al begonnen." },
    ],
    [
      "one second before the start (deadline equal to the start)",
      {
        session: { status: "planned", startsAt, enrolmentDeadline: startsAt, capacity: 10 },
        now: new Date("2027-02-10T08:59:59Z"),
      },
      { kind: "confirm" },
    ],
    [
      "a cancelled session",
      { session: { status: "cancelled", startsAt, enrolmentDeadline, capacity: 10 } },
      { kind: "refuse", reason: "cancelled", message: "Deze sessie is geannuleerd." },
    ],
    [
      "a held session",
      { session: { status: "held", startsAt, enrolmentDeadline, capacity: 10 } },
      { kind: "refuse", reason: "held", message: "Deze sessie heeft al plaatsgevonden." },
    ],
    [
      "already confirmed",
      { memberHasActiveEnrolment: "confirmed" },
      {
        kind: "refuse",
        reason: "already_enrolled",
        message: "U bent al ingeschreven voor deze sessie.",
      },
    ],
    [
      "already on the waitlist",
      { memberHasActiveEnrolment: "waitlisted", confirmedCount: 10 },
      {
        kind: "refuse",
        reason: "already_waitlisted",
        message: "U staat al op de wachtlijst voor deze sessie.",
      },
    ],
    [
      "already requested",
      { memberHasActiveEnrolment: "requested", costPerParticipantCents: 45_000 },
      {
        kind: "refuse",
        reason: "already_requested",
        message: "U heeft zich al aangemeld voor deze sessie; uw aanvraag wacht op goedkeuring.",
      },
    ],
    ["after a cancellation, again", { memberHasActiveEnrolment: "cancelled" }, { kind: "confirm" }],
    [
      "after a rejection, again",
      { memberHasActiveEnrolment: "rejected", costPerParticipantCents: 45_000 },
      { kind: "request" },
    ],
    [
      "already enrolled in a closed session: the closed session is the reason",
      {
        memberHasActiveEnrolment: "confirmed",
        session: { status: "cancelled", startsAt, enrolmentDeadline, capacity: 10 },
      },
      { kind: "refuse", reason: "cancelled", message: "Deze sessie is geannuleerd." },
    ],
  ];

  it.each(cases)("%s", (_name, overrides, expected) => {
    expect(decideEnrolment(request(overrides))).toEqual(expected);
  });

  function withCapacity(capacity: number): Partial<EnrolmentRequest> {
    return { session: { status: "planned", startsAt, enrolmentDeadline, capacity } };
  }
});

describe("isActiveEnrolment", () => {
  it.each([
    ["confirmed", true],
    ["waitlisted", true],
    ["requested", true],
    ["rejected", false],
    ["cancelled", false],
  ] as const)("%s → %s", (status, expected) => {
    expect(isActiveEnrolment(status)).toBe(expected);
  });
});

const at = (iso: string) => new Date(iso);

describe("waitlistPosition", () => {
  const entries = [
    { id: 7, enrolledAt: at("2027-01-03T10:00:00Z") },
    { id: 3, enrolledAt: at("2027-01-01T10:00:00Z") },
    { id: 9, enrolledAt: at("2027-01-02T10:00:00Z") },
    { id: 5, enrolledAt: at("2027-01-02T10:00:00Z") },
  ];
  it.each([
    [3, 1],
    [5, 2],
    [9, 3],
    [7, 4],
    [42, null],
  ])("id %i is at %j", (id, expected) => {
    expect(waitlistPosition(entries, id)).toBe(expected);
  });

  it("is null on an empty waitlist", () => {
    expect(waitlistPosition([], 1)).toBeNull();
  });

  it("does not reorder the input", () => {
    const copy = [...entries];
    waitlistPosition(entries, 3);
    expect(entries).toEqual(copy);
  });
});

describe("promoteFromWaitlist", () => {
  const waitlist = [
    { id: 21, enrolledAt: at("2027-01-05T10:00:00Z"), needsApproval: false },
    { id: 20, enrolledAt: at("2027-01-04T10:00:00Z"), needsApproval: true },
    { id: 23, enrolledAt: at("2027-01-06T10:00:00Z"), needsApproval: false },
    { id: 22, enrolledAt: at("2027-01-05T10:00:00Z"), needsApproval: false },
  ];
  it.each([
    ["still full", 10, 10, 0, waitlist, []],
    ["overfull", 10, 11, 0, waitlist, []],
    ["one seat freed", 10, 9, 0, waitlist, [20]],
    ["two seats freed (tie on time → lower id)", 10, 8, 0, waitlist, [20, 21]],
    ["three seats freed", 10, 7, 0, waitlist, [20, 21, 22]],
    ["more seats than waiting", 10, 2, 0, waitlist, [20, 21, 22, 23]],
    ["a pending request holds a seat", 10, 8, 1, waitlist, [20]],
    ["pending requests fill the freed seats", 10, 8, 2, waitlist, []],
    ["empty waitlist", 10, 5, 0, [], []],
    ["capacity 1, freed", 1, 0, 0, waitlist, [20]],
  ])("%s", (_name, capacity, confirmedCount, requestedCount, list, expected) => {
    expect(
      promoteFromWaitlist({ capacity, confirmedCount, requestedCount, waitlist: list }),
    ).toEqual(expected);
  });

  it("counts no pending requests when requestedCount is left out", () => {
    expect(promoteFromWaitlist({ capacity: 10, confirmedCount: 9, waitlist })).toEqual([20]);
  });

  it.each([
    [false, "confirmed"],
    [true, "requested"],
  ] as const)("a promoted entry that needs approval %s becomes %s", (needsApproval, status) => {
    expect(statusOnPromotion(needsApproval)).toBe(status);
  });
});

describe("checkEnrolmentTransition", () => {
  const MEMBER = 1;
  const COORDINATOR = { id: 2, canDecide: true };
  const SELF = { id: MEMBER, canDecide: false };
  const SELF_COORDINATOR = { id: MEMBER, canDecide: true };
  const OTHER_MEMBER = { id: 3, canDecide: false };
  const sessionStartsAt = startsAt;
  const beforeStart = new Date("2027-02-10T08:59:59Z");
  const afterStart = new Date("2027-02-10T12:00:00Z");

  type Actor = { id: number; canDecide: boolean };
  type Case = [string, EnrolmentStatus, EnrolmentAction, Actor, Date, EnrolmentRefusalCode | null];

  const allowed: Case[] = [
    ["member cancels own confirmed", "confirmed", "cancel", SELF, beforeStart, null],
    ["member cancels own waitlisted", "waitlisted", "cancel", SELF, beforeStart, null],
    ["member cancels own request", "requested", "cancel", SELF, beforeStart, null],
    ["coordinator cancels a member's confirmed", "confirmed", "cancel", COORDINATOR, BEFORE, null],
    [
      "coordinator cancels a member's waitlisted",
      "waitlisted",
      "cancel",
      COORDINATOR,
      BEFORE,
      null,
    ],
    ["coordinator cancels a member's request", "requested", "cancel", COORDINATOR, BEFORE, null],
    ["coordinator approves", "requested", "approve", COORDINATOR, BEFORE, null],
    ["coordinator approves after the start", "requested", "approve", COORDINATOR, afterStart, null],
    ["coordinator rejects", "requested", "reject", COORDINATOR, BEFORE, null],
    ["attendance at the start", "confirmed", "register_attendance", COORDINATOR, startsAt, null],
    ["attendance after", "confirmed", "register_attendance", COORDINATOR, afterStart, null],
  ];

  const refused: Case[] = [
    ["another member cancels", "confirmed", "cancel", OTHER_MEMBER, BEFORE, "not_allowed"],
    ["cancel a cancelled", "cancelled", "cancel", SELF, BEFORE, "not_allowed_in_state"],
    ["cancel a rejected", "rejected", "cancel", SELF, BEFORE, "not_allowed_in_state"],
    ["member cancels at the start", "confirmed", "cancel", SELF, startsAt, "session_started"],
    [
      "coordinator cancels after",
      "confirmed",
      "cancel",
      COORDINATOR,
      afterStart,
      "session_started",
    ],
    ["member approves own", "requested", "approve", SELF, BEFORE, "not_allowed"],
    ["another member approves", "requested", "approve", OTHER_MEMBER, BEFORE, "not_allowed"],
    ["coordinator approves own", "requested", "approve", SELF_COORDINATOR, BEFORE, "own_request"],
    ["approve confirmed", "confirmed", "approve", COORDINATOR, BEFORE, "not_allowed_in_state"],
    ["approve waitlisted", "waitlisted", "approve", COORDINATOR, BEFORE, "not_allowed_in_state"],
    ["approve rejected", "rejected", "approve", COORDINATOR, BEFORE, "not_allowed_in_state"],
    ["approve cancelled", "cancelled", "approve", COORDINATOR, BEFORE, "not_allowed_in_state"],
    ["member rejects own", "requested", "reject", SELF, BEFORE, "not_allowed"],
    ["coordinator rejects own", "requested", "reject", SELF_COORDINATOR, BEFORE, "own_request"],
    ["reject confirmed", "confirmed", "reject", COORDINATOR, BEFORE, "not_allowed_in_state"],
    ["reject waitlisted", "waitlisted", "reject", COORDINATOR, BEFORE, "not_allowed_in_state"],
    ["reject rejected", "rejected", "reject", COORDINATOR, BEFORE, "not_allowed_in_state"],
    ["reject cancelled", "cancelled", "reject", COORDINATOR, BEFORE, "not_allowed_in_state"],
    [
      "attendance before the start",
      "confirmed",
      "register_attendance",
      COORDINATOR,
      beforeStart,
      "session_not_started",
    ],
    [
      "attendance by the member",
      "confirmed",
      "register_attendance",
      SELF,
      afterStart,
      "not_allowed",
    ],
    ...(["waitlisted", "requested", "rejected", "cancelled"] as const).map((status): Case => [
      `attendance for ${status}`,
      status,
      "register_attendance",
      COORDINATOR,
      afterStart,
      "not_allowed_in_state",
    ]),
  ];

  it.each([...allowed, ...refused])("%s", (_name, status, action, actor, now, expectedCode) => {
    const verdict = checkEnrolmentTransition(
      { status, memberId: MEMBER },
      action,
      actor,
      now,
      sessionStartsAt,
    );
    if (expectedCode === null) {
      expect(verdict).toEqual({ ok: true });
    } else {
      expect(verdict).toMatchObject({ ok: false, code: expectedCode });
      if (!verdict.ok) expect(verdict.message).toMatch(/\S/);
    }
  });

  it.each([
    ["own approval", "requested", "approve", SELF_COORDINATOR, "een andere coördinator"],
    ["own rejection", "requested", "reject", SELF_COORDINATOR, "trek hem in met afmelden"],
    ["someone else's", "confirmed", "cancel", OTHER_MEMBER, "alleen uw eigen inschrijving"],
    ["waitlist attendance", "waitlisted", "register_attendance", COORDINATOR, "wachtlijst"],
    ["approve by a member", "requested", "approve", SELF, "Alleen een coördinator"],
  ] as const)("says why in Dutch: %s", (_name, status, action, actor, text) => {
    const verdict = checkEnrolmentTransition(
      { status, memberId: MEMBER },
      action,
      actor,
      afterStart,
      sessionStartsAt,
    );
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toContain(text);
  });
});

describe("mayGiveFeedback", () => {
  const statuses: EnrolmentStatus[] = [
    "confirmed",
    "waitlisted",
    "requested",
    "rejected",
    "cancelled",
  ];
  const attendances: (AttendanceStatus | null)[] = ["attended", "no_show", null];
  const cases = statuses.flatMap((status) =>
    attendances.map(
      (attendance) =>
        [status, attendance, status === "confirmed" && attendance === "attended"] as const,
    ),
  );
  it.each(cases)("%s with attendance %s → %s", (status, attendance, expected) => {
    expect(mayGiveFeedback({ status, attendance })).toBe(expected);
  });
});

describe("mayStillCancel", () => {
  const startsAt = new Date("2026-12-08T12:30:00Z");
  it.each([
    ["confirmed", "2026-12-08T12:29:59Z", true],
    ["waitlisted", "2026-12-01T09:00:00Z", true],
    ["requested", "2026-12-01T09:00:00Z", true],
    ["confirmed", "2026-12-08T12:30:00Z", false],
    ["cancelled", "2026-12-01T09:00:00Z", false],
    ["rejected", "2026-12-01T09:00:00Z", false],
  ] as const)("%s at %s → %s", (status, now, expected) => {
    expect(mayStillCancel(status, startsAt, new Date(now))).toBe(expected);
  });
});
