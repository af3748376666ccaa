// The half-yearly evaluation against real rows: the loader gives the domain exactly the rows of the
// time, a finished half-year's report does not move when later data arrives, the page picks and
// explains the half-year, only report viewers get in, and the downloads read back as the figures.
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client.server.ts";
import {
  budgets,
  courseLearningGoals,
  courseSessions,
  enrolments,
  expenses,
  feedback,
  feedbackLearningGoals,
  learningGoals,
  ledgerEntries,
  type ExpenseKind,
  type LedgerEntryType,
} from "#db/schema.ts";
import { EvaluationReportView } from "#app/components/evaluation-report.tsx";
import { buildEvaluationReport, type ReportInput } from "#app/domain/evaluation-report.ts";
import { halfYearFormatMessage, type HalfYear } from "#app/domain/half-year.ts";
import { formatEuro } from "#app/domain/money.ts";
import type { OgwRole } from "#app/domain/roles.ts";
import type { User } from "#app/models/users.server.ts";
import * as pageRoute from "#app/routes/rapportages._index.tsx";
import * as csvRoute from "#app/routes/rapportages.$halfjaar[.]csv.tsx";
import * as xlsxRoute from "#app/routes/rapportages.$halfjaar[.]xlsx.tsx";
import * as dashboardRoute from "#app/routes/_index.tsx";
import { EURO_FORMAT } from "#app/utils/budget-export.server.ts";
import {
  evaluationCsv,
  loadEvaluationReport,
  reportClock,
  type EvaluationPageData,
} from "#app/utils/evaluation-report.server.ts";
import { createSession } from "#test/enrolment-fixtures.ts";
import {
  appRequest,
  createUser,
  ensureDepartment,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
} from "#test/factories.ts";

// 2025-H2 = [2025-06-30T22:00Z, 2025-12-31T23:00Z) is reported on, 2025-H1 is its previous
// half-year, and everything added "later" is dated in 2026-H1.
const H2_2025: HalfYear = { year: 2025, half: 2 };
const H1_2026: HalfYear = { year: 2026, half: 1 };

type Fixture = Awaited<ReturnType<typeof buildDataset>>;
let data: Fixture;

function insertGoal(slug: string, title: string, sortOrder: number): number {
  return getDb()
    .insert(learningGoals)
    .values({ slug, title, description: `${title}.`, sortOrder })
    .returning({ id: learningGoals.id })
    .get().id;
}

/** A course with the given goals and one session starting at `startsAt` (3 hours, like every fixture). */
function sessionAt(
  startsAt: string,
  options: {
    kind: "in_house" | "knowledge_session" | "individual";
    title: string;
    goals: number[];
    capacity?: number;
    status?: "held" | "cancelled" | "planned";
  },
) {
  const { course, session } = createSession({
    kind: options.kind,
    title: options.title,
    capacity: options.capacity ?? 10,
    now: new Date(startsAt),
    startsInHours: 0,
  });
  const db = getDb();
  // The fixture makes a course without goals; the goals are what the report measures against.
  if (options.goals.length > 0) {
    db.insert(courseLearningGoals)
      .values(options.goals.map((learningGoalId) => ({ courseId: course.id, learningGoalId })))
      .run();
  }
  if (options.status && options.status !== "planned") {
    db.update(courseSessions)
      .set({
        status: options.status,
        cancelReason: options.status === "cancelled" ? "Te weinig aanmeldingen" : null,
      })
      .where(eq(courseSessions.id, session.id))
      .run();
  }
  return { courseId: course.id, courseTitle: course.title, sessionId: session.id, startsAt };
}

