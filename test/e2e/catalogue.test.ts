// The catalogue's journeys in a real browser: a coordinator adds a course and a session, a member
// finds it with the filters and puts the session in a calendar; bad input is refused with Dutch
// messages next to the fields (also without JavaScript); a cancelled session stays visible with its
// reason; a member cannot reach the maintenance pages. Every page visited is checked with axe.
import fs from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  baseUrl,
  browserForThisFile,
  DEMO_PASSWORD,
  demoUsers,
  expectNoAxeViolations,
  pathOf,
  signInToDashboard,
  url,
  visit,
  waitForPath,
  waitForPost,
  withDatabase,
} from "#test/e2e/support.ts";

const browser = browserForThisFile();

// These journeys fill in whole forms and check every page with axe; on a busy machine the longest
// took about a minute, close to the suite's default of 90 s.
const JOURNEY_TIMEOUT_MS = 180_000;

// ---------------------------------------------------------------------------------------------
// Seeded content (content/courses/*.md)

/** Published, for opgaveregisseurs and ambtelijk opdrachtgevers only: no line managers. */
const notForLineManagers = { slug: "masterclass-opgaveregie", title: "Masterclass opgaveregie" };
/** Published and meant for line managers. */
const forLineManagers = {
  slug: "prioriteren-tussen-werksoorten",
  title: "Prioriteren tussen werksoorten voor lijnmanagers",
};
/** For line managers too, but not published: members never see it. */
const unpublished = {
  slug: "kennissessie-rapporteren-over-opgaven",
  title: "Kennissessie: rapporteren over opgaven",
};
/** Has sessions in the past as well as upcoming ones. */
const withPastSessions = { slug: "basistraining-opgavegericht-werken" };

// ---------------------------------------------------------------------------------------------
// Helpers

type AnyPage = Page;

function countCourses(): number {
  return withDatabase(
    (db) => (db.prepare("SELECT count(*) AS n FROM courses").get() as { n: number }).n,
  );
}

type CourseRow = {
  id: number;
  slug: string;
  title: string;
  kind: string;
  summary: string;
  provider: string;
  cost_per_participant_cents: number;
  duration_hours: number;
  published: number;
};

function findCourseByTitle(title: string): CourseRow | undefined {
  return withDatabase(
    (db) =>
      db
        .prepare(
          "SELECT id, slug, title, kind, summary, provider, cost_per_participant_cents, duration_hours, published FROM courses WHERE title = ?",
        )
        .get(title) as CourseRow | undefined,
  );
}

function courseIdOf(slug: string): number {
  const row = withDatabase(
    (db) =>
      db.prepare("SELECT id FROM courses WHERE slug = ?").get(slug) as { id: number } | undefined,
  );
  if (!row) throw new Error(`Geen opleiding met slug ${slug} in de testdatabase.`);
  return row.id;
}

function targetRolesOf(courseId: number): string[] {
  return withDatabase((db) =>
    (
      db
        .prepare("SELECT ogw_role FROM course_target_roles WHERE course_id = ? ORDER BY ogw_role")
        .all(courseId) as { ogw_role: string }[]
    ).map((row) => row.ogw_role),
  );
}

function learningGoalCount(courseId: number): number {
  return withDatabase(
    (db) =>
      (
        db
          .prepare("SELECT count(*) AS n FROM course_learning_goals WHERE course_id = ?")
          .get(courseId) as { n: number }
      ).n,
  );
}

type SessionRow = {
  id: number;
  course_id: number;
  starts_at: string;
  ends_at: string;
  location: string | null;
  capacity: number;
  enrolment_deadline: string;
  session_cost_cents: number;
  status: string;
  cancel_reason: string | null;
};

function sessionsOf(courseId: number): SessionRow[] {
  return withDatabase(
    (db) =>
      db
        .prepare(
          "SELECT id, course_id, starts_at, ends_at, location, capacity, enrolment_deadline, session_cost_cents, status, cancel_reason FROM course_sessions WHERE course_id = ? ORDER BY id",
        )
        .all(courseId) as SessionRow[],
  );
}

function countSessions(): number {
  return withDatabase(
    (db) => (db.prepare("SELECT count(*) AS n FROM course_sessions").get() as { n: number }).n,
  );
}

/** A planned session of a seeded course that starts in the future (for the maintenance pages). */
function futurePlannedSessionOf(slug: string): number {
  const row = withDatabase(
    (db) =>
      db
        .prepare(
          "SELECT s.id FROM course_sessions s JOIN courses c ON c.id = s.course_id WHERE c.slug = ? AND s.status = 'planned' AND s.starts_at > ? ORDER BY s.starts_at LIMIT 1",
        )
        .get(slug, new Date().toISOString()) as { id: number } | undefined,
  );
  if (!row) throw new Error(`Geen geplande toekomstige sessie voor ${slug}.`);
  return row.id;
}

function firstLearningGoalId(): number {
  return withDatabase(
    (db) =>
      (db.prepare("SELECT id FROM learning_goals ORDER BY id LIMIT 1").get() as { id: number }).id,
  );
}

function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const longDutchDate = new Intl.DateTimeFormat("nl-NL", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/Amsterdam",
});

