import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { courseKinds } from "#db/schema.ts";
import { ogwRoles } from "#app/domain/roles.ts";
import {
  loadCourses,
  loadLearningGoals,
  scheduleSession,
  type CourseSessionContent,
} from "#app/utils/catalogue-content.server.ts";

describe("shipped catalogue content", () => {
  const goals = loadLearningGoals();
  const courses = loadCourses();

  it("has 6 to 8 learning goals, each with a title, a description and its own order", () => {
    expect(goals.length).toBeGreaterThanOrEqual(6);
    expect(goals.length).toBeLessThanOrEqual(8);
    expect(new Set(goals.map((goal) => goal.order)).size).toBe(goals.length);
    for (const goal of goals) expect(goal.description.length, goal.slug).toBeGreaterThan(80);
    expect(goals.map((goal) => goal.slug)).toEqual(
      expect.arrayContaining([
        "opgave-afbakenen",
        "actoren-en-belangen",
        "opgaveplan-schrijven",
        "capaciteit-vrijmaken",
      ]),
    );
  });

  it("has at least 12 courses spread over the three kinds, one of them unpublished", () => {
    expect(courses.length).toBeGreaterThanOrEqual(12);
    for (const kind of courseKinds) {
      expect(courses.filter((course) => course.kind === kind).length, kind).toBeGreaterThanOrEqual(
        3,
      );
    }
    expect(courses.filter((course) => !course.published).length).toBeGreaterThanOrEqual(1);
  });

  it("charges individual courses per participant and in-house trainings per session", () => {
    for (const course of courses) {
      if (course.kind === "individual") {
        expect(course.costPerParticipantCents, course.slug).toBeGreaterThan(0);
        for (const session of course.sessions)
          expect(session.sessionCostCents, course.slug).toBe(0);
      }
      if (course.kind === "in_house") {
        expect(course.costPerParticipantCents, course.slug).toBe(0);
        for (const session of course.sessions)
          expect(session.sessionCostCents, course.slug).toBeGreaterThan(0);
      }
    }
  });

  it("plans sessions in the past and mostly in the coming 5 to 150 days, with text for every course", () => {
    const sessions = courses.flatMap((course) => course.sessions);
    expect(sessions.some((session) => session.offsetDays < 0)).toBe(true);
    const ahead = sessions.filter(
      (session) => session.offsetDays >= 5 && session.offsetDays <= 150,
    );
    expect(ahead.length).toBeGreaterThan(sessions.length / 2);
    for (const course of courses) {
      expect(course.body.length, course.slug).toBeGreaterThan(200);
      expect(
        course.targetRoles.every((role) => (ogwRoles as readonly string[]).includes(role)),
      ).toBe(true);
    }
  });
});

