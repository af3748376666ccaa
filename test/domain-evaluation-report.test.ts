// The half-yearly evaluation on a small hand-made data set; every expected figure is worked out by
// hand in the comments, never with the code under test.
import { describe, expect, it } from "vitest";
import {
  buildEvaluationReport,
  compareFigure,
  figuresFor,
  type EvaluationEnrolment,
  type EvaluationFeedback,
  type EvaluationFigures,
  type EvaluationLedgerEntry,
  type EvaluationSession,
  type ReportInput,
} from "#app/domain/evaluation-report.ts";
import { halfYearRange } from "#app/domain/half-year.ts";

// Half-years in UTC (see domain-half-year.test.ts):
//   2025-H2 = [2025-06-30T22:00Z, 2025-12-31T23:00Z)   the previous half-year
//   2026-H1 = [2025-12-31T23:00Z, 2026-06-30T22:00Z)   the half-year reported on
//   2026-H2 starts 2026-06-30T22:00Z                     "later": must never count

const learningGoals = [
  // Deliberately not in id order: the report keeps the input order.
  { id: 2, title: "Sturen op maatschappelijke opgaven" },
  { id: 1, title: "Opgavegericht samenwerken" },
  { id: 3, title: "Reflecteren op de eigen rol" },
];

const departments = [
  { id: 1, code: "BO", name: "Bedrijfsvoering" },
  { id: 2, code: "RO", name: "Ruimtelijke ontwikkeling" },
  { id: 3, code: "SD", name: "Sociaal domein" },
];

// Courses and their goals: 1 "Opgavegericht werken in de praktijk" [1, 2], 2 "Kennissessie
// Omgevingswet" [2, 3], 3 "Leergang bestuurskunde" [2], 4 "Reflectie op de eigen rol" [3].
const practice = {
  courseId: 1,
  courseTitle: "Opgavegericht werken in de praktijk",
  kind: "in_house",
  durationHours: 3,
  learningGoalIds: [1, 2],
} as const;
const omgevingswet = {
  courseId: 2,
  courseTitle: "Kennissessie Omgevingswet",
  kind: "knowledge_session",
  durationHours: 1.5,
  learningGoalIds: [2, 3],
} as const;

const earlierSessions: EvaluationSession[] = [
  // 2025-H2
  { id: 1, ...practice, startsAt: "2025-09-15T07:00:00.000Z", status: "held", capacity: 2 },
  { id: 2, ...omgevingswet, startsAt: "2025-11-20T15:00:00.000Z", status: "held", capacity: 10 },
  // 2026-H1; 23:30Z on 31 December is 00:30 on 1 January in Huizen.
  { id: 3, ...omgevingswet, startsAt: "2025-12-31T23:30:00.000Z", status: "held", capacity: 10 },
  { id: 4, ...practice, startsAt: "2026-03-10T08:00:00.000Z", status: "held", capacity: 4 },
  {
    id: 5,
    courseId: 3,
    courseTitle: "Leergang bestuurskunde",
    kind: "individual",
    startsAt: "2026-05-20T07:00:00.000Z",
    status: "cancelled",
    capacity: 1,
    durationHours: 8,
    learningGoalIds: [2],
  },
  // 23:30 on 30 June in Huizen: still 2026-H1. Not yet marked as held.
  { id: 6, ...practice, startsAt: "2026-06-30T21:30:00.000Z", status: "planned", capacity: 2 },
];

const enrolment = (
  row: Pick<EvaluationEnrolment, "id" | "sessionId" | "memberId" | "ogwRole" | "departmentId"> &
    Partial<EvaluationEnrolment>,
): EvaluationEnrolment => ({
  status: "confirmed",
  attendance: null,
  initialStatus: "confirmed",
  promotedAt: null,
  ...row,
});