function enrol(
  sessionId: number,
  member: User,
  row: {
    ogwRole: OgwRole;
    departmentId: number | null;
    status?: "confirmed" | "waitlisted" | "cancelled";
    attendance?: "attended" | "no_show" | null;
    initialStatus?: "confirmed" | "waitlisted";
    promotedAt?: string | null;
    enrolledAt: string;
  },
): number {
  return getDb()
    .insert(enrolments)
    .values({
      sessionId,
      memberId: member.id,
      ogwRole: row.ogwRole,
      departmentId: row.departmentId,
      status: row.status ?? "confirmed",
      attendance: row.attendance ?? null,
      initialStatus: row.initialStatus ?? "confirmed",
      promotedAt: row.promotedAt ?? null,
      enrolledAt: row.enrolledAt,
      cancelledAt: row.status === "cancelled" ? row.enrolledAt : null,
    })
    .returning({ id: enrolments.id })
    .get().id;
}

function giveFeedback(
  enrolmentId: number,
  rating: 1 | 2 | 3 | 4 | 5,
  givenAt: string,
  goals: number[],
  comment: string | null = null,
) {
  const db = getDb();
  const row = db
    .insert(feedback)
    .values({ enrolmentId, rating, comment, givenAt })
    .returning({ id: feedback.id })
    .get();
  if (goals.length > 0) {
    db.insert(feedbackLearningGoals)
      .values(goals.map((learningGoalId) => ({ feedbackId: row.id, learningGoalId })))
      .run();
  }
  return { enrolmentId, rating, comment, givenAt, learningGoalIds: goals };
}

function book(
  budgetId: number,
  type: LedgerEntryType,
  amountCents: number,
  at: string,
  expense: { id: number; kind: ExpenseKind } | null = null,
) {
  getDb()
    .insert(ledgerEntries)
    .values({ budgetId, expenseId: expense?.id ?? null, type, amountCents, reason: "Test", at })
    .run();
  return { at, type, amountCents, expenseKind: expense?.kind ?? null };
}

function expense(budgetId: number, requester: User, kind: ExpenseKind, requestedAt: string) {
  const row = getDb()
    .insert(expenses)
    .values({
      budgetId,
      description: `Uitgave ${kind}`,
      supplier: "Opleider BV",
      kind,
      amountCents: 200_000,
      requestedById: requester.id,
      status: "approved",
      requestedAt,
    })
    .returning({ id: expenses.id })
    .get();
  return { id: row.id, kind };
}

