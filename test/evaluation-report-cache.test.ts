// The half-year evaluation's rows are cached per end, and every change to a table they come from
// moves report_generation (migration 0010), so a cached read is never older than the data.
import { describe, expect, it } from "vitest";
import { getDb, getSqlite } from "#db/client.server.ts";
import { loadReportInput } from "#app/models/evaluation-report.server.ts";
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
