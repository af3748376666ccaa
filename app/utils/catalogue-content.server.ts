// Reads the learning goals and the starting catalogue from content/ for the seed, and refuses
// malformed files with a message that names the file and the field.
import path from "node:path";
import { z } from "zod";
import { courseKinds, type CourseKind } from "#db/schema.ts";
import { MAX_AMOUNT_CENTS } from "#app/domain/money.ts";
import { ogwRoles, type OgwRole } from "#app/domain/roles.ts";
import { amsterdamLocalToUtc, utcToAmsterdamLocal } from "#app/domain/time.ts";
import { contentRoot, readMarkdownFiles, validate } from "#app/utils/content.server.ts";

export const defaultLearningGoalsDir = path.join(contentRoot, "learning-goals");
export const defaultCoursesDir = path.join(contentRoot, "courses");

export type LearningGoalContent = {
  slug: string;
  title: string;
  order: number;
  description: string;
};

export type CourseSessionContent = {
  offsetDays: number;
  start: string;
  end: string;
  location: string | null;
  onlineUrl: string | null;
  capacity: number;
  deadlineDaysBefore: number;
  sessionCostCents: number;
  cancelReason: string | null;
};

export type CourseContent = {
  slug: string;
  title: string;
  kind: CourseKind;
  summary: string;
  provider: string;
  costPerParticipantCents: number;
  durationHours: number;
  published: boolean;
  targetRoles: OgwRole[];
  learningGoals: string[];
  sessions: CourseSessionContent[];
  body: string;
};

const text = (field: string) =>
  z
    .string({ error: `${field} moet tekst zijn` })
    .trim()
    .min(1, { error: `${field} mag niet leeg zijn` });

const MAX_EUROS = MAX_AMOUNT_CENTS / 100;

const euros = (field: string) =>
  z
    .number({ error: `${field} moet een bedrag in euro's zijn (een getal, bijvoorbeeld 1250.5)` })
    .min(0, { error: `${field} kan niet negatief zijn` })
    .max(MAX_EUROS, { error: `${field} is hoogstens ${MAX_EUROS} euro` });

// Unquoted, YAML reads 13:30 as the sexagesimal number 810, so the message says to quote it.
const clockTime = (field: string) =>
  z
    .string({
      error: `${field} moet een tijd "UU:MM" tussen aanhalingstekens zijn, bijvoorbeeld "09:30"`,
    })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
      error: `${field} moet een tijd "UU:MM" tussen aanhalingstekens zijn, bijvoorbeeld "09:30"`,
    });

const learningGoalFrontMatter = z.strictObject({
  title: text("title"),
  order: z
    .int({ error: "order moet een geheel getal zijn" })
    .min(0, { error: "order kan niet negatief zijn" }),
});

const sessionFrontMatter = z
  .strictObject({
    offsetDays: z.int({ error: "offsetDays moet een geheel aantal dagen zijn" }),
    start: clockTime("start"),
    end: clockTime("end"),
    location: text("location").optional(),
    onlineUrl: z
      .url({ protocol: /^https?$/, error: "onlineUrl moet een http(s)-adres zijn" })
      .optional(),
    capacity: z
      .int({ error: "capacity moet een geheel getal zijn" })
      .min(1, { error: "capacity is minstens 1" }),
    deadlineDaysBefore: z
      .int({ error: "deadlineDaysBefore moet een geheel aantal dagen zijn" })
      .min(0, { error: "deadlineDaysBefore kan niet negatief zijn" }),
    sessionCost: euros("sessionCost").default(0),
    // For demo content: a session that was called off, shown as such on the course page.
    cancelReason: text("cancelReason").optional(),
  })
  .superRefine((session, context) => {
    // Zero-padded "HH:MM" strings compare in time order.
    if (session.end <= session.start) {
      context.addIssue({ code: "custom", path: ["end"], message: "end moet na start liggen" });
    }
    if (!session.location && !session.onlineUrl) {
      context.addIssue({
        code: "custom",
        path: ["location"],
        message: "geef location of onlineUrl (of beide)",
      });
    }
  });