async function buildDataset() {
  const db = getDb();
  const goalScoping = insertGoal("opgave-afbakenen", "Een opgave afbakenen", 1);
  const goalActors = insertGoal("actoren-in-kaart", "Actoren in kaart brengen", 2);
  const mo = ensureDepartment("MO/MB", "Maatschappelijke Ontwikkeling");
  const oov = ensureDepartment("OOV", "Openbare Orde en Veiligheid");

  const coordinator = await createUser({ appRole: "coordinator" });
  const hr = await createUser({ appRole: "hr" });
  const admin = await createUser({ appRole: "admin" });
  const member = await createUser({ appRole: "member" });
  const people = await Promise.all([1, 2, 3, 4, 5].map(() => createUser()));
  const [m1, m2, m3, m4, m5] = people as [User, User, User, User, User];

  // 2025-H1 (the previous half-year)
  const s1 = sessionAt("2025-03-10T09:00:00.000Z", {
    kind: "in_house",
    title: "Opgavegericht werken in de praktijk",
    goals: [goalScoping],
    status: "held",
  });
  // 2025-H2 (the half-year reported on)
  const s2 = sessionAt("2025-09-15T08:00:00.000Z", {
    kind: "knowledge_session",
    title: "Kennissessie actorenanalyse",
    goals: [goalScoping, goalActors],
    capacity: 2,
    status: "held",
  });
  const s3 = sessionAt("2025-10-20T08:00:00.000Z", {
    kind: "in_house",
    title: "Een opgaveplan schrijven",
    goals: [goalActors],
    status: "held",
  });
  const s4 = sessionAt("2025-11-05T09:00:00.000Z", {
    kind: "individual",
    title: "Leergang bestuurskunde",
    goals: [goalActors],
    capacity: 1,
    status: "cancelled",
  });

  const e = {
    s1m1: enrol(s1.sessionId, m1, {
      ogwRole: "employee",
      departmentId: mo,
      attendance: "attended",
      enrolledAt: "2025-02-01T10:00:00.000Z",
    }),
    s1m2: enrol(s1.sessionId, m2, {
      ogwRole: "line_manager",
      departmentId: oov,
      attendance: "attended",
      enrolledAt: "2025-02-02T10:00:00.000Z",
    }),
    s2m1: enrol(s2.sessionId, m1, {
      ogwRole: "employee",
      departmentId: mo,
      attendance: "attended",
      enrolledAt: "2025-08-01T10:00:00.000Z",
    }),
    s2m2: enrol(s2.sessionId, m2, {
      ogwRole: "line_manager",
      departmentId: oov,
      attendance: "no_show",
      enrolledAt: "2025-08-02T10:00:00.000Z",
    }),
    s2m4: enrol(s2.sessionId, m4, {
      ogwRole: "steering_professional",
      departmentId: null,
      status: "cancelled",
      enrolledAt: "2025-08-03T10:00:00.000Z",
    }),
    // Put on the waitlist, then given m4's place.
    s2m3: enrol(s2.sessionId, m3, {
      ogwRole: "opgave_director",
      departmentId: mo,
      attendance: "attended",
      initialStatus: "waitlisted",
      promotedAt: "2025-09-01T10:00:00.000Z",
      enrolledAt: "2025-08-04T10:00:00.000Z",
    }),
    // Still waiting when the session was held.
    s2m5: enrol(s2.sessionId, m5, {
      ogwRole: "employee",
      departmentId: oov,
      status: "waitlisted",
      initialStatus: "waitlisted",
      enrolledAt: "2025-08-05T10:00:00.000Z",
    }),
    s3m1: enrol(s3.sessionId, m1, {
      ogwRole: "employee",
      departmentId: mo,
      attendance: "attended",
      enrolledAt: "2025-10-01T10:00:00.000Z",
    }),
    s3m4: enrol(s3.sessionId, m4, {
      ogwRole: "steering_professional",
      departmentId: null,
      attendance: "attended",
      enrolledAt: "2025-10-02T10:00:00.000Z",
    }),
    s4m2: enrol(s4.sessionId, m2, {
      ogwRole: "line_manager",
      departmentId: oov,
      status: "cancelled",
      enrolledAt: "2025-10-03T10:00:00.000Z",
    }),
  };

  const feedbackRows = [
    giveFeedback(
      e.s1m1,
      3,
      "2025-03-15T12:00:00.000Z",
      [goalScoping],
      "Te kort voor zo'n groot onderwerp.",
    ),
    giveFeedback(
      e.s2m1,
      4,
      "2025-09-20T12:00:00.000Z",
      [goalScoping],
      "Heel leerzaam, vooral de casus van de Oostermeent.",
    ),
    giveFeedback(e.s3m4, 5, "2025-10-25T12:00:00.000Z", [goalScoping, goalActors]),
  ];

  const budgetId = db
    .insert(budgets)
    .values({
      name: "Opleidingsbudget Gilde OGW",
      fundingSource: "Incidentele middelen",
      decisionDate: "2023-01-31",
      decisionReference: "Z.180338 / D.1436779",
      startDate: "2023-02-01",
      endDate: "2027-12-31",
    })
    .returning({ id: budgets.id })
    .get().id;
  const trainer = expense(budgetId, coordinator, "in_house", "2025-07-15T09:00:00.000Z");
  const course = expense(budgetId, coordinator, "individual", "2025-03-20T09:00:00.000Z");
  const ledger = [
    book(budgetId, "allocation", 1_500_000, "2025-01-15T09:00:00.000Z"),
    book(budgetId, "commitment", 50_000, "2025-04-01T09:00:00.000Z", course),
    book(budgetId, "commitment", 200_000, "2025-08-01T09:00:00.000Z", trainer),
    book(budgetId, "release", 200_000, "2025-10-01T09:00:00.000Z", trainer),
    book(budgetId, "actual", 180_000, "2025-10-01T09:00:00.000Z", trainer),
  ];

  // The rows as the domain should receive them, written out by hand.
  const sessionRow = (
    s: ReturnType<typeof sessionAt>,
    kind: "in_house" | "knowledge_session" | "individual",
    status: "held" | "cancelled",
    capacity: number,
    learningGoalIds: number[],
  ) => ({
    id: s.sessionId,
    courseId: s.courseId,
    courseTitle: s.courseTitle,
    kind,
    startsAt: s.startsAt,
    status,
    capacity,
    durationHours: 3,
    learningGoalIds,
  });
  const enrolmentRow = (
    id: number,
    sessionId: number,
    member: User,
    rest: Omit<ReportInput["enrolments"][number], "id" | "sessionId" | "memberId">,
  ) => ({ id, sessionId, memberId: member.id, ...rest });
  const plain = { initialStatus: "confirmed", promotedAt: null } as const;
  const input: ReportInput = {
    sessions: [
      sessionRow(s1, "in_house", "held", 10, [goalScoping]),
      sessionRow(s2, "knowledge_session", "held", 2, [goalScoping, goalActors]),
      sessionRow(s3, "in_house", "held", 10, [goalActors]),
      sessionRow(s4, "individual", "cancelled", 1, [goalActors]),
    ],
    enrolments: [
      enrolmentRow(e.s1m1, s1.sessionId, m1, {
        ogwRole: "employee",
        departmentId: mo,
        status: "confirmed",
        attendance: "attended",
        ...plain,
      }),
      enrolmentRow(e.s1m2, s1.sessionId, m2, {
        ogwRole: "line_manager",
        departmentId: oov,
        status: "confirmed",
        attendance: "attended",
        ...plain,
      }),
      enrolmentRow(e.s2m1, s2.sessionId, m1, {
        ogwRole: "employee",
        departmentId: mo,
        status: "confirmed",
        attendance: "attended",
        ...plain,
      }),
      enrolmentRow(e.s2m2, s2.sessionId, m2, {
        ogwRole: "line_manager",
        departmentId: oov,
        status: "confirmed",
        attendance: "no_show",
        ...plain,
      }),
      enrolmentRow(e.s2m4, s2.sessionId, m4, {
        ogwRole: "steering_professional",
        departmentId: null,
        status: "cancelled",
        attendance: null,
        ...plain,
      }),
      enrolmentRow(e.s2m3, s2.sessionId, m3, {
        ogwRole: "opgave_director",
        departmentId: mo,
        status: "confirmed",
        attendance: "attended",
        initialStatus: "waitlisted",
        promotedAt: "2025-09-01T10:00:00.000Z",
      }),
      enrolmentRow(e.s2m5, s2.sessionId, m5, {
        ogwRole: "employee",
        departmentId: oov,
        status: "waitlisted",
        attendance: null,
        initialStatus: "waitlisted",
        promotedAt: null,
      }),
      enrolmentRow(e.s3m1, s3.sessionId, m1, {
        ogwRole: "employee",
        departmentId: mo,
        status: "confirmed",
        attendance: "attended",
        ...plain,
      }),
      enrolmentRow(e.s3m4, s3.sessionId, m4, {
        ogwRole: "steering_professional",
        departmentId: null,
        status: "confirmed",
        attendance: "attended",
        ...plain,
      }),
      enrolmentRow(e.s4m2, s4.sessionId, m2, {
        ogwRole: "line_manager",
        departmentId: oov,
        status: "cancelled",
        attendance: null,
        ...plain,
      }),
    ],
    feedback: feedbackRows,
    ledger,
    learningGoals: [
      { id: goalScoping, title: "Een opgave afbakenen" },
      { id: goalActors, title: "Actoren in kaart brengen" },
    ],
    // By code; both were entered "today", after 2025-H2, but enrolments of the time refer to them.
    departments: [
      { id: mo, code: "MO/MB", name: "Maatschappelijke Ontwikkeling" },
      { id: oov, code: "OOV", name: "Openbare Orde en Veiligheid" },
    ],
  };

  const cookies = {
    coordinator: sessionCookieFor(coordinator.id),
    hr: sessionCookieFor(hr.id),
    admin: sessionCookieFor(admin.id),
    member: sessionCookieFor(member.id),
  };
  return {
    input,
    cookies,
    people,
    budgetId,
    goals: { goalScoping, goalActors },
    mo,
    oov,
    coordinator,
  };
}

