// Helpers for the browser journeys: the browser, signing in, accessibility checks and the test database.
import { AxeBuilder } from "@axe-core/playwright";
import Database from "better-sqlite3";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Response,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";

export const baseUrl = inject("e2eBaseUrl");
export const databasePath = inject("e2eDatabasePath");

export const DEMO_PASSWORD = "gilde-demo-2023";

export const demoUsers = {
  member: { email: "medewerker@gilde.example", name: "Sanne de Vries" },
  coordinator: { email: "coordinator@gilde.example", name: "Joris Bakker" },
  hr: { email: "po@gilde.example", name: "Fatima El Amrani" },
  admin: { email: "beheer@gilde.example", name: "Pieter Jansen" },
  /** Seeded with the budget in demo mode (db/seed-budget.ts): four eyes needs a second coordinator. */
  coordinator2: { email: "coordinator2@gilde.example", name: "Annelies Visser" },
} as const;

/** A passphrase the password policy accepts (long enough, not on the list of common passwords). */
export const GOOD_PASSPHRASE = "zeven zeilboten op het Gooimeer";

// ---------------------------------------------------------------------------------------------
// Browser

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject("e2eChromiumPath"),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// Contexts opened with JavaScript switched off; axe cannot run inside their pages (see below).
const withoutJavaScript = new WeakSet<BrowserContext>();

export async function newPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<Page> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const context = await browser.newContext({ javaScriptEnabled, locale: "nl-NL" });
  if (!javaScriptEnabled) withoutJavaScript.add(context);
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  // Script errors in the page are not failures by themselves, but they explain the failures that follow.
  page.on("pageerror", (error) =>
    console.error(`[browser] fout in de pagina ${page.url()}: ${error.message}`),
  );
  return page;
}

/**
 * One browser per test file and a fresh context for every page a test opens; contexts close after
 * each test, so no cookie survives from one journey to the next.
 */
export function browserForThisFile() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error("De browser is nog niet gestart.");
      return browser;
    },
    async newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
      if (!browser) throw new Error("De browser is nog niet gestart.");
      const page = await newPage(browser, options);
      contexts.push(page.context());
      return page;
    },
  };
}

export function url(path: string, base = baseUrl): string {
  return new URL(path, base).toString();
}

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Opens a page of the app, checks its accessibility and returns the document response. */
export async function visit(page: Page, path: string, base = baseUrl): Promise<Response> {
  const response = await page.goto(url(path, base));
  if (!response) throw new Error(`Geen antwoord op ${path}`);
  await expectNoAxeViolations(page);
  return response;
}

/** Waits until the page shows the given path (after a redirect or a client-side navigation). */
export async function waitForPath(page: Page, path: string) {
  await page.waitForURL((current) => current.pathname === path);
  await page.waitForLoadState("load");
}

/** The POST a form submission makes: a document request without JavaScript, a fetch with it. */
export function waitForPost(page: Page, path: string): Promise<Response> {
  return page.waitForResponse((response) => {
    const request = response.request();
    if (request.method() !== "POST") return false;
    const pathname = new URL(response.url()).pathname;
    // With JavaScript, Remix posts to the route's data URL (/inloggen.data).
    return pathname === path || pathname === `${path}.data`;
  });
}

// ---------------------------------------------------------------------------------------------
// Accessibility