/** The calendar day (yyyy-mm-dd) in Amsterdam so many days from now. */
function amsterdamDayFromNow(days: number): string {
  return isoDay.format(new Date(Date.now() + days * DAY_MS));
}

/** "dinsdag 3 maart 2026" for a yyyy-mm-dd day, as the course page writes it. */
function dutchDate(day: string): string {
  return longDutchDate.format(new Date(`${day}T12:00:00Z`));
}

/** Text with every run of white space (non-breaking spaces too) as one space. */
function squash(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** A form control by its label, with or without " (verplicht)"; "Soort" must not match "Werksoorten …". */
function field(page: AnyPage, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByLabel(new RegExp(`^${escaped}(?: \\(verplicht\\))?$`));
}

function statusTexts(page: AnyPage) {
  return page.getByRole("status").allTextContents();
}

/** The element(s) an input's aria-describedby points at: the hint and, when wrong, the error. */
async function describedText(page: AnyPage, label: string): Promise<string> {
  const ids = (await field(page, label).getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).first().textContent()),
  );
  return squash(texts.join(" "));
}

async function signedIn(
  user: { email: string; name: string },
  options: { javaScriptEnabled?: boolean } = {},
) {
  const page = await browser.newPage(options);
  await visit(page, "/inloggen");
  await signInToDashboard(page, user, DEMO_PASSWORD);
  return page;
}

/** RFC 5545 folds long lines; unfolded, a title can be searched for as one piece of text. */
function unfoldIcs(text: string): string {
  return text.replace(/\r?\n[ \t]/g, "");
}

type NewCourse = { title: string; slug: string; id: number };

/**
 * As a signed-in coordinator: opens the create form from the catalogue, fills it in for a
 * knowledge session for line managers only, publishes it and ends on the new course's page.
 */
async function createCourseViaForm(page: AnyPage, title: string): Promise<NewCourse> {
  await visit(page, "/catalogus");
  await page.getByRole("link", { name: "Nieuwe activiteit" }).click();
  await waitForPath(page, "/catalogus/nieuw");
  await page.getByRole("heading", { level: 1, name: "Opleiding toevoegen" }).waitFor();
  await expectNoAxeViolations(page);

  await field(page, "Titel").fill(title);
  await field(page, "Soort").selectOption({ label: "Kennissessie" });
  await field(page, "Samenvatting").fill(
    "Een middag over sturen op opgaven vanuit de lijn, met voorbeelden uit Huizen.",
  );
  await field(page, "Beschrijving").fill(
    "## Programma\n\nWe beginnen met een korte inleiding.\n\n- Oefenen\n- Nabespreken",
  );
  await field(page, "Aanbieder of trainer").fill("Gilde OGW");
  await field(page, "Kosten per deelnemer").fill("1.250,50");
  await field(page, "Duur in uren").fill("1,5");
  const roles = page.getByRole("group", { name: /^Voor wie/ });
  await roles.getByLabel("Lijnmanager", { exact: true }).check();
  const goals = page.getByRole("group", { name: /^Leerdoelen/ });
  await goals.getByRole("checkbox").first().check();
  await field(page, "Direct publiceren").check();

  await page.getByRole("button", { name: "Opleiding opslaan" }).click();
  await page.waitForURL(
    (current) =>
      /^\/catalogus\/[a-z0-9-]+$/.test(current.pathname) && current.pathname !== "/catalogus/nieuw",
  );
  await page.waitForLoadState("load");
  await expect
    .poll(() => statusTexts(page))
    .toContainEqual(expect.stringContaining(`De opleiding „${title}” staat in de catalogus.`));
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await expectNoAxeViolations(page);

  const row = findCourseByTitle(title);
  expect(row, "de opleiding staat in de database").toBeDefined();
  expect(pathOf(page)).toBe(`/catalogus/${row!.slug}`);
  return { title, slug: row!.slug, id: row!.id };
}

type NewSession = {
  id: number;
  day: string;
  dateText: string;
  start: string;
  end: string;
  deadline: string;
  location: string;
  capacity: number;
};

/** As a coordinator on the course's page: adds a session in 30 days and returns to the course page. */
async function addSessionViaForm(
  page: AnyPage,
  course: NewCourse,
  capacity = 12,
): Promise<NewSession> {
  const day = amsterdamDayFromNow(30);
  const deadlineDay = amsterdamDayFromNow(20);
  const session = {
    day,
    dateText: dutchDate(day),
    start: `${day}T10:00`,
    end: `${day}T12:30`,
    deadline: `${deadlineDay}T17:00`,
    location: "Raadhuis Huizen, zaal 2",
    capacity,
  };
  const before = sessionsOf(course.id).length;

  expect(pathOf(page)).toBe(`/catalogus/${course.slug}`);
  await page.getByRole("link", { name: "Sessie toevoegen" }).click();
  await waitForPath(page, `/catalogus/${course.slug}/sessies/nieuw`);
  await page.getByRole("heading", { level: 1, name: "Sessie toevoegen" }).waitFor();
  await expectNoAxeViolations(page);

  await field(page, "Begin").fill(session.start);
  await field(page, "Einde").fill(session.end);
  await field(page, "Locatie").fill(session.location);
  await field(page, "Aantal plaatsen").fill(String(capacity));
  await field(page, "Inschrijven kan tot").fill(session.deadline);
  await field(page, "Kosten van de sessie").fill("450");
  await page.getByRole("button", { name: "Sessie opslaan" }).click();
  await waitForPath(page, `/catalogus/${course.slug}`);
  await expect
    .poll(() => statusTexts(page))
    .toContainEqual(expect.stringContaining("De sessie is toegevoegd."));
  await expectNoAxeViolations(page);

  const sessions = sessionsOf(course.id);
  expect(sessions).toHaveLength(before + 1);
  const saved = sessions.at(-1)!;
  expect(saved).toMatchObject({
    location: session.location,
    capacity,
    session_cost_cents: 45_000,
    status: "planned",
    cancel_reason: null,
  });
  return { ...session, id: saved.id };
}