function courseFrontMatter(knownGoals: ReadonlySet<string>) {
  return z
    .strictObject({
      title: text("title"),
      kind: z.enum(courseKinds, { error: `kind moet een van ${courseKinds.join(", ")} zijn` }),
      summary: text("summary"),
      provider: text("provider"),
      costPerParticipant: euros("costPerParticipant"),
      durationHours: z
        .number({ error: "durationHours moet een getal zijn" })
        .positive({ error: "durationHours moet groter dan 0 zijn" }),
      published: z.boolean({ error: "published moet true of false zijn" }).default(true),
      targetRoles: z
        .array(z.enum(ogwRoles, { error: `onbekende OGW-rol; kies uit ${ogwRoles.join(", ")}` }), {
          error: "targetRoles moet een lijst van OGW-rollen zijn",
        })
        .min(1, { error: "targetRoles noemt minstens één OGW-rol" }),
      learningGoals: z
        .array(
          z
            .string({ error: "een leerdoel is een slug (tekst)" })
            .refine((slug) => knownGoals.has(slug), {
              error: (issue) =>
                `onbekend leerdoel "${String(issue.input)}" (geen bestand in content/learning-goals)`,
            }),
          { error: "learningGoals moet een lijst van leerdoel-slugs zijn" },
        )
        .default([]),
      sessions: z.array(sessionFrontMatter, { error: "sessions moet een lijst zijn" }).default([]),
    })
    .superRefine((course, context) => {
      for (const field of ["targetRoles", "learningGoals"] as const) {
        const seen = new Set<string>();
        course[field].forEach((value, index) => {
          if (seen.has(value)) {
            context.addIssue({
              code: "custom",
              path: [field, index],
              message: `"${value}" staat dubbel in de lijst`,
            });
          }
          seen.add(value);
        });
      }
      // The budget counts an individual course per participant; a session fee on top would count it twice.
      if (course.kind === "individual") {
        course.sessions.forEach((session, index) => {
          if (session.sessionCost !== 0) {
            context.addIssue({
              code: "custom",
              path: ["sessions", index, "sessionCost"],
              message:
                "sessionCost is 0 bij een individuele opleiding (de kosten staan in costPerParticipant)",
            });
          }
        });
      }
    });
}

const toCents = (amountInEuros: number) => Math.round(amountInEuros * 100);

export function loadLearningGoals(dir: string = defaultLearningGoalsDir): LearningGoalContent[] {
  return readMarkdownFiles(dir).map((source) => {
    const front = validate(learningGoalFrontMatter, source);
    if (source.body === "")
      throw new Error(`${source.file}: de beschrijving (de tekst onder de front matter) ontbreekt`);
    return { slug: source.slug, title: front.title, order: front.order, description: source.body };
  });
}

/** The courses in `dir`; learning goals are checked against `learningGoalSlugs` (default: the shipped goals). */
export function loadCourses(
  dir: string = defaultCoursesDir,
  learningGoalSlugs: Iterable<string> = loadLearningGoals().map((goal) => goal.slug),
): CourseContent[] {
  const schema = courseFrontMatter(new Set(learningGoalSlugs));
  // The slug is the file name, so it is unique within the directory by construction.
  return readMarkdownFiles(dir).map((source) => {
    const front = validate(schema, source);
    return {
      slug: source.slug,
      title: front.title,
      kind: front.kind,
      summary: front.summary,
      provider: front.provider,
      costPerParticipantCents: toCents(front.costPerParticipant),
      durationHours: front.durationHours,
      published: front.published,
      targetRoles: front.targetRoles,
      learningGoals: front.learningGoals,
      sessions: front.sessions.map((session) => ({
        offsetDays: session.offsetDays,
        start: session.start,
        end: session.end,
        location: session.location ?? null,
        onlineUrl: session.onlineUrl ?? null,
        capacity: session.capacity,
        deadlineDaysBefore: session.deadlineDaysBefore,
        sessionCostCents: toCents(session.sessionCost),
        cancelReason: session.cancelReason ?? null,
      })),
      body: source.body,
    };
  });
}

export type ScheduledTimes = { startsAt: Date; endsAt: Date; enrolmentDeadline: Date };

/** "YYYY-MM-DD" of the Amsterdam calendar day `days` after the Amsterdam day of `from`. */
function amsterdamDatePlusDays(from: Date, days: number): string {
  const [year, month, day] = utcToAmsterdamLocal(from).slice(0, 10).split("-").map(Number) as [
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The same date, or the Monday after it when it is a Saturday or Sunday. */
function onWorkingDay(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
  return new Date(Date.UTC(year, month - 1, day + shift)).toISOString().slice(0, 10);
}

function amsterdamInstant(date: string, time: string): Date {
  const instant = amsterdamLocalToUtc(`${date}T${time}`);
  if (!instant) throw new Error(`Geen geldig tijdstip: ${date} ${time}`);
  return instant;
}

/**
 * Turns a session's relative day and wall-clock times into UTC instants, counted from the
 * Amsterdam day of `seedDate`; a day that falls in the weekend moves to Monday. The deadline is the same clock time `deadlineDaysBefore` calendar
 * days earlier, and never after the start.
 */
export function scheduleSession(session: CourseSessionContent, seedDate: Date): ScheduledTimes {
  // Offsets are relative to whatever day the seed runs; nobody trains at the town hall on Sunday.
  const day = onWorkingDay(amsterdamDatePlusDays(seedDate, session.offsetDays));
  const startsAt = amsterdamInstant(day, session.start);
  const endsAt = amsterdamInstant(day, session.end);
  const deadlineDay = amsterdamDatePlusDays(startsAt, -session.deadlineDaysBefore);
  const deadline = amsterdamInstant(deadlineDay, session.start);
  const enrolmentDeadline = deadline.getTime() > startsAt.getTime() ? startsAt : deadline;
  return { startsAt, endsAt, enrolmentDeadline };
}