const earlierEnrolments: EvaluationEnrolment[] = [
  // Session 1 (2025-H2, held)
  enrolment({
    id: 1,
    sessionId: 1,
    memberId: 101,
    ogwRole: "employee",
    departmentId: 1,
    attendance: "attended",
  }),
  enrolment({
    id: 2,
    sessionId: 1,
    memberId: 102,
    ogwRole: "line_manager",
    departmentId: 2,
    attendance: "no_show",
  }),
  enrolment({
    id: 3,
    sessionId: 1,
    memberId: 103,
    ogwRole: "employee",
    departmentId: 1,
    attendance: "attended",
    initialStatus: "waitlisted",
    promotedAt: "2025-09-10T08:00:00.000Z",
  }),
  enrolment({
    id: 4,
    sessionId: 1,
    memberId: 104,
    ogwRole: "steering_professional",
    departmentId: 3,
    status: "cancelled",
  }),
  enrolment({
    id: 5,
    sessionId: 1,
    memberId: 105,
    ogwRole: "employee",
    departmentId: null,
    status: "waitlisted",
    initialStatus: "waitlisted",
  }),
  // Session 2 (2025-H2, held)
  enrolment({
    id: 6,
    sessionId: 2,
    memberId: 101,
    ogwRole: "employee",
    departmentId: 1,
    attendance: "attended",
  }),
  enrolment({
    id: 7,
    sessionId: 2,
    memberId: 106,
    ogwRole: "opgave_director",
    departmentId: 2,
    attendance: "attended",
  }),
  // Session 3 (2026-H1, held)
  enrolment({
    id: 8,
    sessionId: 3,
    memberId: 101,
    ogwRole: "employee",
    departmentId: 1,
    attendance: "attended",
  }),
  enrolment({
    id: 9,
    sessionId: 3,
    memberId: 107,
    ogwRole: "political_principal",
    departmentId: null,
    attendance: "attended",
  }),
  enrolment({
    id: 10,
    sessionId: 3,
    memberId: 102,
    ogwRole: "line_manager",
    departmentId: 2,
    attendance: "no_show",
  }),
  // Session 4 (2026-H1, held)
  enrolment({
    id: 11,
    sessionId: 4,
    memberId: 101,
    ogwRole: "employee",
    departmentId: 1,
    attendance: "attended",
  }),
  enrolment({
    id: 12,
    sessionId: 4,
    memberId: 103,
    ogwRole: "employee",
    departmentId: 1,
    attendance: "attended",
    initialStatus: "requested",
  }),
  enrolment({
    id: 13,
    sessionId: 4,
    memberId: 108,
    ogwRole: "official_principal",
    departmentId: 3,
    attendance: "attended",
    initialStatus: "waitlisted",
    promotedAt: "2026-03-01T09:00:00.000Z",
  }),
  enrolment({
    id: 14,
    sessionId: 4,
    memberId: 109,
    ogwRole: "steering_professional",
    departmentId: 3,
    status: "rejected",
    initialStatus: "requested",
  }),
  enrolment({
    id: 15,
    sessionId: 4,
    memberId: 110,
    ogwRole: "employee",
    departmentId: 2,
    status: "cancelled",
    initialStatus: "waitlisted",
  }),
  enrolment({
    id: 16,
    sessionId: 4,
    memberId: 104,
    ogwRole: "steering_professional",
    departmentId: 3,
    attendance: "no_show",
  }),
  enrolment({
    id: 17,
    sessionId: 4,
    memberId: 105,
    ogwRole: "employee",
    departmentId: null,
    status: "waitlisted",
    initialStatus: "waitlisted",
  }),
  // Session 5 (2026-H1, cancelled): its waitlist does not count.
  enrolment({
    id: 18,
    sessionId: 5,
    memberId: 106,
    ogwRole: "opgave_director",
    departmentId: 2,
    status: "cancelled",
    initialStatus: "waitlisted",
  }),
  // Session 6 (2026-H1, planned)
  enrolment({
    id: 19,
    sessionId: 6,
    memberId: 109,
    ogwRole: "steering_professional",
    departmentId: 3,
  }),
  enrolment({ id: 20, sessionId: 6, memberId: 110, ogwRole: "employee", departmentId: 2 }),
  enrolment({
    id: 21,
    sessionId: 6,
    memberId: 107,
    ogwRole: "political_principal",
    departmentId: null,
    status: "waitlisted",
    initialStatus: "waitlisted",
  }),
  // Promoted, then cancelled: not left waiting.
  enrolment({
    id: 23,
    sessionId: 6,
    memberId: 103,
    ogwRole: "employee",
    departmentId: 1,
    status: "cancelled",
    initialStatus: "waitlisted",
    promotedAt: "2026-06-01T10:00:00.000Z",
  }),
];