/** The row of the "Komende sessies" table for the session on this day. */
function upcomingRow(page: AnyPage, courseTitle: string, dateText: string) {
  return page
    .getByRole("table", { name: `Komende sessies van ${courseTitle}` })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: dateText }) });
}

async function courseTitlesListed(page: AnyPage): Promise<string[]> {
  const titles = await page
    .locator(".course-list")
    .getByRole("heading", { level: 2 })
    .allTextContents();
  return titles.map(squash);
}

// ---------------------------------------------------------------------------------------------
// Journeys

test(
  "een coördinator maakt een opleiding met een sessie; een medewerker vindt die via het filter en zet de sessie in de agenda",
  async () => {
    const coordinator = await signedIn(demoUsers.coordinator);
    const title = `Lijnsturing in de praktijk ${uniqueSuffix()}`;
    const coursesBefore = countCourses();
    const course = await createCourseViaForm(coordinator, title);
    expect(countCourses()).toBe(coursesBefore + 1);
    expect(findCourseByTitle(title)).toMatchObject({
      kind: "knowledge_session",
      provider: "Gilde OGW",
      cost_per_participant_cents: 125_050,
      duration_hours: 1.5,
      published: 1,
    });
    expect(targetRolesOf(course.id)).toEqual(["line_manager"]);
    expect(learningGoalCount(course.id)).toBe(1);

    // The course page shows what was typed, formatted.
    const facts = squash(await coordinator.locator(".course-detail__facts").textContent());
    expect(facts).toContain("Kennissessie");
    expect(facts).toContain("Gilde OGW");
    expect(facts).toContain("€ 1.250,50");
    expect(facts).toContain("1,5 uur");
    expect(facts).toContain("Lijnmanager");
    await coordinator.getByRole("heading", { level: 3, name: "Programma" }).waitFor();
    await coordinator.getByText("Er zijn op dit moment geen geplande sessies.").waitFor();

    const session = await addSessionViaForm(coordinator, course, 12);
    const row = upcomingRow(coordinator, title, session.dateText);
    await expect.poll(() => row.count()).toBe(1);
    const rowText = squash(await row.textContent());
    expect(rowText).toContain("10:00–12:30 uur");
    expect(rowText).toContain(session.location);
    expect(rowText).toContain("Nog 12 plaatsen");
    expect(rowText).toContain("Open voor inschrijving");
    expect(rowText).toContain("€ 450,00");

    // A member filters the catalogue on the OGW role "Lijnmanager".
    const member = await signedIn(demoUsers.member);
    await visit(member, "/catalogus");
    const unfiltered = await courseTitlesListed(member);
    expect(unfiltered).toContain(title);
    expect(unfiltered).toContain(notForLineManagers.title);
    expect(unfiltered).not.toContain(unpublished.title);

    await field(member, "OGW-rol").selectOption({ label: "Lijnmanager" });
    await member.getByRole("button", { name: "Filteren", exact: true }).click();
    await member.waitForURL(
      (current) =>
        current.pathname === "/catalogus" && current.searchParams.get("rol") === "line_manager",
    );
    await member.waitForLoadState("load");
    await expect.poll(() => courseTitlesListed(member)).toContain(title);
    await expectNoAxeViolations(member);
    const filtered = await courseTitlesListed(member);
    expect(filtered).toContain(forLineManagers.title);
    expect(filtered).not.toContain(notForLineManagers.title);
    expect(filtered).not.toContain(unpublished.title);
    expect(filtered.length).toBeLessThan(unfiltered.length);
    expect(await field(member, "OGW-rol").inputValue()).toBe("line_manager");
    expect(squash(await member.locator(".catalogue-count").textContent())).toBe(
      `${filtered.length} activiteiten gevonden`,
    );
    const card = member.getByRole("article", { name: title });
    const cardText = squash(await card.textContent());
    expect(cardText).toContain("€ 1.250,50");
    expect(cardText).toContain(session.dateText);
    expect(cardText).toContain("Nog 12 plaatsen");

    // The member opens the course and sees the session with its free seats.
    await card.getByRole("link", { name: title }).click();
    await waitForPath(member, `/catalogus/${course.slug}`);
    await member.getByRole("heading", { level: 1, name: title }).waitFor();
    await expectNoAxeViolations(member);
    expect(await member.getByRole("link", { name: "Sessie toevoegen" }).count()).toBe(0);
    expect(await member.getByRole("link", { name: "Bewerken", exact: true }).count()).toBe(0);
    const memberRow = upcomingRow(member, title, session.dateText);
    await expect.poll(() => memberRow.count()).toBe(1);
    const memberRowText = squash(await memberRow.textContent());
    expect(memberRowText).toContain("Nog 12 plaatsen");
    expect(memberRowText).toContain("Open voor inschrijving");
    expect(memberRowText).not.toContain("€ 450,00");
    expect(await memberRow.getByRole("link", { name: /^Annuleren/ }).count()).toBe(0);

    // … and downloads the .ics for the calendar.
    const icsLink = memberRow.getByRole("link", { name: /^Zet in agenda \(\.ics\)/ });
    expect(await icsLink.getAttribute("href")).toBe(`/sessies/${session.id}/ics`);
    const [download] = await Promise.all([member.waitForEvent("download"), icsLink.click()]);
    expect(download.suggestedFilename()).toBe(`gilde-sessie-${session.id}.ics`);
    const ics = unfoldIcs(await fs.readFile(await download.path(), "utf8"));
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain(`SUMMARY:${title}`);
    expect(ics).toContain("TZID=Europe/Amsterdam");
    const compactDay = session.day.replaceAll("-", "");
    expect(ics).toMatch(new RegExp(`DTSTART;TZID=Europe/Amsterdam:${compactDay}T100000`));
    expect(ics).toMatch(new RegExp(`DTEND;TZID=Europe/Amsterdam:${compactDay}T123000`));
    expect(ics).toContain("STATUS:CONFIRMED");
    // The page is still the course page after the download.
    expect(pathOf(member)).toBe(`/catalogus/${course.slug}`);

    // The same file through the member's own cookies.
    const response = await member.context().request.get(url(`/sessies/${session.id}/ics`));
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/calendar");
    expect(unfoldIcs(await response.text())).toContain(`SUMMARY:${title}`);
  },
  JOURNEY_TIMEOUT_MS,
);