describe("malformed catalogue content", () => {
  const dirs: string[] = [];

  function contentDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gilde-catalogue-"));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }

  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const goalSlugs = ["opgave-afbakenen", "actoren-en-belangen"];

  const session = {
    offsetDays: "10",
    start: '"09:00"',
    end: '"12:00"',
    location: "Gemeentehuis",
    capacity: "12",
    deadlineDaysBefore: "3",
    sessionCost: "450",
  };

  /** A valid course file with the given front-matter lines replaced (null drops a line). */
  function course(
    changes: Record<string, string | null> = {},
    sessionChanges: Record<string, string | null> = {},
  ): string {
    const front: Record<string, string | null> = {
      title: "Goede training",
      kind: "in_house",
      summary: "Een korte samenvatting.",
      provider: "Bureau Test",
      costPerParticipant: "0",
      durationHours: "3",
      targetRoles: "[employee, line_manager]",
      learningGoals: "[opgave-afbakenen]",
      ...changes,
    };
    const sessionLines = Object.entries({ ...session, ...sessionChanges })
      .filter((entry): entry is [string, string] => entry[1] !== null)
      .map(([key, value], index) => `${index === 0 ? "  - " : "    "}${key}: ${value}`);
    const lines = Object.entries(front)
      .filter((entry): entry is [string, string] => entry[1] !== null)
      .map(([key, value]) => `${key}: ${value}`);
    return ["---", ...lines, "sessions:", ...sessionLines, "---", "", "Beschrijving.", ""].join(
      "\n",
    );
  }

  it("reads a well-formed course, turning euros into cents", () => {
    const dir = contentDir({
      "goede-training.md": course({ costPerParticipant: "1250.5" }, { sessionCost: "19.99" }),
    });
    const [loaded] = loadCourses(dir, goalSlugs);
    expect(loaded).toMatchObject({
      slug: "goede-training",
      kind: "in_house",
      costPerParticipantCents: 125050,
      published: true,
      targetRoles: ["employee", "line_manager"],
      learningGoals: ["opgave-afbakenen"],
      body: "Beschrijving.",
    });
    expect(loaded!.sessions[0]).toMatchObject({
      start: "09:00",
      end: "12:00",
      sessionCostCents: 1999,
      capacity: 12,
    });
  });

  it.each([
    [
      "an unknown kind",
      course({ kind: "webinar" }),
      /training\.md: .*veld kind: kind moet een van/,
    ],
    [
      "an unknown OGW role",
      course({ targetRoles: "[employee, wethouder]" }),
      /training\.md: .*veld targetRoles\.1: onbekende OGW-rol/,
    ],
    [
      "no target roles",
      course({ targetRoles: "[]" }),
      /training\.md: .*veld targetRoles: .*minstens één/,
    ],
    [
      "an unknown learning goal",
      course({ learningGoals: "[opgave-afbakenen, vergaderen]" }),
      /training\.md: .*veld learningGoals\.1: onbekend leerdoel "vergaderen"/,
    ],
    [
      "a start time that is no time",
      course({}, { start: '"9.30"' }),
      /training\.md: .*veld sessions\.0\.start: start moet een tijd/,
    ],
    [
      "a start hour past 23",
      course({}, { start: '"24:00"' }),
      /training\.md: .*veld sessions\.0\.start/,
    ],
    [
      "an unquoted afternoon time (YAML reads 13:30 as a number)",
      course({}, { start: "13:30", end: '"15:00"' }),
      /training\.md: .*veld sessions\.0\.start: .*tussen aanhalingstekens/,
    ],
    [
      "an end before the start",
      course({}, { start: '"14:00"', end: '"13:00"' }),
      /training\.md: .*veld sessions\.0\.end: end moet na start liggen/,
    ],
    [
      "an end equal to the start",
      course({}, { end: '"09:00"' }),
      /training\.md: .*veld sessions\.0\.end/,
    ],
    [
      "a capacity of 0",
      course({}, { capacity: "0" }),
      /training\.md: .*veld sessions\.0\.capacity: capacity is minstens 1/,
    ],
    [
      "a capacity that is not whole",
      course({}, { capacity: "2.5" }),
      /training\.md: .*veld sessions\.0\.capacity/,
    ],
    [
      "a negative cost per participant",
      course({ costPerParticipant: "-5" }),
      /training\.md: .*veld costPerParticipant: .*negatief/,
    ],
    [
      "a negative session cost",
      course({}, { sessionCost: "-1" }),
      /training\.md: .*veld sessions\.0\.sessionCost: .*negatief/,
    ],
    [
      "a cost given as text",
      course({ costPerParticipant: '"€ 100"' }),
      /training\.md: .*veld costPerParticipant: .*bedrag in euro/,
    ],
    [
      "a negative deadline",
      course({}, { deadlineDaysBefore: "-2" }),
      /training\.md: .*veld sessions\.0\.deadlineDaysBefore/,
    ],
    ["a duration of 0 hours", course({ durationHours: "0" }), /training\.md: .*veld durationHours/],
    [
      "neither location nor online link",
      course({}, { location: null }),
      /training\.md: .*veld sessions\.0\.location: geef location of onlineUrl/,
    ],
    [
      "an online link that is not http(s)",
      course({}, { onlineUrl: "javascript:alert(1)" }),
      /training\.md: .*veld sessions\.0\.onlineUrl/,
    ],
    [
      "a session fee on an individual course",
      course({ kind: "individual", costPerParticipant: "900" }, { sessionCost: "100" }),
      /training\.md: .*veld sessions\.0\.sessionCost: sessionCost is 0 bij een individuele opleiding/,
    ],
    [
      "a target role listed twice",
      course({ targetRoles: "[employee, employee]" }),
      /training\.md: .*veld targetRoles\.1: "employee" staat dubbel/,
    ],
    [
      "a learning goal listed twice",
      course({ learningGoals: "[opgave-afbakenen, opgave-afbakenen]" }),
      /training\.md: .*veld learningGoals\.1: "opgave-afbakenen" staat dubbel/,
    ],
    ["a missing title", course({ title: null }), /training\.md: .*veld title ontbreekt/],
    [
      "a misspelt field",
      course({ costperparticipant: "0" }),
      /training\.md: .*onbekend veld costperparticipant/,
    ],
    [
      "a misspelt session field",
      course({}, { capaciteit: "3" }),
      /training\.md: .*onbekend veld capaciteit/,
    ],
    [
      "published that is not a boolean",
      course({ published: "misschien" }),
      /training\.md: .*veld published/,
    ],
  ])("refuses a course with %s, naming the file and the field", (_name, text, message) => {
    const dir = contentDir({ "a-goed.md": course(), "training.md": text });
    expect(() => loadCourses(dir, goalSlugs)).toThrow(message);
  });

  it.each([
    ["capitals", "Training.md"],
    ["a space", "goede training.md"],
    ["an underscore", "goede_training.md"],
  ])("refuses a course file name with %s", (_name, fileName) => {
    const dir = contentDir({ [fileName]: course() });
    expect(() => loadCourses(dir, goalSlugs)).toThrow(
      new RegExp(`${fileName.replace(".", "\\.")}: .*geen geldige slug`),
    );
  });

  it.each([
    [
      "a missing order",
      { "doel.md": "---\ntitle: Doel\n---\n\nOmschrijving." },
      /doel\.md: .*veld order ontbreekt/,
    ],
    [
      "an order that is not whole",
      { "doel.md": "---\ntitle: Doel\norder: 1.5\n---\n\nOmschrijving." },
      /doel\.md: .*veld order/,
    ],
    [
      "a missing title",
      { "doel.md": "---\norder: 1\n---\n\nOmschrijving." },
      /doel\.md: .*veld title ontbreekt/,
    ],
    [
      "no description",
      { "doel.md": "---\ntitle: Doel\norder: 1\n---\n" },
      /doel\.md: de beschrijving .* ontbreekt/,
    ],
    [
      "a bad file name",
      { "Doel 1.md": "---\ntitle: Doel\norder: 1\n---\n\nTekst." },
      /Doel 1\.md: .*geen geldige slug/,
    ],
  ])("refuses a learning goal with %s", (_name, files, message) => {
    const dir = contentDir(files);
    expect(() => loadLearningGoals(dir)).toThrow(message);
  });
});