// Listed out of time order: comments come out sorted by givenAt.
const earlierFeedback: EvaluationFeedback[] = [
  {
    enrolmentId: 1,
    rating: 4,
    learningGoalIds: [1],
    comment: "Veel geleerd over samenwerken met de wijk.",
    givenAt: "2025-09-16T10:00:00.000Z",
  },
  {
    enrolmentId: 7,
    rating: 3,
    learningGoalIds: [2, 3],
    comment: null,
    givenAt: "2025-11-21T09:00:00.000Z",
  },
  // 23:45 on 31 December in Huizen: 2025-H2. A blank comment is no comment.
  {
    enrolmentId: 6,
    rating: 5,
    learningGoalIds: [2],
    comment: "  ",
    givenAt: "2025-12-31T22:45:00.000Z",
  },
  {
    enrolmentId: 12,
    rating: 4,
    learningGoalIds: [1, 2],
    comment: "Goede oefeningen met de casus.",
    givenAt: "2026-03-11T08:00:00.000Z",
  },
  {
    enrolmentId: 8,
    rating: 5,
    learningGoalIds: [3],
    comment: "Heldere uitleg, direct toepasbaar.",
    givenAt: "2026-01-05T12:00:00.000Z",
  },
  // On a 2025-H2 session, but given at 00:15 on 1 January in Huizen: counts in 2026-H1.
  {
    enrolmentId: 3,
    rating: 2,
    learningGoalIds: [],
    comment: " Te theoretisch. ",
    givenAt: "2025-12-31T23:15:00.000Z",
  },
  {
    enrolmentId: 13,
    rating: 3,
    learningGoalIds: [1],
    comment: null,
    givenAt: "2026-03-12T16:00:00.000Z",
  },
];

const earlierLedger: EvaluationLedgerEntry[] = [
  { at: "2025-02-01T09:00:00.000Z", type: "allocation", amountCents: 1_500_000, expenseKind: null },
  // 2025-H2
  {
    at: "2025-08-01T10:00:00.000Z",
    type: "commitment",
    amountCents: 250_000,
    expenseKind: "in_house",
  },
  {
    at: "2025-10-01T10:00:00.000Z",
    type: "commitment",
    amountCents: 120_000,
    expenseKind: "individual",
  },
  // € 2.400 paid on a € 2.500 commitment.
  {
    at: "2025-09-20T12:00:00.000Z",
    type: "release",
    amountCents: 250_000,
    expenseKind: "in_house",
  },
  { at: "2025-09-20T12:00:00.000Z", type: "actual", amountCents: 250_000, expenseKind: "in_house" },
  {
    at: "2025-09-20T12:00:00.000Z",
    type: "correction",
    amountCents: -10_000,
    expenseKind: "in_house",
  },
  // 23:30 on 31 December in Huizen: the budget is raised in 2025-H2.
  { at: "2025-12-31T22:30:00.000Z", type: "allocation", amountCents: 500_000, expenseKind: null },
  // 2026-H1: € 1.300 paid on the € 1.200 commitment of 2025-H2.
  {
    at: "2026-02-10T09:00:00.000Z",
    type: "release",
    amountCents: 120_000,
    expenseKind: "individual",
  },
  {
    at: "2026-02-10T09:00:00.000Z",
    type: "actual",
    amountCents: 120_000,
    expenseKind: "individual",
  },
  {
    at: "2026-02-10T09:00:00.000Z",
    type: "correction",
    amountCents: 10_000,
    expenseKind: "individual",
  },
  {
    at: "2026-04-01T10:00:00.000Z",
    type: "commitment",
    amountCents: 90_000,
    expenseKind: "knowledge_session",
  },
  { at: "2026-05-05T10:00:00.000Z", type: "commitment", amountCents: 40_000, expenseKind: "other" },
  // A correction without an expense counts as "other".
  { at: "2026-06-01T10:00:00.000Z", type: "correction", amountCents: -5_000, expenseKind: null },
];

/** Everything dated in 2026-H2; none of it may change the report on 2026-H1. */
const laterRows = {
  // 00:30 on 1 July in Huizen, though still 30 June in UTC.
  sessions: [
    {
      id: 7,
      courseId: 4,
      courseTitle: "Reflectie op de eigen rol",
      kind: "individual",
      startsAt: "2026-06-30T22:30:00.000Z",
      status: "held",
      capacity: 1,
      durationHours: 2,
      learningGoalIds: [3],
    },
  ] satisfies EvaluationSession[],
  enrolments: [
    enrolment({
      id: 22,
      sessionId: 7,
      memberId: 101,
      ogwRole: "employee",
      departmentId: 1,
      attendance: "attended",
    }),
  ],
  feedback: [
    // On a 2026-H1 session, given at 00:15 on 1 July in Huizen.
    {
      enrolmentId: 11,
      rating: 5,
      learningGoalIds: [2],
      comment: "Later ingevuld.",
      givenAt: "2026-06-30T22:15:00.000Z",
    },
    {
      enrolmentId: 22,
      rating: 1,
      learningGoalIds: [3],
      comment: "Te laat.",
      givenAt: "2026-07-02T10:00:00.000Z",
    },
  ] satisfies EvaluationFeedback[],
  ledger: [
    { at: "2026-06-30T22:30:00.000Z", type: "allocation", amountCents: 200_000, expenseKind: null },
    {
      at: "2026-07-15T10:00:00.000Z",
      type: "commitment",
      amountCents: 300_000,
      expenseKind: "in_house",
    },
    { at: "2026-07-15T10:00:00.000Z", type: "actual", amountCents: 50_000, expenseKind: "other" },
  ] satisfies EvaluationLedgerEntry[],
};

