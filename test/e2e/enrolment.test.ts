// Enrolment in a real browser. Two colleagues and one seat: the first is confirmed, the second
// waitlisted; the first cancels on "Mijn inschrijvingen" and the second moves up; both mails carry
// their calendar file in the outbox. A paid course: a colleague requests, a coordinator approves and
// /budget shows the commitment. Every page visited is checked with axe.
import ICAL from "ical.js";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserForThisFile,
  createActiveColleague,
  DEMO_PASSWORD,
  demoUsers,
  expectNoAxeViolations,
  pathOf,
  signInToDashboard,
  visit,
  waitForPath,
  withDatabase,
} from "#test/e2e/support.ts";

const browser = browserForThisFile();
const JOURNEY_TIMEOUT_MS = 240_000;
const DAY_MS = 24 * 60 * 60 * 1000;

function courseBySlug(slug: string) {
  return withDatabase(
    (db) =>
      db.prepare("SELECT id, title FROM courses WHERE slug = ?").get(slug) as {
        id: number;
        title: string;
      },
  );
}

function newestSessionOf(courseId: number): number {
  return withDatabase(
    (db) =>
      (
        db
          .prepare("SELECT max(id) AS id FROM course_sessions WHERE course_id = ?")
          .get(courseId) as { id: number }
      ).id,
  );
}

function nextPlannedSessionOf(courseId: number): number {
  return withDatabase(
    (db) =>
      (
        db
          .prepare(
            "SELECT id FROM course_sessions WHERE course_id = ? AND status = 'planned' AND starts_at > ? ORDER BY starts_at LIMIT 1",
          )
          .get(courseId, new Date().toISOString()) as { id: number }
      ).id,
  );
}

function enrolmentOf(sessionId: number, userId: number) {
  return withDatabase(
    (db) =>
      db
        .prepare(
          "SELECT id, status FROM enrolments WHERE session_id = ? AND member_id = ? ORDER BY id DESC LIMIT 1",
        )
        .get(sessionId, userId) as { id: number; status: string } | undefined,
  );
}

type CalendarFile = { method: string; uid: string; status: string };

function mailsWithCalendar(userId: number) {
  const rows = withDatabase(
    (db) =>
      db
        .prepare("SELECT template, attachments FROM mail_outbox WHERE to_user_id = ? ORDER BY id")
        .all(userId) as { template: string; attachments: string | null }[],
  );
  return rows.map((row) => {
    const files = row.attachments
      ? (JSON.parse(row.attachments) as { filename: string; content: string }[])
      : [];
    const ics = files.find((file) => file.filename.endsWith(".ics"));
    let calendar: CalendarFile | null = null;
    if (ics) {
      const component = new ICAL.Component(ICAL.parse(ics.content));
      const event = component.getFirstSubcomponent("vevent")!;
      calendar = {
        method: String(component.getFirstPropertyValue("method")),
        uid: String(event.getFirstPropertyValue("uid")),
        status: String(event.getFirstPropertyValue("status")),
      };
    }
    return { template: row.template, calendar };
  });
}

/** yyyy-mm-dd in Amsterdam, `days` from now. */
function amsterdamDay(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(
    new Date(Date.now() + days * DAY_MS),
  );
}

