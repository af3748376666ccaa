import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import {
  courseLearningGoals,
  courses,
  courseSessions,
  courseTargetRoles,
  learningGoals,
} from "#db/schema.ts";
import { seedCatalogue } from "#db/seed-catalogue.ts";

const counts = () => {
  const db = getDb();
  return {
    learningGoals: db.select().from(learningGoals).all().length,
    courses: db.select().from(courses).all().length,
    roles: db.select().from(courseTargetRoles).all().length,
    goals: db.select().from(courseLearningGoals).all().length,
    sessions: db.select().from(courseSessions).all().length,
  };
};

describe("seedCatalogue with the shipped content", () => {
  const now = new Date("2026-02-02T10:00:00Z");

  it("fills the catalogue once and adds nothing when run again", () => {
    const first = seedCatalogue(now);
    const afterFirst = counts();
    expect(first.coursesCreated).toBe(afterFirst.courses);
    expect(first.sessionsCreated).toBe(afterFirst.sessions);
    expect(afterFirst.courses).toBeGreaterThanOrEqual(10);
    expect(afterFirst.learningGoals).toBeGreaterThanOrEqual(6);

    // A day later, as a re-seed on a running portal would be.
    const second = seedCatalogue(new Date(now.getTime() + 86_400_000));
    expect(second).toMatchObject({ coursesCreated: 0, sessionsCreated: 0 });
    expect(counts()).toEqual(afterFirst);
  });

  it("covers all three kinds, with sessions in the past (held) and in the future (planned)", () => {
    seedCatalogue(now);
    const db = getDb();
    const kinds = new Set(
      db
        .select({ kind: courses.kind })
        .from(courses)
        .all()
        .map((row) => row.kind),
    );
    expect([...kinds].sort()).toEqual(["in_house", "individual", "knowledge_session"]);

    const sessions = db.select().from(courseSessions).all();
    const past = sessions.filter((session) => session.startsAt < now.toISOString());
    const future = sessions.filter((session) => session.startsAt > now.toISOString());
    expect(past.length).toBeGreaterThan(0);
    expect(future.length).toBeGreaterThan(past.length);
    expect(
      past.every((session) => session.status === "held" || session.status === "cancelled"),
    ).toBe(true);
    expect(future.filter((session) => session.status === "planned").length).toBeGreaterThan(0);
    for (const session of sessions) {
      expect(session.enrolmentDeadline <= session.startsAt, String(session.id)).toBe(true);
      expect(session.endsAt > session.startsAt, String(session.id)).toBe(true);
    }
  });
});

describe("seedCatalogue on a content folder of its own", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gilde-seed-catalogue-"));
  const dirs = { learningGoals: path.join(root, "goals"), courses: path.join(root, "courses") };
  fs.mkdirSync(dirs.learningGoals);
  fs.mkdirSync(dirs.courses);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const goalFile = (title: string) =>
    `---\ntitle: ${title}\norder: 1\n---\n\nOmschrijving van het doel.\n`;
  const courseFile = [
    "---",
    "title: Eigen training",
    "kind: in_house",
    "summary: Samenvatting.",
    "provider: Bureau Test",
    "costPerParticipant: 0",
    "durationHours: 2",
    "targetRoles: [employee]",
    "learningGoals: [eigen-doel]",
    "sessions:",
    '  - { offsetDays: -3, start: "10:00", end: "12:00", location: Zaal 1, capacity: 8, deadlineDaysBefore: 1, sessionCost: 100 }',
    '  - { offsetDays: 9, start: "10:00", end: "12:00", location: Zaal 1, capacity: 8, deadlineDaysBefore: 1, sessionCost: 100 }',
    '  - { offsetDays: 20, start: "10:00", end: "12:00", location: Zaal 1, capacity: 8, deadlineDaysBefore: 1, sessionCost: 100, cancelReason: Trainer ziek }',
    "---",
    "",
    "Tekst.",
  ].join("\n");

  it("updates learning goals from the files but leaves an existing course as coordinators left it", () => {
    fs.writeFileSync(path.join(dirs.learningGoals, "eigen-doel.md"), goalFile("Eerste titel"));
    fs.writeFileSync(path.join(dirs.courses, "eigen-training.md"), courseFile);
    const now = new Date("2026-05-01T08:00:00Z");
    expect(seedCatalogue(now, dirs)).toEqual({
      learningGoals: 1,
      coursesCreated: 1,
      sessionsCreated: 3,
    });

    const db = getDb();
    const course = db.select().from(courses).where(eq(courses.slug, "eigen-training")).get()!;
    const statuses = db
      .select({ status: courseSessions.status, cancelReason: courseSessions.cancelReason })
      .from(courseSessions)
      .where(eq(courseSessions.courseId, course.id))
      .orderBy(courseSessions.startsAt)
      .all();
    expect(statuses).toEqual([
      { status: "held", cancelReason: null },
      { status: "planned", cancelReason: null },
      { status: "cancelled", cancelReason: "Trainer ziek" },
    ]);

    // A coordinator renames the course in the portal; the files change too.
    db.update(courses)
      .set({ title: "Door coördinator aangepast" })
      .where(eq(courses.id, course.id))
      .run();
    fs.writeFileSync(path.join(dirs.learningGoals, "eigen-doel.md"), goalFile("Nieuwe titel"));

    expect(seedCatalogue(now, dirs)).toEqual({
      learningGoals: 1,
      coursesCreated: 0,
      sessionsCreated: 0,
    });
    expect(
      db.select({ title: courses.title }).from(courses).where(eq(courses.id, course.id)).get()
        ?.title,
    ).toBe("Door coördinator aangepast");
    expect(
      db
        .select({ title: learningGoals.title })
        .from(learningGoals)
        .where(eq(learningGoals.slug, "eigen-doel"))
        .get()?.title,
    ).toBe("Nieuwe titel");
  });

  it("writes nothing when a file is malformed", () => {
    const before = counts();
    fs.writeFileSync(
      path.join(dirs.courses, "kapot.md"),
      "---\ntitle: Kapot\nkind: webinar\n---\n",
    );
    expect(() => seedCatalogue(new Date(), dirs)).toThrow(/kapot\.md/);
    expect(counts()).toEqual(before);
    fs.rmSync(path.join(dirs.courses, "kapot.md"));
  });
});