const earlierInput: ReportInput = {
  sessions: earlierSessions,
  enrolments: earlierEnrolments,
  feedback: earlierFeedback,
  ledger: earlierLedger,
  learningGoals,
  departments,
};

const fullInput: ReportInput = {
  sessions: [...earlierSessions, ...laterRows.sessions],
  enrolments: [...earlierEnrolments, ...laterRows.enrolments],
  feedback: [...earlierFeedback, ...laterRows.feedback],
  ledger: [...earlierLedger, ...laterRows.ledger],
  learningGoals,
  departments,
};

const kindLabels = {
  in_house: "In-house opleiding",
  knowledge_session: "Kennissessie",
  individual: "Individuele verdiepende opleiding",
} as const;

const role = (
  key:
    | "political_principal"
    | "official_principal"
    | "opgave_director"
    | "steering_professional"
    | "line_manager"
    | "employee",
  label: string,
  participations: number,
  uniqueParticipants: number,
) => ({ role: key, label, participations, uniqueParticipants });

// ---- 2026-H1 by hand ----
// In range: sessions 3 (00:30 on 1 January), 4, 5 (cancelled) and 6 (23:30 on 30 June); session 7
// (00:30 on 1 July) is not. Held: 3 (knowledge session) and 4 (in-house).
// Attended at held sessions: 8 (m101, employee, BO, 1,5 h), 9 (m107, political principal, no
// department, 1,5 h), 11 (m101, employee, BO, 3 h), 12 (m103, employee, BO, 3 h), 13 (m108, official
// principal, SD, 3 h): 5 participations of 4 members; 1,5 + 1,5 + 3 + 3 + 3 = 12 hours.
// No-shows at held sessions: 10 and 16 → 2 of 5 + 2 = 7.
// Waitlisted on enrolling, in sessions 3, 4 and 6 (5 is cancelled): 13 (promoted), 15 (cancelled
// while waiting), 17 (still waiting) in session 4; 21 (still waiting), 23 (promoted, then
// cancelled) in session 6 → 2 sessions, 5 people, 3 left waiting (15, 17, 21).
// Ledger in range: committed −120 000 + 90 000 + 40 000 = 10 000; paid 120 000 + 10 000 − 5 000 =
// 125 000. Budget: allocations before 2026-06-30T22:00Z: 1 500 000 + 500 000 = 2 000 000 (the
// 200 000 at 00:30 on 1 July belongs to 2026-H2).
// Feedback given in range: on enrolment 3 (2, session 1), 8 (5, session 3), 12 (4, session 4) and
// 13 (3, session 4); the one on enrolment 11 was given at 00:15 on 1 July. 4 ratings, sum 14.
const expected2026H1: EvaluationFigures = {
  start: "2025-12-31T23:00:00.000Z",
  end: "2026-06-30T22:00:00.000Z",
  activities: {
    held: 2,
    heldByKind: [
      { kind: "in_house", label: kindLabels.in_house, count: 1 },
      { kind: "knowledge_session", label: kindLabels.knowledge_session, count: 1 },
      { kind: "individual", label: kindLabels.individual, count: 0 },
    ],
    cancelled: 1,
  },
  participation: {
    participations: 5,
    uniqueParticipants: 4,
    byRole: [
      role("political_principal", "Bestuurlijk opdrachtgever", 1, 1),
      role("official_principal", "Ambtelijk opdrachtgever", 1, 1),
      role("opgave_director", "Opgaveregisseur", 0, 0),
      role("steering_professional", "Sturingsprofessional", 0, 0),
      role("line_manager", "Lijnmanager", 0, 0),
      // Enrolments 8 and 11 are both m101.
      role("employee", "Medewerker", 3, 2),
    ],
    byDepartment: [
      {
        departmentId: 1,
        code: "BO",
        name: "Bedrijfsvoering",
        participations: 3,
        uniqueParticipants: 2,
      },
      {
        departmentId: 2,
        code: "RO",
        name: "Ruimtelijke ontwikkeling",
        participations: 0,
        uniqueParticipants: 0,
      },
      {
        departmentId: 3,
        code: "SD",
        name: "Sociaal domein",
        participations: 1,
        uniqueParticipants: 1,
      },
      {
        departmentId: null,
        code: null,
        name: "Onbekend",
        participations: 1,
        uniqueParticipants: 1,
      },
    ],
    trainingHours: 12,
  },
  noShowRate: { numerator: 2, denominator: 7, value: 2 / 7 },
  waitlist: { fullSessions: 2, peopleWaitlisted: 5, leftWaiting: 3 },
  spend: {
    committedCents: 10_000,
    actualCents: 125_000,
    byKind: [
      { kind: "in_house", label: "In-house opleiding", committedCents: 0, actualCents: 0 },
      { kind: "knowledge_session", label: "Kennissessie", committedCents: 90_000, actualCents: 0 },
      {
        kind: "individual",
        label: "Individuele verdiepende opleiding",
        committedCents: -120_000,
        actualCents: 130_000,
      },
      { kind: "other", label: "Overig", committedCents: 40_000, actualCents: -5_000 },
    ],
    budgetCents: 2_000_000,
    // 125 000 / 2 000 000 = 0,0625
    actualShareOfBudget: { numerator: 125_000, denominator: 2_000_000, value: 0.0625 },
  },
  learningGoals: [
    {
      // Goal 2: sessions 3, 4, 6; attended by m101, m107 (session 3) and m101, m103, m108 (session
      // 4); rated via sessions 1 (2), 3 (5), 4 (4 and 3); named only by the feedback on 12.
      id: 2,
      title: "Sturen op maatschappelijke opgaven",
      sessionsOffered: 3,
      participants: 4,
      rating: { sum: 14, count: 4, value: 3.5 },
      namedInFeedback: 1,
    },
    {
      // Goal 1: sessions 4 and 6; m101, m103, m108; rated via sessions 1 (2) and 4 (4, 3); named
      // by the feedback on 12 and 13.
      id: 1,
      title: "Opgavegericht samenwerken",
      sessionsOffered: 2,
      participants: 3,
      rating: { sum: 9, count: 3, value: 3 },
      namedInFeedback: 2,
    },
    {
      // Goal 3: session 3 (the cancelled session 5 does not count); m101, m107; rated 5 via
      // session 3 and named there.
      id: 3,
      title: "Reflecteren op de eigen rol",
      sessionsOffered: 1,
      participants: 2,
      rating: { sum: 5, count: 1, value: 5 },
      namedInFeedback: 1,
    },
  ],
  rating: { sum: 14, count: 4, value: 3.5 },
  feedbackCount: 4,
  comments: [
    {
      courseTitle: "Opgavegericht werken in de praktijk",
      rating: 2,
      comment: "Te theoretisch.",
      givenAt: "2025-12-31T23:15:00.000Z",
    },
    {
      courseTitle: "Kennissessie Omgevingswet",
      rating: 5,
      comment: "Heldere uitleg, direct toepasbaar.",
      givenAt: "2026-01-05T12:00:00.000Z",
    },
    {
      courseTitle: "Opgavegericht werken in de praktijk",
      rating: 4,
      comment: "Goede oefeningen met de casus.",
      givenAt: "2026-03-11T08:00:00.000Z",
    },
  ],
};