const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? "?"}): ${violation.help} – ${violation.nodes
        .map((node) => node.target.join(" "))
        .join(", ")}`,
  );
}

/**
 * Axe needs timers, which do not run in a page without JavaScript. For such a page the check runs on
 * an exact copy of its current document (scripts left out, so nothing hydrates), served at the same
 * address in a context with JavaScript, so that the app's stylesheets load as they do for the user.
 */
async function axeViolationsWithoutJavaScript(page: Page) {
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    for (const script of copy.querySelectorAll("script")) script.remove();
    return `<!DOCTYPE html>\n${copy.outerHTML}`;
  });
  const address = page.url();
  const browser = page.context().browser();
  if (!browser) throw new Error("Geen browser bij deze pagina.");
  const context = await browser.newContext({ locale: "nl-NL" });
  try {
    const copy = await context.newPage();
    await copy.route(address, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await copy.goto(address, { waitUntil: "load" });
    return await axeViolations(copy);
  } finally {
    await context.close();
  }
}

export async function expectNoAxeViolations(page: Page) {
  const violations = withoutJavaScript.has(page.context())
    ? await axeViolationsWithoutJavaScript(page)
    : await axeViolations(page);
  expect(violations, `axe-overtredingen op ${page.url()}:\n${violations.join("\n")}\n`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Signing in

/** Fills in the sign-in form (opening /inloggen when needed) and returns the response to the POST. */
export async function signIn(page: Page, email: string, password: string): Promise<Response> {
  if (pathOf(page) !== "/inloggen") {
    const base = page.url().startsWith("http") ? new URL(page.url()).origin : baseUrl;
    await visit(page, "/inloggen", base);
  }
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  const [response] = await Promise.all([
    waitForPost(page, "/inloggen"),
    page.getByRole("button", { name: "Inloggen", exact: true }).click(),
  ]);
  return response;
}

/** The dashboard greets the user by first name; the header names who is signed in. */
export async function expectDashboardFor(page: Page, user: { name: string }) {
  const firstName = user.name.split(" ")[0] ?? user.name;
  await expect
    .poll(() => page.getByRole("main").getByRole("heading", { level: 1 }).textContent())
    .toContain(firstName);
  await expect.poll(() => page.getByRole("banner").textContent()).toContain(user.name);
}

/** Signs in and waits for the dashboard; checks its accessibility and that it greets the user by name. */
export async function signInToDashboard(
  page: Page,
  user: { email: string; name: string },
  password: string,
) {
  await signIn(page, user.email, password);
  await waitForPath(page, "/");
  await expectDashboardFor(page, user);
  await expectNoAxeViolations(page);
}

export async function signOut(page: Page) {
  await Promise.all([
    waitForPost(page, "/uitloggen"),
    page.getByRole("banner").getByRole("button", { name: "Uitloggen" }).click(),
  ]);
  await waitForPath(page, "/inloggen");
}

// ---------------------------------------------------------------------------------------------
// The test database, read-only, beside the running server

/** Reads the test database beside the running server; read-only, closed again at once. */
export function withDatabase<T>(work: (db: Database.Database) => T, file = databasePath): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export function countUsers(file = databasePath): number {
  return withDatabase(
    (db) => (db.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n,
    file,
  );
}

export function findUserRow(email: string, file = databasePath) {
  return withDatabase(
    (db) =>
      db
        .prepare("SELECT id, email, name, app_role, status FROM users WHERE email = ?")
        .get(email.toLowerCase()) as
        { id: number; email: string; name: string; app_role: string; status: string } | undefined,
    file,
  );
}

export type OutboxMail = {
  id: number;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  created_at: string;
};

export function latestMailTo(address: string, file = databasePath): OutboxMail | undefined {
  return withDatabase(
    (db) =>
      db
        .prepare(
          "SELECT id, to_address, subject, text, html, created_at FROM mail_outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1",
        )
        .get(address.toLowerCase()) as OutboxMail | undefined,
    file,
  );
}

export function countMailsTo(address: string, file = databasePath): number {
  return withDatabase(
    (db) =>
      (
        db
          .prepare("SELECT count(*) AS n FROM mail_outbox WHERE to_address = ?")
          .get(address.toLowerCase()) as { n: number }
      ).n,
    file,
  );
}

/** The first http(s) link in a mail's plain text. */
export function firstLink(text: string): string {
  const match = /https?:\/\/[^\s<>"'\])]+/.exec(text);
  if (!match) throw new Error(`Geen link gevonden in de e-mail:\n${text}`);
  return match[0];
}

/** The link in the newest mail to this address; fails when there is none. */
export function linkFromLatestMail(
  address: string,
  file = databasePath,
): { mail: OutboxMail; link: string } {
  const mail = latestMailTo(address, file);
  if (!mail) throw new Error(`Geen e-mail in de outbox voor ${address}.`);
  return { mail, link: firstLink(mail.text) };
}

// ---------------------------------------------------------------------------------------------
// Users made for one journey

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@gilde.example`;
}

export type NewColleague = { name: string; email: string; appRoleLabel?: string };

/**
 * As a signed-in administrator: invites a colleague through /beheer/gebruikers and returns the new
 * user's id and the invitation link from the outbox.
 */
export async function inviteColleague(
  adminPage: Page,
  colleague: NewColleague,
): Promise<{ userId: number; link: string }> {
  await visit(adminPage, "/beheer/gebruikers");
  await adminPage.getByRole("link", { name: "Collega uitnodigen" }).click();
  await waitForPath(adminPage, "/beheer/gebruikers/nieuw");
  await expectNoAxeViolations(adminPage);
  await adminPage.getByLabel("Naam").fill(colleague.name);
  await adminPage.getByLabel("E-mailadres").fill(colleague.email);
  await adminPage.getByLabel("Afdeling").selectOption({ index: 1 });
  await adminPage.getByLabel("OGW-rol").selectOption({ label: "Medewerker" });
  await adminPage
    .getByLabel("Rol in de app")
    .selectOption({ label: colleague.appRoleLabel ?? "Medewerker" });
  await adminPage.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await adminPage.waitForURL((current) => /^\/beheer\/gebruikers\/\d+$/.test(current.pathname));
  await adminPage.waitForLoadState("load");
  await expect
    .poll(() => adminPage.getByRole("status").allTextContents())
    .toContainEqual(expect.stringContaining(`De uitnodiging voor ${colleague.name}`));
  await expectNoAxeViolations(adminPage);
  const userId = Number(pathOf(adminPage).split("/").pop());
  const { link } = linkFromLatestMail(colleague.email);
  return { userId, link };
}

/** Opens an invitation link in the given (anonymous) page and sets the password; ends on /inloggen. */
export async function acceptInvitation(page: Page, link: string, password: string) {
  const response = await page.goto(link);
  expect(response?.status()).toBe(200);
  await expectNoAxeViolations(page);
  await page.getByLabel(/^Nieuw wachtwoord/).fill(password);
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill(password);
  await page.getByRole("button", { name: "Wachtwoord instellen" }).click();
  await waitForPath(page, "/inloggen");
  await expect
    .poll(() => page.getByRole("status").allTextContents())
    .toContainEqual(expect.stringContaining("Uw account is klaar."));
  await expectNoAxeViolations(page);
}

/**
 * Invites a colleague from a page where an administrator is signed in, then activates the account in
 * a second, anonymous page; returns who was made.
 */
export async function createActiveColleague(
  adminPage: Page,
  anonymousPage: Page,
  name: string,
  password = GOOD_PASSPHRASE,
): Promise<{ userId: number; email: string; name: string; password: string }> {
  const email = uniqueEmail(name.split(" ")[0]!.toLowerCase());
  const { userId, link } = await inviteColleague(adminPage, { name, email });
  await acceptInvitation(anonymousPage, link, password);
  return { userId, email, name, password };
}
