// The half-year evaluation in a real browser: a coordinator registers attendance, the member gives
// feedback, the coordinator opens the report and finds the comment, downloads the XLSX and reads a
// figure back, and prints the report to PDF with the headline figures on its first page. Every page
// visited is checked with axe.
import ExcelJS from "exceljs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, test } from "vitest";
import {
  browserForThisFile,
  DEMO_PASSWORD,
  demoUsers,
  expectNoAxeViolations,
  findUserRow,
  signInToDashboard,
  url,
  visit,
  waitForPath,
  withDatabase,
} from "#test/e2e/support.ts";

const browser = browserForThisFile();
const JOURNEY_TIMEOUT_MS = 240_000;

/** The member's latest attended enrolment without feedback (the demo seed leaves one). */
function attendedWithoutFeedback(memberId: number) {
  return withDatabase(
    (db) =>
      db
        .prepare(
          `SELECT e.id AS enrolmentId, e.session_id AS sessionId, c.title AS courseTitle
           FROM enrolments e
           JOIN course_sessions s ON s.id = e.session_id
           JOIN courses c ON c.id = s.course_id
           WHERE e.member_id = ? AND e.attendance = 'attended'
             AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.enrolment_id = e.id)
           ORDER BY s.starts_at DESC LIMIT 1`,
        )
        .get(memberId) as { enrolmentId: number; sessionId: number; courseTitle: string },
  );
}

function feedbackOf(enrolmentId: number) {
  return withDatabase(
    (db) =>
      db.prepare("SELECT rating, comment FROM feedback WHERE enrolment_id = ?").get(enrolmentId) as
        { rating: number; comment: string | null } | undefined,
  );
}

/** "2026-H2" for now, in Amsterdam time. */
function currentHalfYear(): string {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" })
    .format(new Date())
    .split("-")
    .map(Number) as [number, number];
  return `${year}-H${month <= 6 ? 1 : 2}`;
}