// ---- 2025-H2 by hand ----
// Sessions 1 (in-house) and 2 (knowledge session), both held.
// Attended: 1 (m101, BO, 3 h), 3 (m103, BO, 3 h), 6 (m101, BO, 1,5 h), 7 (m106, opgave director,
// RO, 1,5 h): 4 participations of 3 members; 9 hours. No-show: 2 → 1 of 5.
// Waitlisted on enrolling: 3 (promoted) and 5 (still waiting), both session 1.
// Ledger: committed 250 000 + 120 000 − 250 000 = 120 000; paid 250 000 − 10 000 = 240 000;
// budget 1 500 000 + 500 000 (23:30 on 31 December) = 2 000 000.
// Feedback: on 1 (4), 7 (3), 6 (5, 23:45 on 31 December, blank comment) → sum 12 of 3.
const expected2025H2: EvaluationFigures = {
  start: "2025-06-30T22:00:00.000Z",
  end: "2025-12-31T23:00:00.000Z",
  activities: {
    held: 2,
    heldByKind: [
      { kind: "in_house", label: kindLabels.in_house, count: 1 },
      { kind: "knowledge_session", label: kindLabels.knowledge_session, count: 1 },
      { kind: "individual", label: kindLabels.individual, count: 0 },
    ],
    cancelled: 0,
  },
  participation: {
    participations: 4,
    uniqueParticipants: 3,
    byRole: [
      role("political_principal", "Bestuurlijk opdrachtgever", 0, 0),
      role("official_principal", "Ambtelijk opdrachtgever", 0, 0),
      role("opgave_director", "Opgaveregisseur", 1, 1),
      role("steering_professional", "Sturingsprofessional", 0, 0),
      role("line_manager", "Lijnmanager", 0, 0),
      role("employee", "Medewerker", 3, 2),
    ],
    byDepartment: [
      {
        departmentId: 1,
        code: "BO",
        name: "Bedrijfsvoering",
        participations: 3,
        uniqueParticipants: 2,
      },
      {
        departmentId: 2,
        code: "RO",
        name: "Ruimtelijke ontwikkeling",
        participations: 1,
        uniqueParticipants: 1,
      },
      {
        departmentId: 3,
        code: "SD",
        name: "Sociaal domein",
        participations: 0,
        uniqueParticipants: 0,
      },
      {
        departmentId: null,
        code: null,
        name: "Onbekend",
        participations: 0,
        uniqueParticipants: 0,
      },
    ],
    trainingHours: 9,
  },
  noShowRate: { numerator: 1, denominator: 5, value: 0.2 },
  waitlist: { fullSessions: 1, peopleWaitlisted: 2, leftWaiting: 1 },
  spend: {
    committedCents: 120_000,
    actualCents: 240_000,
    byKind: [
      { kind: "in_house", label: "In-house opleiding", committedCents: 0, actualCents: 240_000 },
      { kind: "knowledge_session", label: "Kennissessie", committedCents: 0, actualCents: 0 },
      {
        kind: "individual",
        label: "Individuele verdiepende opleiding",
        committedCents: 120_000,
        actualCents: 0,
      },
      { kind: "other", label: "Overig", committedCents: 0, actualCents: 0 },
    ],
    budgetCents: 2_000_000,
    actualShareOfBudget: { numerator: 240_000, denominator: 2_000_000, value: 0.12 },
  },
  learningGoals: [
    {
      // Goal 2: sessions 1 and 2; m101, m103, m106; rated 4 (session 1), 3 and 5 (session 2);
      // named by the feedback on 7 and 6.
      id: 2,
      title: "Sturen op maatschappelijke opgaven",
      sessionsOffered: 2,
      participants: 3,
      rating: { sum: 12, count: 3, value: 4 },
      namedInFeedback: 2,
    },
    {
      // Goal 1: session 1; m101, m103; rated 4; named by the feedback on 1.
      id: 1,
      title: "Opgavegericht samenwerken",
      sessionsOffered: 1,
      participants: 2,
      rating: { sum: 4, count: 1, value: 4 },
      namedInFeedback: 1,
    },
    {
      // Goal 3: session 2; m101, m106; rated 3 and 5; named by the feedback on 7.
      id: 3,
      title: "Reflecteren op de eigen rol",
      sessionsOffered: 1,
      participants: 2,
      rating: { sum: 8, count: 2, value: 4 },
      namedInFeedback: 1,
    },
  ],
  rating: { sum: 12, count: 3, value: 4 },
  feedbackCount: 3,
  comments: [
    {
      courseTitle: "Opgavegericht werken in de praktijk",
      rating: 4,
      comment: "Veel geleerd over samenwerken met de wijk.",
      givenAt: "2025-09-16T10:00:00.000Z",
    },
  ],
};