function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label}(?: \\(verplicht\\))?$`));
}

function statusTexts(page: Page) {
  return page.getByRole("status").allTextContents();
}

/** The coordinator adds a one-seat session to a free course through the form. */
async function addOneSeatSession(page: Page, slug: string): Promise<number> {
  await visit(page, `/catalogus/${slug}/sessies/nieuw`);
  await page.getByRole("heading", { level: 1, name: "Sessie toevoegen" }).waitFor();
  const day = amsterdamDay(40);
  await field(page, "Begin").fill(`${day}T09:30`);
  await field(page, "Einde").fill(`${day}T12:00`);
  await field(page, "Locatie").fill("Gemeentehuis Huizen, kamer 1.12");
  await field(page, "Aantal plaatsen").fill("1");
  await field(page, "Inschrijven kan tot").fill(`${amsterdamDay(35)}T17:00`);
  await field(page, "Kosten van de sessie").fill("0");
  await page.getByRole("button", { name: "Sessie opslaan" }).click();
  await waitForPath(page, `/catalogus/${slug}`);
  return newestSessionOf(courseBySlug(slug).id);
}

async function enrolOnSessionPage(page: Page, sessionId: number) {
  await visit(page, `/sessies/${sessionId}`);
  await page.getByRole("button", { name: "Inschrijven" }).click();
  await waitForPath(page, `/sessies/${sessionId}`);
}

/** The "Verplicht" tile on /budget, in cents. */
async function committedOnBudgetPage(page: Page): Promise<number> {
  await visit(page, "/budget");
  const text = await page
    .locator(".figure-tiles > div", { has: page.locator("dt", { hasText: /^Verplicht$/ }) })
    .locator("dd")
    .first()
    .textContent();
  const digits = (text ?? "").replace(/[^\d,]/g, "").replace(",", ".");
  return Math.round(Number(digits) * 100);
}

describe("enrolment", () => {
  test(
    "two colleagues, one seat: confirmed, waitlisted, cancelled and promoted, with calendar mail",
    async () => {
      const admin = await browser.newPage();
      await signInToDashboard(admin, demoUsers.admin, DEMO_PASSWORD);
      const first = await createActiveColleague(admin, await browser.newPage(), "Ilse Koster");
      const second = await createActiveColleague(admin, await browser.newPage(), "Ruben Prins");

      const coordinator = await browser.newPage();
      await signInToDashboard(coordinator, demoUsers.coordinator, DEMO_PASSWORD);
      const sessionId = await addOneSeatSession(coordinator, "workshop-opgave-afbakenen");

      const firstPage = await browser.newPage();
      await signInToDashboard(firstPage, first, first.password);
      await enrolOnSessionPage(firstPage, sessionId);
      await expect
        .poll(() => statusTexts(firstPage))
        .toContainEqual(expect.stringContaining("U bent ingeschreven voor"));
      await expectNoAxeViolations(firstPage);
      expect(enrolmentOf(sessionId, first.userId)?.status).toBe("confirmed");

      const secondPage = await browser.newPage();
      await signInToDashboard(secondPage, second, second.password);
      await enrolOnSessionPage(secondPage, sessionId);
      await expect
        .poll(() => statusTexts(secondPage))
        .toContainEqual(
          expect.stringContaining("De sessie is vol. U staat op plaats 1 van de wachtlijst."),
        );
      await expectNoAxeViolations(secondPage);
      expect(enrolmentOf(sessionId, second.userId)?.status).toBe("waitlisted");

      // The coordinator sees both, the second on the waitlist.
      await visit(coordinator, `/sessies/${sessionId}`);
      const waitlist = coordinator.getByRole("table", { name: /Wachtlijst/ });
      await expect.poll(() => waitlist.textContent()).toContain(second.name);

      // The first cancels on "Mijn inschrijvingen".
      await visit(firstPage, "/mijn-inschrijvingen");
      const firstEnrolmentId = enrolmentOf(sessionId, first.userId)!.id;
      await firstPage
        .locator(`form:has(input[name="enrolmentId"][value="${firstEnrolmentId}"])`)
        .getByRole("button", { name: /^Afmelden/ })
        .click();
      await expect
        .poll(() => statusTexts(firstPage))
        .toContainEqual(expect.stringContaining("afgemeld"));
      await expectNoAxeViolations(firstPage);
      expect(enrolmentOf(sessionId, first.userId)?.status).toBe("cancelled");
      expect(enrolmentOf(sessionId, second.userId)?.status).toBe("confirmed");

      // The second sees the seat on their own page.
      await visit(secondPage, `/sessies/${sessionId}`);
      await expect
        .poll(() => secondPage.getByRole("region", { name: "Uw inschrijving" }).textContent())
        .toContain("Ingeschreven");
      await expectNoAxeViolations(secondPage);

      // Both mails and their calendar files are in the outbox, one UID per enrolment.
      const firstId = firstEnrolmentId;
      const secondId = enrolmentOf(sessionId, second.userId)!.id;
      const firstMails = mailsWithCalendar(first.userId).filter((mail) =>
        mail.template.startsWith("enrolment_"),
      );
      expect(firstMails).toEqual([
        {
          template: "enrolment_confirmed",
          calendar: {
            method: "REQUEST",
            uid: `inschrijving-${firstId}@gildeportaal.huizen.nl`,
            status: "CONFIRMED",
          },
        },
        {
          template: "enrolment_cancelled",
          calendar: {
            method: "CANCEL",
            uid: `inschrijving-${firstId}@gildeportaal.huizen.nl`,
            status: "CANCELLED",
          },
        },
      ]);
      const secondMails = mailsWithCalendar(second.userId).filter((mail) =>
        mail.template.startsWith("enrolment_"),
      );
      expect(secondMails).toEqual([
        { template: "enrolment_waitlisted", calendar: null },
        {
          template: "enrolment_confirmed",
          calendar: {
            method: "REQUEST",
            uid: `inschrijving-${secondId}@gildeportaal.huizen.nl`,
            status: "CONFIRMED",
          },
        },
      ]);
      expect(pathOf(secondPage)).toBe(`/sessies/${sessionId}`);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    "a paid course: a colleague requests, a coordinator approves, and the budget shows the commitment",
    async () => {
      const admin = await browser.newPage();
      await signInToDashboard(admin, demoUsers.admin, DEMO_PASSWORD);
      const colleague = await createActiveColleague(admin, await browser.newPage(), "Noor Willems");

      const course = courseBySlug("training-netwerksamenwerking");
      const sessionId = nextPlannedSessionOf(course.id);

      const page = await browser.newPage();
      await signInToDashboard(page, colleague, colleague.password);
      await visit(page, `/sessies/${sessionId}`);
      await expect.poll(() => page.getByRole("main").textContent()).toMatch(/€\s895,00/);
      await enrolOnSessionPage(page, sessionId);
      await expect
        .poll(() => statusTexts(page))
        .toContainEqual(expect.stringContaining("Een coördinator beoordeelt haar"));
      await expectNoAxeViolations(page);
      expect(enrolmentOf(sessionId, colleague.userId)?.status).toBe("requested");

      const coordinator = await browser.newPage();
      await signInToDashboard(coordinator, demoUsers.coordinator, DEMO_PASSWORD);
      const committedBefore = await committedOnBudgetPage(coordinator);

      await visit(coordinator, `/sessies/${sessionId}`);
      await coordinator
        .getByRole("button", { name: `Goedkeuren (aanvraag van ${colleague.name})` })
        .click();
      await waitForPath(coordinator, `/sessies/${sessionId}`);
      await expect
        .poll(() => statusTexts(coordinator))
        .toContainEqual(expect.stringContaining("De aanvraag is goedgekeurd"));
      await expectNoAxeViolations(coordinator);
      expect(enrolmentOf(sessionId, colleague.userId)?.status).toBe("confirmed");

      expect(await committedOnBudgetPage(coordinator)).toBe(committedBefore + 89_500);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