describe("onjuiste invoer", () => {
  test(
    "het opleidingsformulier zonder titel en met prijs „twaalf euro”: meldingen bij de velden, invoer blijft, niets opgeslagen",
    async () => {
      const coordinator = await signedIn(demoUsers.coordinator);
      await visit(coordinator, "/catalogus/nieuw");
      const coursesBefore = countCourses();

      await field(coordinator, "Soort").selectOption({ label: "In-house opleiding" });
      await field(coordinator, "Samenvatting").fill("Een samenvatting die blijft staan.");
      await field(coordinator, "Aanbieder of trainer").fill("Aanbieder die blijft");
      await field(coordinator, "Kosten per deelnemer").fill("twaalf euro");
      await field(coordinator, "Duur in uren").fill("3");
      await coordinator
        .getByRole("group", { name: /^Voor wie/ })
        .getByLabel("Lijnmanager", { exact: true })
        .check();
      await coordinator
        .getByRole("group", { name: /^Leerdoelen/ })
        .getByRole("checkbox")
        .first()
        .check();
      await coordinator.getByRole("button", { name: "Opleiding opslaan" }).click();

      await expect
        .poll(() => field(coordinator, "Titel").getAttribute("aria-invalid"))
        .toBe("true");
      expect(await describedText(coordinator, "Titel")).toContain("Vul een titel in.");
      expect(await field(coordinator, "Kosten per deelnemer").getAttribute("aria-invalid")).toBe(
        "true",
      );
      expect(await describedText(coordinator, "Kosten per deelnemer")).toContain(
        "Vul een bedrag in euro's in, bijvoorbeeld 1.250,50",
      );
      // Only those two are wrong.
      for (const label of ["Samenvatting", "Aanbieder of trainer", "Duur in uren"]) {
        expect(await field(coordinator, label).getAttribute("aria-invalid"), label).toBeNull();
      }
      expect(await field(coordinator, "Kosten per deelnemer").inputValue()).toBe("twaalf euro");
      expect(await field(coordinator, "Samenvatting").inputValue()).toBe(
        "Een samenvatting die blijft staan.",
      );
      expect(await field(coordinator, "Aanbieder of trainer").inputValue()).toBe(
        "Aanbieder die blijft",
      );
      expect(pathOf(coordinator)).toBe("/catalogus/nieuw");
      await expectNoAxeViolations(coordinator);
      expect(countCourses()).toBe(coursesBefore);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    "het sessieformulier met einde vóór begin, 0 plaatsen en deadline na het begin: elke melding bij haar veld, niets opgeslagen",
    async () => {
      const coordinator = await signedIn(demoUsers.coordinator);
      const courseId = courseIdOf(notForLineManagers.slug);
      await visit(coordinator, `/catalogus/${notForLineManagers.slug}/sessies/nieuw`);
      const sessionsBefore = sessionsOf(courseId).length;
      const allBefore = countSessions();

      const day = amsterdamDayFromNow(30);
      const values = {
        Begin: `${day}T10:00`,
        Einde: `${day}T09:00`,
        "Aantal plaatsen": "0",
        "Inschrijven kan tot": `${amsterdamDayFromNow(31)}T10:00`,
      };
      await field(coordinator, "Begin").fill(values.Begin);
      await field(coordinator, "Einde").fill(values.Einde);
      await field(coordinator, "Locatie").fill("Raadhuis Huizen");
      await field(coordinator, "Aantal plaatsen").fill(values["Aantal plaatsen"]);
      await field(coordinator, "Inschrijven kan tot").fill(values["Inschrijven kan tot"]);
      await field(coordinator, "Kosten van de sessie").fill("0");
      await coordinator.getByRole("button", { name: "Sessie opslaan" }).click();

      await expect
        .poll(() => field(coordinator, "Einde").getAttribute("aria-invalid"))
        .toBe("true");
      await expectSessionErrors(coordinator, values);
      expect(pathOf(coordinator)).toBe(`/catalogus/${notForLineManagers.slug}/sessies/nieuw`);
      await expectNoAxeViolations(coordinator);
      expect(sessionsOf(courseId)).toHaveLength(sessionsBefore);
      expect(countSessions()).toBe(allBefore);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    "zonder JavaScript: de server geeft dezelfde meldingen bij het sessie- en het opleidingsformulier",
    async () => {
      const coordinator = await signedIn(demoUsers.coordinator, { javaScriptEnabled: false });
      const courseId = courseIdOf(notForLineManagers.slug);
      await visit(coordinator, `/catalogus/${notForLineManagers.slug}/sessies/nieuw`);
      const sessionsBefore = sessionsOf(courseId).length;
      const allBefore = countSessions();

      const day = amsterdamDayFromNow(30);
      const values = {
        Begin: `${day}T10:00`,
        Einde: `${day}T09:00`,
        "Aantal plaatsen": "0",
        "Inschrijven kan tot": `${amsterdamDayFromNow(31)}T10:00`,
      };
      await field(coordinator, "Begin").fill(values.Begin);
      await field(coordinator, "Einde").fill(values.Einde);
      await field(coordinator, "Locatie").fill("Raadhuis Huizen");
      await field(coordinator, "Aantal plaatsen").fill(values["Aantal plaatsen"]);
      await field(coordinator, "Inschrijven kan tot").fill(values["Inschrijven kan tot"]);
      await field(coordinator, "Kosten van de sessie").fill("0");
      const [response] = await Promise.all([
        waitForPost(coordinator, `/catalogus/${notForLineManagers.slug}/sessies/nieuw`),
        coordinator.getByRole("button", { name: "Sessie opslaan" }).click(),
      ]);
      expect(response.status()).toBe(400);
      await coordinator.waitForLoadState("load");
      await expectSessionErrors(coordinator, values);
      expect(await field(coordinator, "Locatie").inputValue()).toBe("Raadhuis Huizen");
      await expectNoAxeViolations(coordinator);
      expect(sessionsOf(courseId)).toHaveLength(sessionsBefore);
      expect(countSessions()).toBe(allBefore);

      // The course form, refused by the server as well.
      await visit(coordinator, "/catalogus/nieuw");
      const coursesBefore = countCourses();
      await field(coordinator, "Soort").selectOption({ label: "Kennissessie" });
      await field(coordinator, "Samenvatting").fill("Samenvatting zonder JavaScript.");
      await field(coordinator, "Aanbieder of trainer").fill("Gilde OGW");
      await field(coordinator, "Kosten per deelnemer").fill("twaalf euro");
      await field(coordinator, "Duur in uren").fill("2");
      await coordinator
        .getByRole("group", { name: /^Voor wie/ })
        .getByLabel("Lijnmanager", { exact: true })
        .check();
      await coordinator
        .getByRole("group", { name: /^Leerdoelen/ })
        .getByRole("checkbox")
        .first()
        .check();
      const [courseResponse] = await Promise.all([
        waitForPost(coordinator, "/catalogus/nieuw"),
        coordinator.getByRole("button", { name: "Opleiding opslaan" }).click(),
      ]);
      expect(courseResponse.status()).toBe(400);
      await coordinator.waitForLoadState("load");
      expect(await field(coordinator, "Titel").getAttribute("aria-invalid")).toBe("true");
      expect(await describedText(coordinator, "Titel")).toContain("Vul een titel in.");
      expect(await field(coordinator, "Kosten per deelnemer").getAttribute("aria-invalid")).toBe(
        "true",
      );
      expect(await describedText(coordinator, "Kosten per deelnemer")).toContain(
        "Vul een bedrag in euro's in, bijvoorbeeld 1.250,50",
      );
      expect(await field(coordinator, "Kosten per deelnemer").inputValue()).toBe("twaalf euro");
      expect(await field(coordinator, "Samenvatting").inputValue()).toBe(
        "Samenvatting zonder JavaScript.",
      );
      expect(await field(coordinator, "Soort").inputValue()).toBe("knowledge_session");
      expect(
        await coordinator
          .getByRole("group", { name: /^Voor wie/ })
          .getByLabel("Lijnmanager", { exact: true })
          .isChecked(),
      ).toBe(true);
      await expectNoAxeViolations(coordinator);
      expect(countCourses()).toBe(coursesBefore);
    },
    JOURNEY_TIMEOUT_MS,
  );
});

async function expectSessionErrors(page: AnyPage, typed: Record<string, string>) {
  const expected: [string, string][] = [
    ["Einde", "Het einde moet na het begin liggen."],
    ["Aantal plaatsen", "Het aantal plaatsen is minstens 1."],
    ["Inschrijven kan tot", "De inschrijfdeadline mag niet na het begin van de sessie liggen."],
  ];
  for (const [label, message] of expected) {
    expect(await field(page, label).getAttribute("aria-invalid"), label).toBe("true");
    expect(await describedText(page, label), label).toContain(message);
  }
  // Each message only at its own field.
  expect(await describedText(page, "Einde")).not.toContain("plaatsen");
  expect(await describedText(page, "Aantal plaatsen")).not.toContain("einde");
  // The start itself is fine.
  expect(await field(page, "Begin").getAttribute("aria-invalid")).toBeNull();
  for (const [label, value] of Object.entries(typed)) {
    expect(await field(page, label).inputValue(), label).toBe(value);
  }
}

test(
  "een sessie wijzigen en annuleren: de sessie blijft zichtbaar, gemarkeerd als geannuleerd met de reden",
  async () => {
    const coordinator = await signedIn(demoUsers.coordinator);
    const title = `Annuleringsoefening ${uniqueSuffix()}`;
    const course = await createCourseViaForm(coordinator, title);
    const session = await addSessionViaForm(coordinator, course, 12);

    // First a change: fewer places.
    const row = upcomingRow(coordinator, title, session.dateText);
    await row.getByRole("link", { name: /^Bewerken/ }).click();
    await waitForPath(coordinator, `/sessies/${session.id}/bewerken`);
    await coordinator.getByRole("heading", { level: 1, name: "Sessie wijzigen" }).waitFor();
    expect(await field(coordinator, "Begin").inputValue()).toBe(session.start);
    expect(await field(coordinator, "Aantal plaatsen").inputValue()).toBe("12");
    await expectNoAxeViolations(coordinator);
    await field(coordinator, "Aantal plaatsen").fill("8");
    await coordinator.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    await waitForPath(coordinator, `/catalogus/${course.slug}`);
    await expect
      .poll(() => statusTexts(coordinator))
      .toContainEqual(expect.stringContaining("De sessie is gewijzigd."));
    await expectNoAxeViolations(coordinator);
    expect(squash(await upcomingRow(coordinator, title, session.dateText).textContent())).toContain(
      "Nog 8 plaatsen",
    );

    // Then the cancellation, first with a reason that is too short.
    await upcomingRow(coordinator, title, session.dateText)
      .getByRole("link", { name: /^Annuleren/ })
      .click();
    await waitForPath(coordinator, `/sessies/${session.id}/annuleren`);
    await coordinator.getByRole("heading", { level: 1, name: "Sessie annuleren" }).waitFor();
    await expectNoAxeViolations(coordinator);
    await field(coordinator, "Reden van de annulering").fill("ziek");
    await coordinator.getByRole("button", { name: "Sessie annuleren" }).click();
    await expect
      .poll(() => field(coordinator, "Reden van de annulering").getAttribute("aria-invalid"))
      .toBe("true");
    expect(await describedText(coordinator, "Reden van de annulering")).toContain(
      "Een reden is minstens 5 tekens.",
    );
    await expectNoAxeViolations(coordinator);
    expect(sessionsOf(course.id).at(-1)?.status).toBe("planned");

    const reason = "De trainer is ziek; we plannen binnenkort een nieuwe datum.";
    await field(coordinator, "Reden van de annulering").fill(reason);
    await coordinator.getByRole("button", { name: "Sessie annuleren" }).click();
    await waitForPath(coordinator, `/catalogus/${course.slug}`);
    await expect
      .poll(() => statusTexts(coordinator))
      .toContainEqual(
        expect.stringContaining(
          "De sessie is geannuleerd en blijft met de reden zichtbaar in de catalogus.",
        ),
      );
    await expectNoAxeViolations(coordinator);
    expect(sessionsOf(course.id).at(-1)).toMatchObject({
      id: session.id,
      status: "cancelled",
      cancel_reason: reason,
    });

    const cancelledRow = upcomingRow(coordinator, title, session.dateText);
    await expect.poll(() => cancelledRow.count()).toBe(1);
    const cancelledText = squash(await cancelledRow.textContent());
    expect(cancelledText).toContain(`Geannuleerd: ${reason}`);
    expect(cancelledText).not.toContain("Open voor inschrijving");
    expect(cancelledText).not.toContain("Nog 8 plaatsen");
    expect(await cancelledRow.getByRole("link", { name: /^Annuleren/ }).count()).toBe(0);
    expect(await cancelledRow.getByRole("link", { name: /^Bewerken/ }).count()).toBe(0);

    // Cancelling twice is not possible: the page explains why.
    await visit(coordinator, `/sessies/${session.id}/annuleren`);
    await coordinator.getByText("Deze sessie is al geannuleerd.").waitFor();
    expect(await coordinator.getByRole("button", { name: "Sessie annuleren" }).count()).toBe(0);
    await visit(coordinator, `/sessies/${session.id}/bewerken`);
    await coordinator
      .getByText("Deze sessie is geannuleerd en kan niet meer worden gewijzigd.")
      .waitFor();

    // The member sees the same.
    const member = await signedIn(demoUsers.member);
    await visit(member, `/catalogus/${course.slug}`);
    const memberRow = upcomingRow(member, title, session.dateText);
    await expect.poll(() => memberRow.count()).toBe(1);
    const memberText = squash(await memberRow.textContent());
    expect(memberText).toContain(`Geannuleerd: ${reason}`);
    expect(memberText).not.toContain("Open voor inschrijving");

    // The calendar file now takes the event out of the calendar.
    const ics = await member.context().request.get(url(`/sessies/${session.id}/ics`));
    expect(ics.status()).toBe(200);
    const icsText = unfoldIcs(await ics.text());
    expect(icsText).toContain("STATUS:CANCELLED");
    expect(icsText).toContain("METHOD:CANCEL");
  },
  JOURNEY_TIMEOUT_MS,
);

test(
  "publiceren en uit de catalogus halen: een medewerker ziet een concept niet",
  async () => {
    const coordinator = await signedIn(demoUsers.coordinator);
    const title = `Publicatieproef ${uniqueSuffix()}`;
    const course = await createCourseViaForm(coordinator, title);

    await coordinator.getByRole("link", { name: "Bewerken", exact: true }).click();
    await waitForPath(coordinator, `/catalogus/${course.slug}/bewerken`);
    await coordinator.getByRole("heading", { level: 1, name: "Opleiding bewerken" }).waitFor();
    expect(await field(coordinator, "Titel").inputValue()).toBe(title);
    expect(await field(coordinator, "Kosten per deelnemer").inputValue()).toBe("1.250,50");
    await expectNoAxeViolations(coordinator);

    await coordinator.getByRole("button", { name: "Uit de catalogus halen" }).click();
    await expect
      .poll(() => statusTexts(coordinator))
      .toContainEqual(expect.stringContaining("De opleiding is uit de catalogus gehaald"));
    await coordinator.getByRole("button", { name: "Publiceren" }).waitFor();
    await expectNoAxeViolations(coordinator);
    expect(findCourseByTitle(title)?.published).toBe(0);

    const member = await signedIn(demoUsers.member);
    const hidden = await visit(member, `/catalogus/${course.slug}`);
    expect(hidden.status()).toBe(404);
    await visit(member, "/catalogus");
    expect(await courseTitlesListed(member)).not.toContain(title);

    await coordinator.getByRole("button", { name: "Publiceren" }).click();
    await expect
      .poll(() => statusTexts(coordinator))
      .toContainEqual(expect.stringContaining("De opleiding is gepubliceerd"));
    await coordinator.getByRole("button", { name: "Uit de catalogus halen" }).waitFor();
    await expectNoAxeViolations(coordinator);
    expect(findCourseByTitle(title)?.published).toBe(1);

    const shown = await visit(member, `/catalogus/${course.slug}`);
    expect(shown.status()).toBe(200);
    await member.getByRole("heading", { level: 1, name: title }).waitFor();
  },
  JOURNEY_TIMEOUT_MS,
);

describe("een medewerker kan de catalogus niet beheren", () => {
  test(
    "de beheerpagina's geven „Geen toegang”",
    async () => {
      const member = await signedIn(demoUsers.member);
      const sessionId = futurePlannedSessionOf(notForLineManagers.slug);
      for (const path of [
        "/catalogus/nieuw",
        `/catalogus/${notForLineManagers.slug}/bewerken`,
        `/catalogus/${notForLineManagers.slug}/sessies/nieuw`,
        `/sessies/${sessionId}/bewerken`,
        `/sessies/${sessionId}/annuleren`,
      ]) {
        const response = await visit(member, path);
        expect(response.status(), path).toBe(403);
        await member.getByRole("heading", { level: 1, name: "Geen toegang" }).waitFor();
        expect(await field(member, "Titel").count(), path).toBe(0);
      }
      // A session of an unpublished course does not exist for a member, not even as a calendar file.
      const hiddenSession = futurePlannedSessionOf(unpublished.slug);
      const ics = await member.context().request.get(url(`/sessies/${hiddenSession}/ics`));
      expect(ics.status()).toBe(404);
      // The catalogue itself has no button to add a course for a member.
      await visit(member, "/catalogus");
      expect(await member.getByRole("link", { name: "Nieuwe activiteit" }).count()).toBe(0);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    "een POST naar /catalogus/nieuw met het cookie van een medewerker krijgt 403 en maakt niets",
    async () => {
      const member = await signedIn(demoUsers.member);
      const goalId = firstLearningGoalId();
      const form = (title: string) => ({
        title,
        kind: "knowledge_session",
        summary: "Via een los verzoek ingestuurd.",
        provider: "Onbekend",
        costPerParticipant: "0",
        durationHours: "2",
        targetRoles: "line_manager",
        learningGoalIds: String(goalId),
      });

      const coursesBefore = countCourses();
      const forbiddenTitle = `Niet toegestaan ${uniqueSuffix()}`;
      const forbidden = await member.context().request.post(url("/catalogus/nieuw"), {
        form: form(forbiddenTitle),
        headers: { Origin: baseUrl },
        maxRedirects: 0,
      });
      expect(forbidden.status()).toBe(403);
      expect(await forbidden.text()).toContain("Geen toegang");
      expect(countCourses()).toBe(coursesBefore);
      expect(findCourseByTitle(forbiddenTitle)).toBeUndefined();

      // The same request from a coordinator goes through, so the refusal above is the role's doing.
      const coordinator = await signedIn(demoUsers.coordinator);
      const allowedTitle = `Wel toegestaan ${uniqueSuffix()}`;
      const allowed = await coordinator.context().request.post(url("/catalogus/nieuw"), {
        form: form(allowedTitle),
        headers: { Origin: baseUrl },
        maxRedirects: 0,
      });
      expect(allowed.status()).toBe(302);
      const created = findCourseByTitle(allowedTitle);
      expect(created).toMatchObject({ published: 0 });
      expect(allowed.headers()["location"]).toBe(`/catalogus/${created!.slug}`);
      expect(countCourses()).toBe(coursesBefore + 1);
    },
    JOURNEY_TIMEOUT_MS,
  );
});

describe("toegankelijkheid", () => {
  test(
    "catalogus, filters en een opleiding voor een medewerker",
    async () => {
      const member = await signedIn(demoUsers.member);
      const unfiltered = await visit(member, "/catalogus");
      expect(unfiltered.status()).toBe(200);
      await member.getByRole("heading", { level: 1, name: "Catalogus" }).waitFor();

      for (const query of [
        "?soort=knowledge_session",
        "?rol=line_manager&leerdoel=&van=&tot=&zoek=",
        `?van=${amsterdamDayFromNow(0)}&tot=${amsterdamDayFromNow(60)}`,
        "?zoek=opgaveregie",
        "?zoek=zzzz-bestaat-niet",
        "?soort=onzin&rol=ook-onzin",
      ]) {
        const response = await visit(member, `/catalogus${query}`);
        expect(response.status(), query).toBe(200);
      }
      // The last one: the bad values are named, not an error.
      await member.getByText("Niet alle filters konden worden gebruikt:").waitFor();

      // The period filter: the masterclass's first session is 45 days after the seed (today).
      await visit(
        member,
        `/catalogus?van=${amsterdamDayFromNow(44)}&tot=${amsterdamDayFromNow(46)}`,
      );
      expect(await courseTitlesListed(member)).toContain(notForLineManagers.title);
      await visit(
        member,
        `/catalogus?van=${amsterdamDayFromNow(47)}&tot=${amsterdamDayFromNow(100)}`,
      );
      expect(await courseTitlesListed(member)).not.toContain(notForLineManagers.title);

      // The filter form without typing an address: kind and search together.
      await visit(member, "/catalogus");
      await field(member, "Soort").selectOption({ label: "Individuele verdiepende opleiding" });
      await field(member, "Zoeken").fill("opgaveregie");
      await member.getByRole("button", { name: "Filteren", exact: true }).click();
      await member.waitForURL((current) => current.searchParams.get("zoek") === "opgaveregie");
      await member.waitForLoadState("load");
      await expect.poll(() => courseTitlesListed(member)).toContain(notForLineManagers.title);
      await expectNoAxeViolations(member);

      for (const slug of [notForLineManagers.slug, withPastSessions.slug]) {
        const response = await visit(member, `/catalogus/${slug}`);
        expect(response.status(), slug).toBe(200);
      }
      await member.getByRole("heading", { level: 2, name: "Eerdere sessies" }).waitFor();

      // An unpublished course does not exist for a member.
      const hidden = await visit(member, `/catalogus/${unpublished.slug}`);
      expect(hidden.status()).toBe(404);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    "de beheerpagina's voor een coördinator",
    async () => {
      const coordinator = await signedIn(demoUsers.coordinator);
      const sessionId = futurePlannedSessionOf(notForLineManagers.slug);
      for (const path of [
        "/catalogus",
        "/catalogus?rol=line_manager",
        `/catalogus/${notForLineManagers.slug}`,
        `/catalogus/${withPastSessions.slug}`,
        `/catalogus/${unpublished.slug}`,
        "/catalogus/nieuw",
        `/catalogus/${notForLineManagers.slug}/bewerken`,
        `/catalogus/${unpublished.slug}/bewerken`,
        `/catalogus/${notForLineManagers.slug}/sessies/nieuw`,
        `/sessies/${sessionId}/bewerken`,
        `/sessies/${sessionId}/annuleren`,
      ]) {
        const response = await visit(coordinator, path);
        expect(response.status(), path).toBe(200);
      }
      // The concept is visible to the coordinator, marked as such.
      await visit(coordinator, `/catalogus/${unpublished.slug}`);
      await coordinator.getByText("Niet gepubliceerd").first().waitFor();
      // Nothing was cancelled by looking.
      expect(
        withDatabase(
          (db) =>
            (
              db.prepare("SELECT status FROM course_sessions WHERE id = ?").get(sessionId) as {
                status: string;
              }
            ).status,
        ),
      ).toBe("planned");
    },
    JOURNEY_TIMEOUT_MS,
  );
});