describe("buildEvaluationReport", () => {
  const report = buildEvaluationReport(fullInput, { year: 2026, half: 1 });

  it("reports on the half-year asked for and the one before", () => {
    expect(report.halfYear).toEqual({ year: 2026, half: 1 });
    expect(report.previousHalfYear).toEqual({ year: 2025, half: 2 });
  });

  it.each([
    { name: "2026-H1 (current)", actual: () => report.current, expected: expected2026H1 },
    { name: "2025-H2 (previous)", actual: () => report.previous, expected: expected2025H2 },
  ])("every figure of $name", ({ actual, expected }) => {
    expect(actual()).toEqual(expected);
  });

  it("the previous half-year is computed exactly as if it were reported on itself", () => {
    expect(buildEvaluationReport(fullInput, { year: 2025, half: 2 }).current).toEqual(
      report.previous,
    );
    expect(figuresFor(fullInput, halfYearRange({ year: 2025, half: 2 }))).toEqual(expected2025H2);
  });

  it("adding rows dated in the following half-year changes nothing", () => {
    expect(buildEvaluationReport(earlierInput, { year: 2026, half: 1 })).toEqual(report);
  });

  it("the following half-year does see those rows", () => {
    // Session 7 (00:30 on 1 July) held with one attendance of 2 hours; feedback rated 5 and 1.
    const later = buildEvaluationReport(fullInput, { year: 2026, half: 2 }).current;
    expect(later.activities.held).toBe(1);
    expect(later.participation.participations).toBe(1);
    expect(later.participation.trainingHours).toBe(2);
    expect(later.rating).toEqual({ sum: 6, count: 2, value: 3 });
    // 1 500 000 + 500 000 + 200 000
    expect(later.spend.budgetCents).toBe(2_200_000);
    expect(later.spend.committedCents).toBe(300_000);
    expect(later.spend.actualCents).toBe(50_000);
  });

  it("never shows who gave a comment", () => {
    for (const comment of report.current.comments) {
      expect(Object.keys(comment).sort()).toEqual(["comment", "courseTitle", "givenAt", "rating"]);
    }
  });
});