describe("the half-year evaluation", () => {
  test(
    "attend, give feedback, find it in the report, read the XLSX back and print to PDF",
    async () => {
      const member = findUserRow(demoUsers.member.email)!;
      const attended = attendedWithoutFeedback(member.id);
      expect(
        attended,
        "the demo seed leaves the member one session to give feedback on",
      ).toBeTruthy();

      // The coordinator registers attendance after the session (the member attended).
      const coordinator = await browser.newPage();
      await signInToDashboard(coordinator, demoUsers.coordinator, DEMO_PASSWORD);
      await visit(coordinator, `/sessies/${attended.sessionId}`);
      await coordinator.getByRole("button", { name: "Aanwezigheid opslaan" }).click();
      await expect
        .poll(() => coordinator.getByRole("status").allTextContents())
        .toContainEqual(expect.stringContaining("De aanwezigheid is vastgelegd"));
      await expectNoAxeViolations(coordinator);

      // The member gives feedback from "Mijn inschrijvingen".
      const page = await browser.newPage();
      await signInToDashboard(page, demoUsers.member, DEMO_PASSWORD);
      await visit(page, "/mijn-inschrijvingen");
      await page.locator(`a[href="/mijn-inschrijvingen/${attended.enrolmentId}/feedback"]`).click();
      await waitForPath(page, `/mijn-inschrijvingen/${attended.enrolmentId}/feedback`);
      await expectNoAxeViolations(page);
      const comment = `Heel bruikbaar voor mijn opgaveplan (${Date.now()}).`;
      await page.getByLabel(/^4 – /).check();
      const goals = page.getByRole("group", { name: /Bij welke leerdoelen/ }).getByRole("checkbox");
      if ((await goals.count()) > 0) await goals.first().check();
      await page.getByLabel(/^Opmerking/).fill(comment);
      await page.getByRole("button", { name: "Feedback versturen" }).click();
      await waitForPath(page, "/mijn-inschrijvingen");
      await expect
        .poll(() => page.getByRole("status").allTextContents())
        .toContainEqual(expect.stringContaining("Dank voor uw feedback."));
      await expectNoAxeViolations(page);
      expect(feedbackOf(attended.enrolmentId)).toEqual({ rating: 4, comment });

      // The coordinator opens the report of the running half-year and finds the comment.
      const halfYear = currentHalfYear();
      await visit(coordinator, "/rapportages");
      await coordinator.getByLabel("Halfjaar").selectOption(halfYear);
      await coordinator.getByRole("button", { name: "Toon rapportage" }).click();
      await expect
        .poll(() => new URL(coordinator.url()).searchParams.get("halfjaar"))
        .toBe(halfYear);
      const comments = coordinator.locator("#opmerkingen").locator("..");
      await expect.poll(() => comments.textContent()).toContain(comment);
      await expectNoAxeViolations(coordinator);

      const tileValue = async (label: string) =>
        (
          await coordinator
            .locator(".figure-tile", {
              has: coordinator.locator("dt.figure-tile__label", { hasText: label }),
            })
            .first()
            .locator("dd.figure-tile__value")
            .textContent()
        )?.trim() ?? "";
      const held = await tileValue("Activiteiten gehouden");
      const participants = await tileValue("Unieke deelnemers");
      expect(held).toMatch(/^\d+$/);

      // The XLSX: the same figure on the "Kerncijfers" sheet, in the column of this half-year.
      const [download] = await Promise.all([
        coordinator.waitForEvent("download"),
        coordinator.getByRole("link", { name: "Download XLSX" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`evaluatie-${halfYear}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      const sheet = workbook.getWorksheet("Kerncijfers")!;
      const header = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ""));
      const column = header.indexOf(halfYear);
      expect(column).toBeGreaterThan(0);
      let fromSheet: unknown;
      sheet.eachRow((row) => {
        if ((row.values as unknown[]).some((value) => value === "Activiteiten gehouden"))
          fromSheet = row.getCell(column).value;
      });
      expect(fromSheet).toBe(Number(held));
      const commentsSheet = workbook.getWorksheet("Opmerkingen")!;
      let found = false;
      commentsSheet.eachRow((row) => {
        if ((row.values as unknown[]).includes(comment)) found = true;
      });
      expect(found).toBe(true);

      // Printed to PDF on A4: the headline figures are on the first page.
      const pdf = await coordinator.pdf({ format: "A4", printBackground: true });
      const document = await pdfjs.getDocument({ data: new Uint8Array(pdf) }).promise;
      expect(document.numPages).toBeGreaterThan(1);
      const first = await document.getPage(1);
      const text = (await first.getTextContent()).items
        .map((item) => ("str" in item ? item.str : ""))
        .join(" ")
        .replace(/\s+/g, " ");
      for (const label of ["Kerncijfers", "Activiteiten gehouden", "Unieke deelnemers"]) {
        expect(text).toContain(label);
      }
      expect(text).toContain(`Activiteiten gehouden ${held}`);
      expect(text).toContain(`Unieke deelnemers ${participants}`);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    "a member cannot open the report, and a half-year that does not exist gets a Dutch message",
    async () => {
      const member = await browser.newPage();
      await signInToDashboard(member, demoUsers.member, DEMO_PASSWORD);
      const response = await visit(member, "/rapportages");
      expect(response.status()).toBe(403);
      // A download is no page: asked with the member's cookies, outside the page.
      const download = await member.context().request.get(url("/rapportages/2026-H1.xlsx"), {
        maxRedirects: 0,
      });
      expect(download.status()).toBe(403);

      const hr = await browser.newPage();
      await signInToDashboard(hr, demoUsers.hr, DEMO_PASSWORD);
      await visit(hr, "/rapportages?halfjaar=2023-H3");
      await expect
        .poll(() => hr.locator("#halfjaar-fout").textContent())
        .toContain("Kies een halfjaar als 2026-H1 of 2026-H2.");
      await expectNoAxeViolations(hr);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
