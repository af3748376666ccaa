// The half-year evaluation's rows, and the report built from them, are cached per end, and every
// change to a table they come from moves report_generation (migration 0010), so a cached read is
// never older than the data.
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb, getSqlite } from "#db/client.server.ts";
import { formatHalfYear, halfYearOf } from "#app/domain/half-year.ts";
import { loadReportInput } from "#app/models/evaluation-report.server.ts";
import {
  evaluationCsv,
  evaluationPage,
  headlineFigures,
  loadEvaluationReport,
  reportClock,
} from "#app/utils/evaluation-report.server.ts";
import { createUser } from "#test/factories.ts";
import { createSession } from "#test/enrolment-fixtures.ts";

const end = new Date("2099-01-01T00:00:00.000Z");
const readTables = [
  "course_sessions",
  "courses",
  "course_learning_goals",
  "enrolments",
  "feedback",
  "feedback_learning_goals",
  "ledger_entries",
  "expenses",
  "learning_goals",
  "departments",
];

function generation(): number {
  return (
    getSqlite().prepare("SELECT generation FROM report_generation WHERE id = 1").get() as {
      generation: number;
    }
  ).generation;
}

describe("the cached half-year report rows", () => {
  it("are served again while nothing changed, and read afresh after a change", () => {
    const { session } = createSession({ capacity: 7 });
    const first = loadReportInput(getDb(), end);
    expect(loadReportInput(getDb(), end)).toBe(first);
    expect(first.sessions.find((row) => row.id === session.id)?.capacity).toBe(7);

    const before = generation();
    getSqlite().prepare("UPDATE course_sessions SET capacity = 9 WHERE id = ?").run(session.id);
    expect(generation()).toBeGreaterThan(before);

    const second = loadReportInput(getDb(), end);
    expect(second).not.toBe(first);
    expect(second.sessions.find((row) => row.id === session.id)?.capacity).toBe(9);
  });

  it("hold one row per end: another end is read on its own", () => {
    createSession();
    const later = loadReportInput(getDb(), end);
    const earlier = loadReportInput(getDb(), new Date("2000-01-01T00:00:00.000Z"));
    expect(earlier.sessions).toEqual([]);
    expect(loadReportInput(getDb(), end)).toBe(later);
  });

  it("move with every kind of change to every table the report reads", () => {
    const triggers = new Set(
      (
        getSqlite()
          .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?")
          .all("%_report_generation_%") as { name: string }[]
      ).map((row) => row.name),
    );
    for (const table of readTables) {
      // The ledger is append-only: inserts are the only change it allows.
      const events = table === "ledger_entries" ? ["insert"] : ["insert", "update", "delete"];
      for (const event of events) expect(triggers).toContain(`${table}_report_generation_${event}`);
    }
  });
});

describe("the cached half-year report", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function figure(key: string, halfYear: ReturnType<typeof halfYearOf>) {
    return headlineFigures(loadEvaluationReport(getDb(), halfYear)).find((row) => row.key === key)!;
  }

  it("is built once while nothing changes, and shows a changed figure at once", async () => {
    const startsAt = new Date("2031-03-10T09:00:00.000Z");
    const halfYear = halfYearOf(startsAt);
    const code = formatHalfYear(halfYear);
    const { session } = createSession({ now: startsAt, startsInHours: 0 });
    const db = getDb();

    const first = loadEvaluationReport(db, halfYear);
    expect(loadEvaluationReport(db, halfYear)).toBe(first);
    const page = evaluationPage(db, code, new Date("2031-09-01T12:00:00.000Z"));
    expect(evaluationPage(db, code, new Date("2031-09-01T12:00:00.000Z")).sections).toBe(
      page.sections,
    );
    const held = figure("activitiesHeld", halfYear).current!;

    // The session is held: one more activity, on the page, in the CSV and on the dashboard row.
    getSqlite().prepare("UPDATE course_sessions SET status = 'held' WHERE id = ?").run(session.id);
    const second = loadEvaluationReport(db, halfYear);
    expect(second).not.toBe(first);
    expect(figure("activitiesHeld", halfYear).current).toBe(held + 1);
    const after = evaluationPage(db, code, new Date("2031-09-01T12:00:00.000Z"));
    expect(after.sections).not.toBe(page.sections);
    const headline = (sections: typeof page.sections) =>
      sections[0]!.tables[0]!.rows.find((row) => row.key === "activitiesHeld")!.current;
    expect(headline(after.sections)).toBe(held + 1);
    expect(evaluationCsv(second)).toContain(`Activiteiten gehouden;${held + 1};`);

    // An attended participant: a figure from another table moves as well.
    const member = await createUser({ appRole: "member" });
    const participations = figure("participations", halfYear).current!;
    getSqlite()
      .prepare(
        `INSERT INTO enrolments
           (session_id, member_id, status, initial_status, ogw_role, attendance, enrolled_at)
         VALUES (?, ?, 'confirmed', 'confirmed', 'employee', 'attended', ?)`,
      )
      .run(session.id, member.id, "2031-03-01T09:00:00.000Z");
    expect(figure("participations", halfYear).current).toBe(participations + 1);
  });

  it("does not depend on the clock: the same figures whenever the half-year is asked for", () => {
    const halfYear = { year: 2031, half: 1 } as const;
    const code = formatHalfYear(halfYear);
    const during = evaluationPage(getDb(), code, new Date("2031-04-01T12:00:00.000Z"));
    const after = evaluationPage(getDb(), code, new Date("2032-04-01T12:00:00.000Z"));
    // What does depend on the clock is worked out per request, beside the cached sections.
    expect(during.ongoing).toBe(true);
    expect(after.ongoing).toBe(false);
    expect(after.sections).toBe(during.sections);
    vi.spyOn(reportClock, "now").mockReturnValue(new Date("2033-01-01T00:00:00.000Z"));
    expect(evaluationPage(getDb(), code).sections).toBe(during.sections);
  });
});