describe("what counts as a participation", () => {
  const session: EvaluationSession = {
    id: 1,
    ...practice,
    startsAt: "2026-03-10T08:00:00.000Z",
    status: "held",
    capacity: 10,
  };
  const h1 = halfYearRange({ year: 2026, half: 1 });
  const base = { feedback: [], ledger: [], learningGoals, departments };

  // Rows the schema would refuse (attendance is only kept for confirmed enrolments), to show that
  // nothing but a confirmed, attended enrolment at a held session ever counts.
  it.each([
    { status: "rejected", attendance: "attended", sessionStatus: "held" },
    { status: "cancelled", attendance: "attended", sessionStatus: "held" },
    { status: "waitlisted", attendance: "attended", sessionStatus: "held" },
    { status: "requested", attendance: "attended", sessionStatus: "held" },
    { status: "confirmed", attendance: null, sessionStatus: "held" },
    { status: "confirmed", attendance: "attended", sessionStatus: "planned" },
    { status: "confirmed", attendance: "attended", sessionStatus: "cancelled" },
  ] as const)(
    "$status with attendance $attendance at a $sessionStatus session: none",
    ({ status, attendance, sessionStatus }) => {
      const figures = figuresFor(
        {
          ...base,
          sessions: [{ ...session, status: sessionStatus }],
          enrolments: [
            enrolment({
              id: 1,
              sessionId: 1,
              memberId: 101,
              ogwRole: "employee",
              departmentId: 1,
              status,
              attendance,
            }),
          ],
        },
        h1,
      );
      expect(figures.participation.participations).toBe(0);
      expect(figures.participation.uniqueParticipants).toBe(0);
      expect(figures.participation.trainingHours).toBe(0);
      expect(figures.learningGoals.map((goal) => goal.participants)).toEqual([0, 0, 0]);
    },
  );

  it("a confirmed, attended enrolment at a held session counts", () => {
    const figures = figuresFor(
      {
        ...base,
        sessions: [session],
        enrolments: [
          enrolment({
            id: 1,
            sessionId: 1,
            memberId: 101,
            ogwRole: "employee",
            departmentId: 1,
            attendance: "attended",
          }),
        ],
      },
      h1,
    );
    expect(figures.participation.participations).toBe(1);
    expect(figures.participation.trainingHours).toBe(3);
  });

  it("a department that is not in the list counts as Onbekend", () => {
    const figures = figuresFor(
      {
        ...base,
        sessions: [session],
        enrolments: [
          enrolment({
            id: 1,
            sessionId: 1,
            memberId: 101,
            ogwRole: "employee",
            departmentId: 99,
            attendance: "attended",
          }),
        ],
      },
      h1,
    );
    expect(figures.participation.byDepartment.at(-1)).toEqual({
      departmentId: null,
      code: null,
      name: "Onbekend",
      participations: 1,
      uniqueParticipants: 1,
    });
  });
});