describe("scheduleSession", () => {
  const base: CourseSessionContent = {
    offsetDays: 0,
    start: "09:00",
    end: "12:00",
    location: "Gemeentehuis",
    onlineUrl: null,
    capacity: 10,
    deadlineDaysBefore: 0,
    sessionCostCents: 0,
    cancelReason: null,
  };

  it.each([
    // seed moment (UTC), offset, deadline days → start, end, deadline (UTC)
    [
      "winter",
      "2026-01-10T10:00:00Z",
      5,
      2,
      "2026-01-15T08:00:00.000Z",
      "2026-01-15T11:00:00.000Z",
      "2026-01-13T08:00:00.000Z",
    ],
    [
      "summer",
      "2026-07-01T10:00:00Z",
      14,
      7,
      "2026-07-15T07:00:00.000Z",
      "2026-07-15T10:00:00.000Z",
      "2026-07-08T07:00:00.000Z",
    ],
    // From winter into summer time: the clock time stays 09:00 in Amsterdam on both days.
    [
      "across the start of summer time",
      "2026-03-20T10:00:00Z",
      10,
      3,
      "2026-03-30T07:00:00.000Z",
      "2026-03-30T10:00:00.000Z",
      "2026-03-27T08:00:00.000Z",
    ],
    // 23:30 UTC is already the next day in Amsterdam; days count from the Amsterdam date.
    [
      "late in the evening",
      "2026-01-10T23:30:00Z",
      1,
      0,
      "2026-01-12T08:00:00.000Z",
      "2026-01-12T11:00:00.000Z",
      "2026-01-12T08:00:00.000Z",
    ],
    // Saturday 17 and Sunday 18 January move to Monday 19 January; the deadline counts from there.
    [
      "on a Saturday",
      "2026-01-10T10:00:00Z",
      7,
      1,
      "2026-01-19T08:00:00.000Z",
      "2026-01-19T11:00:00.000Z",
      "2026-01-18T08:00:00.000Z",
    ],
    [
      "on a Sunday",
      "2026-01-10T10:00:00Z",
      8,
      0,
      "2026-01-19T08:00:00.000Z",
      "2026-01-19T11:00:00.000Z",
      "2026-01-19T08:00:00.000Z",
    ],
    [
      "in the past",
      "2026-01-10T10:00:00Z",
      -30,
      5,
      "2025-12-11T08:00:00.000Z",
      "2025-12-11T11:00:00.000Z",
      "2025-12-06T08:00:00.000Z",
    ],
  ])("%s", (_name, seed, offsetDays, deadlineDaysBefore, startsAt, endsAt, deadline) => {
    const times = scheduleSession({ ...base, offsetDays, deadlineDaysBefore }, new Date(seed));
    expect(times.startsAt.toISOString()).toBe(startsAt);
    expect(times.endsAt.toISOString()).toBe(endsAt);
    expect(times.enrolmentDeadline.toISOString()).toBe(deadline);
    expect(times.enrolmentDeadline.getTime()).toBeLessThanOrEqual(times.startsAt.getTime());
  });
});