/** Sessions, enrolments, feedback and ledger entries dated in 2026-H1, after 2025-H2 ended. */
function addLaterData(dataset: Fixture) {
  const [m1, m2, m3] = dataset.people as [User, User, User];
  const later = sessionAt("2026-02-10T09:00:00.000Z", {
    kind: "knowledge_session",
    title: "Kennissessie capaciteit vrijmaken",
    goals: [dataset.goals.goalScoping],
    capacity: 1,
    status: "held",
  });
  const attended = enrol(later.sessionId, m1, {
    ogwRole: "employee",
    departmentId: dataset.mo,
    attendance: "attended",
    enrolledAt: "2026-01-20T10:00:00.000Z",
  });
  enrol(later.sessionId, m2, {
    ogwRole: "line_manager",
    departmentId: dataset.oov,
    status: "waitlisted",
    initialStatus: "waitlisted",
    enrolledAt: "2026-01-21T10:00:00.000Z",
  });
  giveFeedback(attended, 1, "2026-02-11T12:00:00.000Z", [dataset.goals.goalScoping], "Later.");
  // Feedback given in 2026 on a session of 2025: it belongs to 2026-H1, when it was given.
  const s2m3 = getDb()
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(eq(enrolments.memberId, m3.id))
    .get()!.id;
  giveFeedback(
    s2m3,
    2,
    "2026-01-05T12:00:00.000Z",
    [dataset.goals.goalActors],
    "Laat, maar eerlijk.",
  );
  const extra = expense(
    dataset.budgetId,
    dataset.coordinator,
    "knowledge_session",
    "2026-01-10T09:00:00.000Z",
  );
  book(dataset.budgetId, "allocation", 500_000, "2026-01-02T09:00:00.000Z");
  book(dataset.budgetId, "commitment", 75_000, "2026-01-15T09:00:00.000Z", extra);
  book(dataset.budgetId, "actual", 60_000, "2026-03-01T09:00:00.000Z", extra);
  // A department set up in 2026 and used only then.
  const newDepartment = ensureDepartment("OW", "Omgevingswet");
  enrol(later.sessionId, m3, {
    ogwRole: "opgave_director",
    departmentId: newDepartment,
    status: "cancelled",
    enrolledAt: "2026-01-22T10:00:00.000Z",
  });
}

