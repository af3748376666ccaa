// The budget's journeys in a real browser: a coordinator requests an expense and previews its effect,
// a second coordinator approves it (four eyes), P&O sees the budget drop and downloads the exports; a
// significant expense waits for the college; bad amounts and bad college decisions are refused beside
// the fields; a member cannot see the budget; the burn-down chart works without JavaScript. Every page
// visited is checked with axe.
import fs from "node:fs/promises";
import ExcelJS from "exceljs";
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
  withDatabase,
} from "#test/e2e/support.ts";

const browser = browserForThisFile();

// These journeys sign in three people, fill in forms and check every page with axe; give them room
// on a busy machine, as the catalogue's journeys have.
const JOURNEY_TIMEOUT_MS = 180_000;

const BUDGET_NAME = "Opleidingsbudget Gilde OGW";
const COLLEGE_MAIL_TEMPLATE = "expense_college";

// ---------------------------------------------------------------------------------------------
// The test database, read-only

type ExpenseRow = {
  id: number;
  description: string;
  supplier: string;
  kind: string;
  amount_cents: number;
  requested_by_id: number;
  status: string;
  significant: number;
  college_outcome: string | null;
  college_decision_date: string | null;
  college_reference: string | null;
  college_recorded_by_id: number | null;
  decided_by_id: number | null;
  decided_at: string | null;
  updated_at: string | null;
};

const expenseColumns =
  "id, description, supplier, kind, amount_cents, requested_by_id, status, significant, college_outcome, college_decision_date, college_reference, college_recorded_by_id, decided_by_id, decided_at, updated_at";

function expenseById(id: number): ExpenseRow | undefined {
  return withDatabase(
    (db) =>
      db.prepare(`SELECT ${expenseColumns} FROM expenses WHERE id = ?`).get(id) as
        ExpenseRow | undefined,
  );
}

function expensesByDescription(description: string): ExpenseRow[] {
  return withDatabase(
    (db) =>
      db
        .prepare(`SELECT ${expenseColumns} FROM expenses WHERE description = ? ORDER BY id`)
        .all(description) as ExpenseRow[],
  );
}

function countExpenses(): number {
  return withDatabase(
    (db) => (db.prepare("SELECT count(*) AS n FROM expenses").get() as { n: number }).n,
  );
}

type LedgerRow = { id: number; type: string; amount_cents: number; created_by_id: number | null };

function ledgerOf(expenseId: number): LedgerRow[] {
  return withDatabase(
    (db) =>
      db
        .prepare(
          "SELECT id, type, amount_cents, created_by_id FROM ledger_entries WHERE expense_id = ? ORDER BY id",
        )
        .all(expenseId) as LedgerRow[],
  );
}

function countLedgerEntries(): number {
  return withDatabase(
    (db) => (db.prepare("SELECT count(*) AS n FROM ledger_entries").get() as { n: number }).n,
  );
}

function userIdOf(email: string): number {
  const row = withDatabase(
    (db) =>
      db.prepare("SELECT id FROM users WHERE email = ?").get(email.toLowerCase()) as
        { id: number } | undefined,
  );
  if (!row) throw new Error(`Geen gebruiker ${email} in de testdatabase.`);
  return row.id;
}

type MailRow = { id: number; template: string; to_address: string; subject: string; text: string };

function mailsWithTemplate(template: string): MailRow[] {
  return withDatabase(
    (db) =>
      db
        .prepare(
          "SELECT id, template, to_address, subject, text FROM mail_outbox WHERE template = ? ORDER BY id",
        )
        .all(template) as MailRow[],
  );
}

/** Everything that changes when someone decides on an expense: the row and the ledger. */
function snapshotOf(expenseId: number) {
  return {
    expense: expenseById(expenseId),
    ledger: ledgerOf(expenseId),
    entries: countLedgerEntries(),
  };
}

// ---------------------------------------------------------------------------------------------
// Text and amounts

function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Text with every run of white space (non-breaking spaces too) as one space. */
function squash(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** "€ 1.234,56" (with a non-breaking space or none) as 123456 cents. */
function centsFromEuroText(text: string | null | undefined): number {
  const compact = squash(text).replace(/[€\s]/g, "");
  const match = /^(-?)(\d{1,3}(?:\.\d{3})*|\d+),(\d{2})$/.exec(compact);
  if (!match) throw new Error(`Geen bedrag in euro's: „${text}”`);
  const cents = Number(match[2]!.replace(/\./g, "")) * 100 + Number(match[3]);
  return match[1] === "-" ? -cents : cents;
}

const euroFormat = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });

/** 123456 → "€ 1.234,56" with a plain space, as squash() leaves a shown amount. */
function euroText(cents: number): string {
  return squash(euroFormat.format(cents / 100));
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day (yyyy-mm-dd) in Amsterdam so many days from now. */
function amsterdamDayFromNow(days: number): string {
  return isoDay.format(new Date(Date.now() + days * DAY_MS));
}

// ---------------------------------------------------------------------------------------------
// Pages

/** A form control by its label, with or without " (verplicht)". */
function field(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByLabel(new RegExp(`^${escaped}(?: \\(verplicht\\))?$`));
}

function statusTexts(page: Page) {
  return page.getByRole("status").allTextContents();
}

async function alertTexts(page: Page): Promise<string[]> {
  return (await page.getByRole("alert").allTextContents()).map(squash);
}

/** The element(s) an input's aria-describedby points at: the hint and, when wrong, the error. */
async function describedText(page: Page, label: string): Promise<string> {
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

/** The value of one of the figure tiles on /budget ("Beschikbaar", "Verplicht", …) in cents. */
async function figureOnBudgetPage(page: Page, label: string): Promise<number> {
  const tile = page
    .locator(".figure-tile")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^\\s*${label}\\s*$`) }) });
  expect(await tile.count(), `één tegel „${label}”`).toBe(1);
  return centsFromEuroText(await tile.locator(".figure-tile__value").textContent());
}

async function budgetFigures(page: Page) {
  return {
    budget: await figureOnBudgetPage(page, "Budget"),
    committed: await figureOnBudgetPage(page, "Verplicht"),
    actual: await figureOnBudgetPage(page, "Gerealiseerd"),
    pending: await figureOnBudgetPage(page, "In aanvraag"),
    available: await figureOnBudgetPage(page, "Beschikbaar"),
  };
}

/** Opens /budget and reads its figures. */
async function openBudget(page: Page) {
  const response = await visit(page, "/budget");
  expect(response.status()).toBe(200);
  await page.getByRole("heading", { level: 1, name: BUDGET_NAME }).waitFor();
  return budgetFigures(page);
}

/** A row of the table in the effect panel: its two cells, [now, after approval]. */
async function effectRow(page: Page, rowName: string): Promise<string[]> {
  const row = page
    .getByRole("region", { name: "Effect op het budget" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: rowName }) });
  await expect.poll(() => row.count()).toBe(1);
  const cells = (await row.getByRole("cell").allTextContents()).map(squash);
  expect(cells, `${rowName}: nu en na goedkeuring`).toHaveLength(2);
  return cells;
}

type NewExpense = { description: string; supplier: string; amount: string };

/** Fills in /uitgaven/nieuw (already open) for an in-house training. */
async function fillExpenseForm(page: Page, expense: NewExpense) {
  await field(page, "Omschrijving").fill(expense.description);
  await field(page, "Leverancier").fill(expense.supplier);
  await field(page, "Soort").selectOption({ label: "In-house opleiding" });
  await field(page, "Bedrag").fill(expense.amount);
}

/**
 * As a signed-in coordinator: opens the form from /uitgaven, fills it in, optionally previews the
 * effect first, submits, and ends on the new expense's page. Returns its id.
 */
async function requestExpenseViaForm(
  page: Page,
  expense: NewExpense,
  options: { preview?: (page: Page) => Promise<void>; flash: string },
): Promise<number> {
  await visit(page, "/uitgaven");
  await page.getByRole("link", { name: "Nieuwe uitgave aanvragen" }).click();
  await waitForPath(page, "/uitgaven/nieuw");
  await page.getByRole("heading", { level: 1, name: "Uitgave aanvragen" }).waitFor();
  await expectNoAxeViolations(page);

  const before = countExpenses();
  await fillExpenseForm(page, expense);
  if (options.preview) {
    await page.getByRole("button", { name: "Bekijk het effect" }).click();
    await page.getByRole("heading", { level: 2, name: "Effect op het budget" }).waitFor();
    await expectNoAxeViolations(page);
    await options.preview(page);
    // Previewing writes nothing and keeps what was typed.
    expect(countExpenses()).toBe(before);
    expect(pathOf(page)).toBe("/uitgaven/nieuw");
    expect(await field(page, "Omschrijving").inputValue()).toBe(expense.description);
    expect(await field(page, "Leverancier").inputValue()).toBe(expense.supplier);
    expect(await field(page, "Soort").inputValue()).toBe("in_house");
    expect(await field(page, "Bedrag").inputValue()).toBe(expense.amount);
  }

  await page.getByRole("button", { name: "Uitgave aanvragen" }).click();
  await page.waitForURL((current) => /^\/uitgaven\/\d+$/.test(current.pathname));
  await page.waitForLoadState("load");
  await expect.poll(() => statusTexts(page)).toContainEqual(expect.stringContaining(options.flash));
  await page.getByRole("heading", { level: 1, name: expense.description }).waitFor();
  await expectNoAxeViolations(page);

  expect(countExpenses()).toBe(before + 1);
  const rows = expensesByDescription(expense.description);
  expect(rows).toHaveLength(1);
  const id = rows[0]!.id;
  expect(pathOf(page)).toBe(`/uitgaven/${id}`);
  return id;
}

/** From /uitgaven, the reviewer opens the request listed under "Te beoordelen". */
async function openFromReviewList(page: Page, expenseId: number, description: string) {
  await visit(page, "/uitgaven");
  const review = page.getByRole("region", { name: "Te beoordelen" });
  const link = review.getByRole("link", { name: description, exact: true });
  await expect.poll(() => link.count()).toBe(1);
  await link.click();
  await waitForPath(page, `/uitgaven/${expenseId}`);
  await page.getByRole("heading", { level: 1, name: description }).waitFor();
  await expectNoAxeViolations(page);
}

/** Posts the approve intent with this page's cookies, as a stale or hand-made form would. */
function postApprove(page: Page, expenseId: number) {
  return page.context().request.post(url(`/uitgaven/${expenseId}`), {
    form: { intent: "approve" },
    headers: { Origin: baseUrl },
    maxRedirects: 0,
  });
}

function approveButton(page: Page) {
  return page.getByRole("button", { name: "Uitgave goedkeuren" });
}

async function approveViaButton(page: Page, expenseId: number) {
  await approveButton(page).click();
  await expect
    .poll(() => statusTexts(page))
    .toContainEqual(
      expect.stringContaining("De uitgave is goedgekeurd en als verplichting geboekt."),
    );
  expect(pathOf(page)).toBe(`/uitgaven/${expenseId}`);
  await expectNoAxeViolations(page);
}

/** The facts list of an expense page as "term: value" lines. */
async function expenseFacts(page: Page): Promise<Record<string, string>> {
  const facts: Record<string, string> = {};
  const list = page.locator("dl.expense-facts");
  const terms = await list.locator("dt").allTextContents();
  const values = await list.locator("dd").allTextContents();
  terms.forEach((term, index) => {
    facts[squash(term)] = squash(values[index]);
  });
  return facts;
}

/** The history table of an expense page, one "cell | cell | …" line per row. */
async function historyText(page: Page, expenseId: number): Promise<string> {
  const rows = page
    .getByRole("table", { name: `Geschiedenis van uitgave ${expenseId}` })
    .locator("tbody tr");
  const lines: string[] = [];
  for (const row of await rows.all()) {
    lines.push((await row.locator("td").allTextContents()).map(squash).join(" | "));
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Journeys

test(
  "vier ogen: coördinator A vraagt € 600 aan na een voorbeeld, A kan niet zelf goedkeuren, B keurt goed; P&O ziet het budget € 600 lager en exporteert",
  async () => {
    const suffix = uniqueSuffix();
    const expense = {
      description: `Incompany-training opgaveregie ${suffix}`,
      supplier: "Trainerscollectief Samen aan Zet",
      amount: "600",
    };
    const coordinatorA = userIdOf(demoUsers.coordinator.email);
    const coordinatorB = userIdOf(demoUsers.coordinator2.email);

    // Coordinator A requests it, looking at the effect first.
    const a = await signedIn(demoUsers.coordinator);
    const expenseId = await requestExpenseViaForm(a, expense, {
      flash: "De uitgave is aangevraagd. Een andere coördinator kan haar nu beoordelen.",
      preview: async (page) => {
        const [now, after] = await effectRow(page, "Beschikbaar");
        expect(centsFromEuroText(now) - centsFromEuroText(after)).toBe(60_000);
        const panel = squash(
          await page.getByRole("region", { name: "Effect op het budget" }).textContent(),
        );
        expect(panel).toContain(
          "Zo ziet het budget eruit als deze uitgave van € 600,00 wordt goedgekeurd.",
        );
        expect(panel).toContain("Deze uitgave is niet significant (onder € 2.500,00)");
      },
    });
    expect(expenseById(expenseId)).toMatchObject({
      description: expense.description,
      supplier: expense.supplier,
      kind: "in_house",
      amount_cents: 60_000,
      requested_by_id: coordinatorA,
      status: "requested",
      significant: 0,
      decided_by_id: null,
    });
    expect(ledgerOf(expenseId)).toEqual([]);
    const facts = await expenseFacts(a);
    expect(facts).toMatchObject({
      Bedrag: "€ 600,00",
      Status: "In aanvraag",
      Leverancier: expense.supplier,
      Soort: "In-house opleiding",
      Significant: "Nee",
    });

    // A's own request: the page says why there is no approve button …
    await a
      .getByText("U kunt uw eigen aanvraag niet goedkeuren; een andere coördinator moet dat doen.")
      .waitFor();
    expect(await approveButton(a).count()).toBe(0);
    // … and a hand-made POST with A's cookie is refused and changes nothing.
    const before = snapshotOf(expenseId);
    const refused = await postApprove(a, expenseId);
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain(
      "U kunt uw eigen aanvraag niet goedkeuren; een andere coördinator moet dat doen.",
    );
    expect(snapshotOf(expenseId)).toEqual(before);
    expect(before.expense?.status).toBe("requested");

    // P&O looks at the budget before the decision, and cannot decide anything.
    const hr = await signedIn(demoUsers.hr);
    const figuresBefore = await openBudget(hr);
    expect(figuresBefore.pending).toBeGreaterThanOrEqual(60_000);
    await visit(hr, "/uitgaven");
    await hr.getByRole("heading", { level: 1, name: "Uitgaven" }).waitFor();
    expect(await hr.getByRole("heading", { name: "Te beoordelen" }).count()).toBe(0);
    expect(await hr.getByRole("link", { name: "Nieuwe uitgave aanvragen" }).count()).toBe(0);
    await hr.getByRole("link", { name: expense.description, exact: true }).click();
    await waitForPath(hr, `/uitgaven/${expenseId}`);
    await hr.getByRole("heading", { level: 1, name: expense.description }).waitFor();
    await expectNoAxeViolations(hr);
    await hr.getByText("Voor u valt er bij deze uitgave nu niets te beslissen.").waitFor();
    expect(await approveButton(hr).count()).toBe(0);
    expect(await hr.getByRole("button", { name: "Uitgave afwijzen" }).count()).toBe(0);
    const hrPost = await postApprove(hr, expenseId);
    expect(hrPost.status()).toBe(403);
    expect(snapshotOf(expenseId)).toEqual(before);

    // Coordinator B finds it under "Te beoordelen" and approves it.
    const b = await signedIn(demoUsers.coordinator2);
    await openFromReviewList(b, expenseId, expense.description);
    expect(await b.getByText("U kunt uw eigen aanvraag niet goedkeuren").count()).toBe(0);
    await approveViaButton(b, expenseId);
    expect(expenseById(expenseId)).toMatchObject({
      status: "approved",
      decided_by_id: coordinatorB,
      amount_cents: 60_000,
    });
    expect(ledgerOf(expenseId)).toEqual([
      expect.objectContaining({
        type: "commitment",
        amount_cents: 60_000,
        created_by_id: coordinatorB,
      }),
    ]);
    expect((await expenseFacts(b)).Status).toBe("Goedgekeurd (verplicht)");
    const history = await historyText(b, expenseId);
    expect(history).toContain("Aangevraagd");
    expect(history).toContain("Goedgekeurd");
    expect(history).toMatch(/Boeking: verplichting \| € 600,00 \| Annelies Visser/);
    expect(await approveButton(b).count()).toBe(0);
    // No longer waiting for B.
    await visit(b, "/uitgaven");
    expect(
      await b
        .getByRole("region", { name: "Te beoordelen" })
        .getByRole("link", { name: expense.description, exact: true })
        .count(),
    ).toBe(0);

    // P&O sees "Beschikbaar" exactly € 600,00 lower; the commitment moved out of "In aanvraag".
    const figuresAfter = await openBudget(hr);
    expect(figuresAfter.available).toBe(figuresBefore.available - 60_000);
    expect(figuresAfter.committed).toBe(figuresBefore.committed + 60_000);
    expect(figuresAfter.pending).toBe(figuresBefore.pending - 60_000);
    expect(figuresAfter.actual).toBe(figuresBefore.actual);
    expect(figuresAfter.budget).toBe(figuresBefore.budget);
    expect(await approveButton(hr).count()).toBe(0);

    // The exports, as P&O downloads them from the page.
    const csvLink = hr.getByRole("link", { name: "Uitgaven als CSV" });
    expect(await csvLink.getAttribute("href")).toBe("/budget/export.csv");
    const [csvDownload] = await Promise.all([hr.waitForEvent("download"), csvLink.click()]);
    expect(csvDownload.suggestedFilename()).toMatch(
      /^opleidingsbudget-uitgaven-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = await fs.readFile(await csvDownload.path(), "utf8");
    expect(csv.charCodeAt(0), "CSV begint met een BOM").toBe(0xfeff);
    const csvLines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(csvLines[0]).toBe(
      "ID;Datum aanvraag;Omschrijving;Leverancier;Soort;Afdeling;OGW-rol;Status;Significant;Collegebesluit;Bedrag aangevraagd;Bedrag betaald",
    );
    const csvLine = csvLines.find((line) => line.startsWith(`${expenseId};`));
    expect(csvLine, "de uitgave staat in de CSV").toBeDefined();
    const cells = csvLine!.split(";");
    expect(cells[2]).toBe(expense.description);
    expect(cells[3]).toBe(expense.supplier);
    expect(cells[4]).toBe("In-house opleiding");
    expect(cells[7]).toBe("Goedgekeurd (verplicht)");
    expect(cells[8]).toBe("nee");
    expect(cells[10]).toBe("600,00");
    expect(cells[11]).toBe("");

    const xlsxLink = hr.getByRole("link", { name: "Excel-werkmap (XLSX)" });
    expect(await xlsxLink.getAttribute("href")).toBe("/budget/export.xlsx");
    const [xlsxDownload] = await Promise.all([hr.waitForEvent("download"), xlsxLink.click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/^opleidingsbudget-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const xlsx = await fs.readFile(await xlsxDownload.path());
    expect(xlsx.subarray(0, 2).toString("latin1"), "XLSX is een zip").toBe("PK");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
      expect.arrayContaining(["Overzicht", "Uitgaven", "Grootboek"]),
    );
    let xlsxRow: unknown[] | undefined;
    workbook.getWorksheet("Uitgaven")!.eachRow((row) => {
      if (row.getCell(1).value === expenseId) xlsxRow = row.values as unknown[];
    });
    expect(xlsxRow, "de uitgave staat in de werkmap").toBeDefined();
    // row.values is 1-based.
    expect(xlsxRow![3]).toBe(expense.description);
    expect(xlsxRow![11]).toBe(600);
    let availableInWorkbook: unknown;
    workbook.getWorksheet("Overzicht")!.eachRow((row) => {
      if (row.getCell(1).value === "Beschikbaar") availableInWorkbook = row.getCell(2).value;
    });
    expect(availableInWorkbook).toBe(figuresAfter.available / 100);

    // The same files through P&O's cookies: not cached, the right types.
    const csvResponse = await hr.context().request.get(url("/budget/export.csv"));
    expect(csvResponse.status()).toBe(200);
    expect(csvResponse.headers()["content-type"]).toContain("text/csv");
    expect(csvResponse.headers()["cache-control"]).toContain("no-store");
    const xlsxResponse = await hr.context().request.get(url("/budget/export.xlsx"));
    expect(xlsxResponse.status()).toBe(200);
    expect(xlsxResponse.headers()["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect((await xlsxResponse.body()).subarray(0, 2).toString("latin1")).toBe("PK");
    // The page is still the budget page after the downloads.
    expect(pathOf(hr)).toBe("/budget");
  },
  JOURNEY_TIMEOUT_MS,
);

test(
  "een uitgave van € 3.000 is significant: zonder collegebesluit weigert de goedkeuring, met besluit lukt die",
  async () => {
    const suffix = uniqueSuffix();
    const expense = {
      description: `Leergang opgaveregie voor het managementteam ${suffix}`,
      supplier: "Academie Maatschappelijke Opgaven",
      amount: "3.000",
    };
    const reference = "Z.200001 / D.1500001";
    const decisionDay = amsterdamDayFromNow(-1);
    const coordinatorB = userIdOf(demoUsers.coordinator2.email);
    const collegeMailsBefore = mailsWithTemplate(COLLEGE_MAIL_TEMPLATE).length;

    const a = await signedIn(demoUsers.coordinator);
    const expenseId = await requestExpenseViaForm(a, expense, {
      flash:
        "De uitgave is aangevraagd. Ze is significant: eerst moet het besluit van het college worden vastgelegd.",
      preview: async (page) => {
        const panel = squash(
          await page.getByRole("region", { name: "Effect op het budget" }).textContent(),
        );
        expect(panel).toContain("Deze uitgave is significant (vanaf € 2.500,00)");
        const [now, after] = await effectRow(page, "Beschikbaar");
        expect(centsFromEuroText(now) - centsFromEuroText(after)).toBe(300_000);
      },
    });
    expect(expenseById(expenseId)).toMatchObject({
      amount_cents: 300_000,
      status: "requested",
      significant: 1,
      college_outcome: null,
    });
    expect((await expenseFacts(a)).Significant).toBe("Ja – wacht op collegebesluit");

    // The college recipients (administrators and coordinators) got the mail to put it before the college.
    const collegeMails = mailsWithTemplate(COLLEGE_MAIL_TEMPLATE).slice(collegeMailsBefore);
    const recipients = collegeMails.map((mail) => mail.to_address);
    expect(recipients).toEqual(
      expect.arrayContaining([
        demoUsers.admin.email,
        demoUsers.coordinator.email,
        demoUsers.coordinator2.email,
      ]),
    );
    expect(recipients).not.toContain(demoUsers.member.email);
    expect(recipients).not.toContain(demoUsers.hr.email);
    for (const mail of collegeMails) {
      expect(mail.subject).toBe(`Voorleggen aan het college: ${expense.description}`);
      expect(mail.text).toContain(`${baseUrl}/uitgaven/${expenseId}`);
    }

    // On /budget it is listed as significant, still to go before the college.
    await openBudget(a);
    const significantRow = a
      .getByRole("table", { name: "Significante uitgaven en hun collegebesluit" })
      .getByRole("row")
      .filter({ has: a.getByRole("link", { name: expense.description, exact: true }) });
    await expect.poll(() => significantRow.count()).toBe(1);
    expect(squash(await significantRow.textContent())).toContain("Nog voor te leggen");

    // Coordinator B may not approve it yet: no button, the page says why …
    const b = await signedIn(demoUsers.coordinator2);
    await openFromReviewList(b, expenseId, expense.description);
    await b
      .getByText("Goedkeuren kan pas als het besluit van het college is vastgelegd.")
      .waitFor();
    expect(await approveButton(b).count()).toBe(0);

    // … and an approval sent anyway (a stale or hand-made form) is refused with the reason.
    const before = snapshotOf(expenseId);
    const [refusedInPage] = await Promise.all([
      b.waitForResponse(
        (response) =>
          response.request().method() === "POST" &&
          new URL(response.url()).pathname === `/uitgaven/${expenseId}`,
      ),
      b.evaluate(() => {
        const form = document.createElement("form");
        form.method = "post";
        form.action = window.location.pathname;
        const intent = document.createElement("input");
        intent.type = "hidden";
        intent.name = "intent";
        intent.value = "approve";
        form.append(intent);
        document.body.append(form);
        form.submit();
      }),
    ]);
    expect(refusedInPage.status()).toBe(409);
    await b.waitForLoadState("load");
    await expect
      .poll(() => alertTexts(b))
      .toContainEqual("Deze uitgave is significant: leg eerst het besluit van het college vast.");
    await expectNoAxeViolations(b);
    const refused = await postApprove(b, expenseId);
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain(
      "Deze uitgave is significant: leg eerst het besluit van het college vast.",
    );
    expect(snapshotOf(expenseId)).toEqual(before);

    // B records the college's decision.
    await visit(b, `/uitgaven/${expenseId}`);
    const college = b.getByRole("region", { name: "Besluit van het college vastleggen" });
    await field(b, "Besluit").selectOption({ label: "Akkoord: de uitgave mag doorgaan" });
    await field(b, "Datum van het collegebesluit").fill(decisionDay);
    await field(b, "Kenmerk").fill(reference);
    await college.getByRole("button", { name: "Collegebesluit vastleggen" }).click();
    await expect
      .poll(() => statusTexts(b))
      .toContainEqual(
        expect.stringContaining(
          "Het besluit van het college is vastgelegd. Een coördinator kan de uitgave nu goedkeuren.",
        ),
      );
    await expectNoAxeViolations(b);
    expect(expenseById(expenseId)).toMatchObject({
      status: "requested",
      college_outcome: "approved",
      college_decision_date: decisionDay,
      college_reference: reference,
      college_recorded_by_id: coordinatorB,
    });
    expect(ledgerOf(expenseId)).toEqual([]);
    const facts = await expenseFacts(b);
    expect(facts.Significant).toBe("Ja");
    expect(facts.Collegebesluit).toContain("akkoord");
    expect(facts.Collegebesluit).toContain(`kenmerk ${reference}`);
    expect(facts.Collegebesluit).toContain(`vastgelegd door ${demoUsers.coordinator2.name}`);
    expect(await historyText(b, expenseId)).toContain("Collegebesluit vastgelegd");
    expect(
      await b.getByRole("region", { name: "Besluit van het college vastleggen" }).count(),
    ).toBe(0);

    // Now B's approval goes through.
    await approveViaButton(b, expenseId);
    expect(expenseById(expenseId)).toMatchObject({
      status: "approved",
      decided_by_id: coordinatorB,
    });
    expect(ledgerOf(expenseId)).toEqual([
      expect.objectContaining({
        type: "commitment",
        amount_cents: 300_000,
        created_by_id: coordinatorB,
      }),
    ]);

    // /budget shows the college's approval with its reference.
    await openBudget(a);
    await expect.poll(() => significantRow.count()).toBe(1);
    const rowText = squash(await significantRow.textContent());
    expect(rowText).toContain("Goedgekeurd door college op");
    expect(rowText).toContain(`(${reference})`);
    expect(rowText).toContain("Goedgekeurd (verplicht)");
  },
  JOURNEY_TIMEOUT_MS,
);

describe("onjuiste invoer", () => {
  const badAmounts = [
    { typed: "0", message: "Het bedrag moet hoger zijn dan € 0,00." },
    { typed: "-5", message: "Het bedrag moet hoger zijn dan € 0,00." },
    {
      typed: "€ 1.2.3",
      message:
        "Vul een bedrag in euro's in, bijvoorbeeld 1.250,50 (punt voor duizendtallen, komma voor centen).",
    },
  ];

  for (const javaScriptEnabled of [true, false]) {
    test(
      `bedragen 0, -5 en „€ 1.2.3” worden geweigerd bij het veld, de invoer blijft staan (${javaScriptEnabled ? "met" : "zonder"} JavaScript)`,
      async () => {
        const a = await signedIn(demoUsers.coordinator, { javaScriptEnabled });
        await visit(a, "/uitgaven/nieuw");
        await a.getByRole("heading", { level: 1, name: "Uitgave aanvragen" }).waitFor();
        const expensesBefore = countExpenses();
        const description = `Onjuist bedrag ${uniqueSuffix()}`;
        const supplier = "Bureau Opgave & Omgeving";

        for (const { typed, message } of badAmounts) {
          await fillExpenseForm(a, { description, supplier, amount: typed });
          await a.getByRole("button", { name: "Uitgave aanvragen" }).click();
          if (!javaScriptEnabled) await a.waitForLoadState("load");
          await expect
            .poll(() => field(a, "Bedrag").getAttribute("aria-invalid"), { message: typed })
            .toBe("true");
          expect(await describedText(a, "Bedrag"), typed).toContain(squash(message));
          // Only the amount is wrong, and what was typed is still there.
          for (const label of ["Omschrijving", "Leverancier", "Soort"]) {
            expect(
              await field(a, label).getAttribute("aria-invalid"),
              `${typed}: ${label}`,
            ).toBeNull();
          }
          expect(await field(a, "Bedrag").inputValue(), typed).toBe(typed);
          expect(await field(a, "Omschrijving").inputValue(), typed).toBe(description);
          expect(await field(a, "Leverancier").inputValue(), typed).toBe(supplier);
          expect(await field(a, "Soort").inputValue(), typed).toBe("in_house");
          expect(pathOf(a)).toBe("/uitgaven/nieuw");
          await expectNoAxeViolations(a);
          expect(countExpenses(), typed).toBe(expensesBefore);
          expect(expensesByDescription(description), typed).toEqual([]);
        }

        // The preview refuses the same input, beside the same field.
        await fillExpenseForm(a, { description, supplier, amount: "0" });
        await a.getByRole("button", { name: "Bekijk het effect" }).click();
        if (!javaScriptEnabled) await a.waitForLoadState("load");
        await expect.poll(() => field(a, "Bedrag").getAttribute("aria-invalid")).toBe("true");
        expect(await a.getByRole("heading", { name: "Effect op het budget" }).count()).toBe(0);
        await expectNoAxeViolations(a);
        expect(countExpenses()).toBe(expensesBefore);
      },
      JOURNEY_TIMEOUT_MS,
    );
  }

  test(
    "een collegebesluit met een datum in de toekomst en zonder kenmerk wordt geweigerd bij de velden (met en zonder JavaScript)",
    async () => {
      const a = await signedIn(demoUsers.coordinator);
      const description = `Significante proef collegebesluit ${uniqueSuffix()}`;
      const expenseId = await requestExpenseViaForm(
        a,
        { description, supplier: "Academie Maatschappelijke Opgaven", amount: "2.500" },
        {
          flash:
            "De uitgave is aangevraagd. Ze is significant: eerst moet het besluit van het college worden vastgelegd.",
        },
      );
      expect(expenseById(expenseId)).toMatchObject({ significant: 1, college_outcome: null });
      const future = amsterdamDayFromNow(10);

      for (const javaScriptEnabled of [true, false]) {
        const mode = javaScriptEnabled ? "met JavaScript" : "zonder JavaScript";
        const b = await signedIn(demoUsers.coordinator2, { javaScriptEnabled });
        await visit(b, `/uitgaven/${expenseId}`);
        const college = b.getByRole("region", { name: "Besluit van het college vastleggen" });
        await field(b, "Besluit").selectOption({ label: "Akkoord: de uitgave mag doorgaan" });
        await field(b, "Datum van het collegebesluit").fill(future);
        await field(b, "Kenmerk").fill("");
        const before = snapshotOf(expenseId);
        await college.getByRole("button", { name: "Collegebesluit vastleggen" }).click();
        if (!javaScriptEnabled) await b.waitForLoadState("load");

        await expect
          .poll(() => field(b, "Datum van het collegebesluit").getAttribute("aria-invalid"), {
            message: mode,
          })
          .toBe("true");
        expect(await describedText(b, "Datum van het collegebesluit"), mode).toContain(
          "De datum van het collegebesluit kan niet in de toekomst liggen.",
        );
        expect(await field(b, "Kenmerk").getAttribute("aria-invalid"), mode).toBe("true");
        expect(await describedText(b, "Kenmerk"), mode).toContain(
          "Vul het kenmerk van het besluit in, bijvoorbeeld Z.123456 / D.7654321.",
        );
        expect(await field(b, "Besluit").getAttribute("aria-invalid"), mode).toBeNull();
        // What was chosen and typed stays.
        expect(await field(b, "Besluit").inputValue(), mode).toBe("approved");
        expect(await field(b, "Datum van het collegebesluit").inputValue(), mode).toBe(future);
        expect(pathOf(b)).toBe(`/uitgaven/${expenseId}`);
        await expectNoAxeViolations(b);
        expect(snapshotOf(expenseId), mode).toEqual(before);
        expect(expenseById(expenseId)?.college_outcome, mode).toBeNull();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );
});

test(
  "een medewerker krijgt 403 op het budget, de uitgaven en de exports",
  async () => {
    const member = await signedIn(demoUsers.member);
    expect(await member.getByRole("navigation").getByRole("link", { name: "Budget" }).count()).toBe(
      0,
    );
    expect(
      await member.getByRole("navigation").getByRole("link", { name: "Uitgaven" }).count(),
    ).toBe(0);
    const someExpense = withDatabase(
      (db) =>
        (db.prepare("SELECT id FROM expenses ORDER BY id LIMIT 1").get() as { id: number }).id,
    );
    for (const path of [
      "/budget",
      "/uitgaven",
      "/uitgaven/nieuw",
      `/uitgaven/${someExpense}`,
      "/beheer/budget",
    ]) {
      const response = await visit(member, path);
      expect(response.status(), path).toBe(403);
      await member.getByRole("heading", { level: 1, name: "Geen toegang" }).waitFor();
      expect(await member.getByText(BUDGET_NAME).count(), path).toBe(0);
    }
    for (const path of [
      "/budget/export.csv",
      "/budget/export.csv?onderdeel=grootboek",
      "/budget/export.xlsx",
    ]) {
      const response = await member.context().request.get(url(path), { maxRedirects: 0 });
      expect(response.status(), path).toBe(403);
      expect(response.headers()["content-disposition"], path).toBeUndefined();
      const body = await response.body();
      expect(body.subarray(0, 2).toString("latin1"), path).not.toBe("PK");
      expect(body.toString("utf8"), path).not.toContain("Omschrijving;Leverancier");
    }
    // Nor can a member post a decision.
    const before = snapshotOf(someExpense);
    const post = await postApprove(member, someExpense);
    expect(post.status()).toBe(403);
    expect(snapshotOf(someExpense)).toEqual(before);
  },
  JOURNEY_TIMEOUT_MS,
);

test(
  "zonder JavaScript toont /budget de grafiek als SVG met een tekstalternatief en een tabel met gegevens",
  async () => {
    const hr = await signedIn(demoUsers.hr, { javaScriptEnabled: false });
    const figures = await openBudget(hr);

    const chart = hr.getByRole("img", { name: /^Verloop van het beschikbare budget/ });
    await expect.poll(() => chart.count()).toBe(1);
    expect(await chart.evaluate((element) => element.tagName.toLowerCase())).toBe("svg");
    // The accessible name is the title and the description together; the description tells the story.
    const described = squash(
      await chart.evaluate((element) =>
        (element.getAttribute("aria-labelledby") ?? "")
          .split(/\s+/)
          .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? "")
          .join(" "),
      ),
    );
    expect(described).toContain("Verloop van het beschikbare budget");
    expect(described).toContain(`nu is ${euroText(figures.available)} beschikbaar.`);
    // The line itself is drawn on the server.
    expect(await hr.locator("svg.burn-down__svg path.burn-down__available").count()).toBe(1);
    const d = await hr.locator("svg.burn-down__svg path.burn-down__available").getAttribute("d");
    expect(d).toMatch(/^M [\d.]+ [\d.]+ H/);

    // The figures behind the chart as a table, behind a disclosure that opens without JavaScript.
    await hr.getByText("Gegevens van de grafiek", { exact: true }).click();
    const table = hr.getByRole("table", {
      name: "Beschikbaar budget per datum waarop het veranderde",
    });
    await table.waitFor();
    expect(await table.getByRole("columnheader").allTextContents()).toEqual([
      "Datum",
      "Beschikbaar",
      "Bij gelijkmatig tempo",
    ]);
    const rows = table.getByRole("row");
    expect(await rows.count()).toBeGreaterThan(10);
    const todayRow = rows.filter({ has: hr.getByRole("rowheader", { name: /\(vandaag\)$/ }) });
    expect(await todayRow.count()).toBe(1);
    expect(squash(await todayRow.getByRole("cell").first().textContent())).toBe(
      euroText(figures.available),
    );
    await expectNoAxeViolations(hr);

    // The breakdowns and the significant expenses are tables too.
    for (const name of ["Per soort uitgave", "Per afdeling", "Per OGW-rol"]) {
      expect(await hr.getByRole("table", { name }).count(), name).toBe(1);
    }
    expect(
      await hr.getByRole("table", { name: "Significante uitgaven en hun collegebesluit" }).count(),
    ).toBe(1);

    // The administrator's settings page shows the threshold of € 2.500.
    const admin = await signedIn(demoUsers.admin, { javaScriptEnabled: false });
    const settings = await visit(admin, "/beheer/budget");
    expect(settings.status()).toBe(200);
    await admin.getByRole("heading", { level: 1, name: "Budget instellen" }).waitFor();
    expect(await field(admin, "Drempel significante uitgave (euro)").inputValue()).toBe("2.500");
  },
  JOURNEY_TIMEOUT_MS,
);