describe("rating averages keep sum and count", () => {
  const h1 = halfYearRange({ year: 2026, half: 1 });
  const session: EvaluationSession = {
    id: 1,
    ...omgevingswet,
    startsAt: "2026-03-10T08:00:00.000Z",
    status: "held",
    capacity: 10,
  };

  it.each([
    { ratings: [], expected: { sum: 0, count: 0, value: null } },
    { ratings: [5], expected: { sum: 5, count: 1, value: 5 } },
    { ratings: [4, 5], expected: { sum: 9, count: 2, value: 4.5 } },
    // 5 / 3 = 1,666…
    { ratings: [1, 2, 2], expected: { sum: 5, count: 3, value: 5 / 3 } },
  ] as const)("$ratings", ({ ratings, expected }) => {
    const figures = figuresFor(
      {
        sessions: [session],
        enrolments: ratings.map((_, index) =>
          enrolment({
            id: index + 1,
            sessionId: 1,
            memberId: 100 + index,
            ogwRole: "employee",
            departmentId: 1,
            attendance: "attended",
          }),
        ),
        feedback: ratings.map((rating, index) => ({
          enrolmentId: index + 1,
          rating,
          learningGoalIds: [],
          comment: null,
          givenAt: "2026-03-11T08:00:00.000Z",
        })),
        ledger: [],
        learningGoals,
        departments,
      },
      h1,
    );
    expect(figures.rating).toEqual(expected);
    expect(figures.feedbackCount).toBe(ratings.length);
    // The session's course has goals 2 and 3, not 1 (the goals are listed 2, 1, 3).
    expect(figures.learningGoals.map((goal) => goal.rating)).toEqual([
      expected,
      { sum: 0, count: 0, value: null },
      expected,
    ]);
  });
});

describe("empty input", () => {
  const empty: ReportInput = {
    sessions: [],
    enrolments: [],
    feedback: [],
    ledger: [],
    learningGoals: [{ id: 1, title: "Opgavegericht samenwerken" }],
    departments: [],
  };
  const figures = buildEvaluationReport(empty, { year: 2026, half: 1 }).current;

  it("gives zeros and nulls", () => {
    expect(figures).toEqual({
      start: "2025-12-31T23:00:00.000Z",
      end: "2026-06-30T22:00:00.000Z",
      activities: {
        held: 0,
        heldByKind: [
          { kind: "in_house", label: kindLabels.in_house, count: 0 },
          { kind: "knowledge_session", label: kindLabels.knowledge_session, count: 0 },
          { kind: "individual", label: kindLabels.individual, count: 0 },
        ],
        cancelled: 0,
      },
      participation: {
        participations: 0,
        uniqueParticipants: 0,
        byRole: [
          role("political_principal", "Bestuurlijk opdrachtgever", 0, 0),
          role("official_principal", "Ambtelijk opdrachtgever", 0, 0),
          role("opgave_director", "Opgaveregisseur", 0, 0),
          role("steering_professional", "Sturingsprofessional", 0, 0),
          role("line_manager", "Lijnmanager", 0, 0),
          role("employee", "Medewerker", 0, 0),
        ],
        byDepartment: [
          {
            departmentId: null,
            code: null,
            name: "Onbekend",
            participations: 0,
            uniqueParticipants: 0,
          },
        ],
        trainingHours: 0,
      },
      noShowRate: { numerator: 0, denominator: 0, value: null },
      waitlist: { fullSessions: 0, peopleWaitlisted: 0, leftWaiting: 0 },
      spend: {
        committedCents: 0,
        actualCents: 0,
        byKind: [
          { kind: "in_house", label: "In-house opleiding", committedCents: 0, actualCents: 0 },
          { kind: "knowledge_session", label: "Kennissessie", committedCents: 0, actualCents: 0 },
          {
            kind: "individual",
            label: "Individuele verdiepende opleiding",
            committedCents: 0,
            actualCents: 0,
          },
          { kind: "other", label: "Overig", committedCents: 0, actualCents: 0 },
        ],
        budgetCents: 0,
        actualShareOfBudget: { numerator: 0, denominator: 0, value: null },
      },
      learningGoals: [
        {
          id: 1,
          title: "Opgavegericht samenwerken",
          sessionsOffered: 0,
          participants: 0,
          rating: { sum: 0, count: 0, value: null },
          namedInFeedback: 0,
        },
      ],
      rating: { sum: 0, count: 0, value: null },
      feedbackCount: 0,
      comments: [],
    } satisfies EvaluationFigures);
  });

  it("has no NaN anywhere", () => {
    const numbers: number[] = [];
    JSON.stringify(figures, (_key, value: unknown) => {
      if (typeof value === "number") numbers.push(value);
      return value;
    });
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.filter((value) => Number.isNaN(value))).toEqual([]);
  });
});

describe("compareFigure", () => {
  it.each([
    { current: 10, previous: 8, difference: 2 },
    { current: 4, previous: 6, difference: -2 },
    { current: 0, previous: 0, difference: 0 },
    { current: 3.5, previous: null, difference: null },
    { current: null, previous: 4, difference: null },
    { current: null, previous: null, difference: null },
  ])("$current against $previous", ({ current, previous, difference }) => {
    expect(compareFigure(current, previous)).toEqual({ current, previous, difference });
  });
});