async function loadPage(query: string, cookie: string | undefined) {
  return settle(() =>
    pageRoute.loader({
      request: appRequest(`/rapportages${query}`, { cookie }),
      params: {},
      context: testContext,
    }),
  );
}

async function download(
  route: typeof csvRoute | typeof xlsxRoute,
  halfjaar: string,
  cookie: string,
) {
  const extension = route === csvRoute ? "csv" : "xlsx";
  return settle(() =>
    route.loader({
      request: appRequest(`/rapportages/${halfjaar}.${extension}`, { cookie }),
      params: { halfjaar },
      context: testContext,
    }),
  );
}

function pretendItIs(iso: string) {
  vi.spyOn(reportClock, "now").mockReturnValue(new Date(iso));
}

beforeAll(async () => {
  data = await buildDataset();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("loadEvaluationReport", () => {
  it("gives the figures the domain gives on the same rows", () => {
    const report = loadEvaluationReport(getDb(), H2_2025);
    expect(report).toEqual(buildEvaluationReport(data.input, H2_2025));
  });

  it("counts what happened in 2025-H2, worked out by hand", () => {
    const { current, previous } = loadEvaluationReport(getDb(), H2_2025);
    // Held: S2 (knowledge session) and S3 (in-house); S4 was cancelled.
    expect(current.activities.held).toBe(2);
    expect(current.activities.cancelled).toBe(1);
    // Attended: S2 by m1 and m3, S3 by m1 and m4 → 4 participations by 3 people, 3 hours each.
    expect(current.participation.participations).toBe(4);
    expect(current.participation.uniqueParticipants).toBe(3);
    expect(current.participation.trainingHours).toBe(12);
    // m4 kept no department on the enrolment: "Onbekend".
    expect(current.participation.byDepartment.map((row) => [row.name, row.participations])).toEqual(
      [
        ["Maatschappelijke Ontwikkeling", 3],
        ["Openbare Orde en Veiligheid", 0],
        ["Onbekend", 1],
      ],
    );
    // m2 did not show up at S2: 1 of 5 registered.
    expect(current.noShowRate).toEqual({ numerator: 1, denominator: 5, value: 0.2 });
    // S2 was full: m3 and m5 were put on the waitlist; m5 never got a place.
    expect(current.waitlist).toEqual({ fullSessions: 1, peopleWaitlisted: 2, leftWaiting: 1 });
    // Commitment € 2.000 released again, € 1.800 paid, against a budget of € 15.000.
    expect(current.spend.committedCents).toBe(0);
    expect(current.spend.actualCents).toBe(180_000);
    expect(current.spend.budgetCents).toBe(1_500_000);
    expect(current.spend.actualShareOfBudget.value).toBeCloseTo(0.12);
    // Ratings 4 and 5 in 2025-H2, 3 in 2025-H1.
    expect(current.rating.value).toBe(4.5);
    expect(previous.rating.value).toBe(3);
    expect(previous.spend.committedCents).toBe(50_000);
    expect(current.comments.map((comment) => comment.comment)).toEqual([
      "Heel leerzaam, vooral de casus van de Oostermeent.",
    ]);
  });

  it("keeps a finished half-year's report the same when later rows are added", () => {
    const before = loadEvaluationReport(getDb(), H2_2025);
    const csvBefore = evaluationCsv(before);
    const laterBefore = loadEvaluationReport(getDb(), H1_2026);

    addLaterData(data);

    const after = loadEvaluationReport(getDb(), H2_2025);
    expect(after).toEqual(before);
    expect(evaluationCsv(after)).toBe(csvBefore);
    // The later rows did arrive: the next half-year's report counts them.
    const laterAfter = loadEvaluationReport(getDb(), H1_2026);
    expect(laterAfter.current.activities.held).toBe(laterBefore.current.activities.held + 1);
    expect(laterAfter.current.feedbackCount).toBe(2);
    expect(laterAfter.current.spend.budgetCents).toBe(2_000_000);
    expect(laterAfter.current.participation.byDepartment.map((row) => row.code)).toContain("OW");
  });
});

describe("/rapportages", () => {
  it("shows the last completed half-year by default", async () => {
    pretendItIs("2026-02-15T10:00:00.000Z");
    const result = await loadPage("", data.cookies.coordinator);
    expect(statusOf(result)).toBe(200);
    const page = result.value as EvaluationPageData;
    expect(page.halfYear).toBe("2025-H2");
    expect(page.previousHalfYear).toBe("2025-H1");
    expect(page.title).toBe("Halfjaarevaluatie tweede halfjaar 2025");
    expect(page.ongoing).toBe(false);
    // From the guild's start to the current half-year, newest first, the current one marked.
    expect(page.options.map((option) => option.value)).toEqual([
      "2026-H1",
      "2025-H2",
      "2025-H1",
      "2024-H2",
      "2024-H1",
      "2023-H2",
      "2023-H1",
    ]);
    expect(page.options[0]!.label).toBe("2026-H1: eerste halfjaar 2026 (loopt nog)");
    expect(page.downloads).toEqual({
      xlsx: "/rapportages/2025-H2.xlsx",
      csv: "/rapportages/2025-H2.csv",
    });
  });

  it("shows the headline figures as tiles next to the previous half-year", async () => {
    pretendItIs("2026-02-15T10:00:00.000Z");
    const page = (await loadPage("?halfjaar=2025-H2", data.cookies.hr)).value as EvaluationPageData;
    const headline = page.sections.find((section) => section.id === "kerncijfers")!.tables[0]!.rows;
    expect(headline.map((row) => [row.label, row.current, row.previous, row.difference])).toEqual([
      ["Activiteiten gehouden", 2, 1, 1],
      ["Unieke deelnemers", 3, 2, 1],
      ["Deelnames", 4, 2, 2],
      ["Opleidingsuren", 12, 6, 6],
      ["No-showpercentage", 0.2, 0, 0.2],
      ["Gemiddelde waardering", 4.5, 3, 1.5],
      ["Gerealiseerde uitgaven", 180_000, 0, 180_000],
    ]);
    const html = renderToStaticMarkup(createElement(EvaluationReportView, { data: page }));
    expect(html).toContain('<label for="halfjaar">Halfjaar</label>');
    expect(html).toContain('<a href="/rapportages/2025-H2.xlsx">Download XLSX</a>');
    expect(html).toContain('<a href="/rapportages/2025-H2.csv">Download CSV</a>');
    expect(html).toContain('<dt class="figure-tile__label">Gerealiseerde uitgaven</dt>');
    expect(html).toContain(`<dd class="figure-tile__value">${formatEuro(180_000)}</dd>`);
    expect(html).toContain("Heel leerzaam, vooral de casus van de Oostermeent.");
    // Every section is a heading of its own; the charts carry a title and sit by their table.
    for (const title of ["Kerncijfers", "Activiteiten", "Deelname", "Uitgaven", "Leerdoelen"]) {
      expect(html).toContain(`>${title}</h2>`);
    }
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="grafiek-activiteiten-titel/);
    expect(html).not.toContain("style=");
  });

  it("answers a half-year that does not exist with the Dutch message next to the field", async () => {
    pretendItIs("2026-02-15T10:00:00.000Z");
    const result = await loadPage("?halfjaar=2023-H3", data.cookies.admin);
    expect(statusOf(result)).toBe(200);
    const page = result.value as EvaluationPageData;
    expect(page.error).toBe(halfYearFormatMessage);
    expect(page.rejected).toBe("2023-H3");
    // The default report is shown instead.
    expect(page.halfYear).toBe("2025-H2");
    const html = renderToStaticMarkup(createElement(EvaluationReportView, { data: page }));
    const field = html.slice(html.indexOf('<div class="field">'), html.indexOf("</select>") + 300);
    expect(field).toContain('aria-invalid="true"');
    expect(field).toContain('aria-describedby="halfjaar-fout"');
    expect(field).toContain(
      `<div id="halfjaar-fout" class="field-error"><p>‘2023-H3’ is geen halfjaar. ${halfYearFormatMessage}</p></div>`,
    );
  });

  it("accepts any valid half-year in the address, also one outside the list", async () => {
    pretendItIs("2026-02-15T10:00:00.000Z");
    const page = (await loadPage("?halfjaar=2030-h1", data.cookies.coordinator))
      .value as EvaluationPageData;
    expect(page.error).toBeNull();
    expect(page.halfYear).toBe("2030-H1");
    expect(page.notStarted).toBe(true);
    expect(page.options[0]).toEqual({
      value: "2030-H1",
      label: "2030-H1: eerste halfjaar 2030 (nog niet begonnen)",
    });
  });

  it("is closed to members and sends anonymous visitors to sign in", async () => {
    expect(statusOf(await loadPage("", data.cookies.member))).toBe(403);
    expect(statusOf(await download(csvRoute, "2025-H2", data.cookies.member))).toBe(403);
    expect(statusOf(await download(xlsxRoute, "2025-H2", data.cookies.member))).toBe(403);
    const anonymous = await loadPage("?halfjaar=2025-H2", undefined);
    expect(statusOf(anonymous)).toBe(302);
  });
});

describe("the dashboard", () => {
  it("shows report viewers a few figures of the current half-year, and members none", async () => {
    const call = (cookie: string) =>
      settle(() =>
        dashboardRoute.loader({
          request: appRequest("/", { cookie }),
          params: {},
          context: testContext,
        }),
      );
    const asHr = (await call(data.cookies.hr)).value as Awaited<
      ReturnType<typeof dashboardRoute.loader>
    >;
    expect(asHr.halfYear?.figures.map((figure) => figure.label)).toEqual([
      "Activiteiten gehouden",
      "Unieke deelnemers",
      "Deelnames",
      "Gemiddelde waardering",
    ]);
    const asMember = (await call(data.cookies.member)).value as Awaited<
      ReturnType<typeof dashboardRoute.loader>
    >;
    expect(asMember.halfYear).toBeNull();
  });
});

describe("the downloads", () => {
  it("gives an XLSX with one sheet per section whose figures read back as numbers", async () => {
    const result = await download(xlsxRoute, "2025-H2", data.cookies.hr);
    expect(statusOf(result)).toBe(200);
    const response = result.response!;
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="evaluatie-2025-H2.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Kerncijfers",
      "Activiteiten",
      "Deelname",
      "Opkomst en wachtlijst",
      "Uitgaven",
      "Leerdoelen",
      "Opmerkingen",
    ]);
    const headline = workbook.getWorksheet("Kerncijfers")!;
    expect(headline.getRow(1).values).toEqual([
      undefined,
      "Cijfer",
      "2025-H2",
      "2025-H1",
      "Verschil",
    ]);
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      headline.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      return found!;
    };
    const spend = rowOf("Gerealiseerde uitgaven");
    expect(spend.getCell(2).value).toBe(1800);
    expect(spend.getCell(2).numFmt).toBe(EURO_FORMAT);
    expect(rowOf("Unieke deelnemers").getCell(2).value).toBe(3);
    expect(rowOf("No-showpercentage").getCell(2).value).toBe(0.2);
    const comments = workbook.getWorksheet("Opmerkingen")!;
    expect(comments.getRow(2).getCell(4).value).toBe(
      "Heel leerzaam, vooral de casus van de Oostermeent.",
    );
  });

  it("gives a CSV with every section under its title, for Dutch Excel", async () => {
    const result = await download(csvRoute, "2025-H2", data.cookies.coordinator);
    expect(statusOf(result)).toBe(200);
    const response = result.response!;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="evaluatie-2025-H2.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(new TextDecoder().decode(bytes), {
      delimiter: ";",
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
    const firstCells = rows.map((row) => row[0]);
    for (const title of [
      "Kerncijfers",
      "Activiteiten",
      "Deelname",
      "Opkomst en wachtlijst",
      "Uitgaven",
      "Leerdoelen",
      "Opmerkingen van deelnemers",
    ]) {
      expect(firstCells).toContain(title);
    }
    expect(rows.find((row) => row[0] === "Opleidingsuren")).toEqual([
      "Opleidingsuren",
      "12",
      "6",
      "6",
    ]);
    expect(rows.find((row) => row[0] === "Gerealiseerde uitgaven")).toEqual([
      "Gerealiseerde uitgaven",
      "1800,00",
      "0,00",
      "1800,00",
    ]);
    expect(rows.find((row) => row[0] === "No-showpercentage")).toEqual([
      "No-showpercentage",
      "20%",
      "0%",
      "20%",
    ]);
  });

  it("answers a half-year that does not exist with 404 and the Dutch message", async () => {
    for (const route of [csvRoute, xlsxRoute]) {
      const result = await download(route, "2023-H3", data.cookies.admin);
      expect(statusOf(result)).toBe(404);
      expect(await result.response!.text()).toBe(halfYearFormatMessage);
    }
  });
});
