// The foundation's journeys in a real browser: signing in and out, invitations, password resets,
// cross-site requests and the pages anyone can see. Every page visited is checked with axe.
//
// Sign-in failures count per network address and every request here comes from this machine,
// so the journeys in this file fail a sign-in only a few times; the throttling journey
// (throttling.test.ts) runs against a server of its own.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import {
  acceptInvitation,
  baseUrl,
  countMailsTo,
  countUsers,
  createActiveColleague,
  databasePath,
  DEMO_PASSWORD,
  demoUsers,
  expectDashboardFor,
  expectNoAxeViolations,
  findUserRow,
  GOOD_PASSPHRASE,
  inviteColleague,
  linkFromLatestMail,
  pathOf,
  signIn,
  signInToDashboard,
  signOut,
  uniqueEmail,
  url,
  browserForThisFile,
  visit,
  waitForPath,
  waitForPost,
} from "#test/e2e/support.ts";

const browser = browserForThisFile();

const invalidCredentials = "Dit e-mailadres en wachtwoord passen niet bij een actief account.";

function alertTexts(page: import("playwright-core").Page) {
  return page.getByRole("alert").allTextContents();
}

function statusTexts(page: import("playwright-core").Page) {
  return page.getByRole("status").allTextContents();
}

/** The element an input's aria-describedby points at, where the field's error is shown. */
async function describedText(page: import("playwright-core").Page, label: string): Promise<string> {
  const ids = (await page.getByLabel(label).getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(" ");
}

function firstDepartmentId(): number {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT id FROM departments ORDER BY id LIMIT 1").get() as { id: number })
      .id;
  } finally {
    db.close();
  }
}

describe("in- en uitloggen met elke demorol", () => {
  const roles = ["member", "coordinator", "hr", "admin"] as const;
  for (const role of roles) {
    test(`${role}: dashboard met naam, menu naar rol, uitloggen`, async () => {
      const user = demoUsers[role];
      const page = await browser.newPage();
      await visit(page, "/inloggen");
      await signInToDashboard(page, user, DEMO_PASSWORD);

      const menu = page.getByRole("navigation", { name: "Hoofdmenu" });
      await menu.getByRole("link", { name: "Overzicht" }).waitFor();
      expect(await menu.getByRole("link", { name: "Beheer" }).count()).toBe(
        role === "admin" ? 1 : 0,
      );

      if (role === "admin") {
        await menu.getByRole("link", { name: "Beheer" }).click();
        await waitForPath(page, "/beheer");
        await page.getByRole("heading", { level: 1, name: "Beheer" }).waitFor();
        await expectNoAxeViolations(page);
      } else {
        const response = await visit(page, "/beheer");
        expect(response.status()).toBe(403);
        await page.getByRole("heading", { level: 1, name: "Geen toegang" }).waitFor();
      }

      await signOut(page);
      await expect
        .poll(() => statusTexts(page))
        .toContainEqual(expect.stringContaining("U bent uitgelogd."));
      await expectNoAxeViolations(page);

      await page.goto(url("/"));
      await waitForPath(page, "/inloggen");
      await page.getByRole("heading", { level: 1, name: "Inloggen" }).waitFor();
      await expectNoAxeViolations(page);
    });
  }
});

test("een verkeerd wachtwoord: blijft op /inloggen met een melding, e-mailadres blijft staan", async () => {
  const page = await browser.newPage();
  await visit(page, "/inloggen");
  const response = await signIn(page, demoUsers.member.email, "dit-is-niet-het-wachtwoord");
  expect(response.status()).toBe(400);
  await expect
    .poll(() => alertTexts(page))
    .toContainEqual(expect.stringContaining(invalidCredentials));
  expect(pathOf(page)).toBe("/inloggen");
  expect(await page.getByLabel("E-mailadres").inputValue()).toBe(demoUsers.member.email);
  expect(await page.getByLabel("Wachtwoord").inputValue()).toBe("");
  await expectNoAxeViolations(page);
});

describe("uitnodigen", () => {
  test("een collega uitnodigen, de uitnodiging aannemen en inloggen; de link werkt maar één keer", async () => {
    const admin = await browser.newPage();
    await visit(admin, "/inloggen");
    await signInToDashboard(admin, demoUsers.admin, DEMO_PASSWORD);
    const email = uniqueEmail("uitnodiging");
    const name = "Noor van Dijk";
    const usersBefore = countUsers();
    const { userId, link } = await inviteColleague(admin, {
      name,
      email,
      appRoleLabel: "Medewerker",
    });
    expect(countUsers()).toBe(usersBefore + 1);
    expect(findUserRow(email)).toMatchObject({
      id: userId,
      name,
      app_role: "member",
      status: "invited",
    });
    expect(new URL(link).origin).toBe(baseUrl);
    expect(new URL(link).pathname).toMatch(/^\/uitnodiging\/[^/]+$/);

    const colleague = await browser.newPage();
    await acceptInvitation(colleague, link, GOOD_PASSPHRASE);
    expect(findUserRow(email)?.status).toBe("active");
    await signInToDashboard(colleague, { email, name }, GOOD_PASSPHRASE);

    const again = await browser.newPage();
    const response = await again.goto(link);
    expect(response?.status()).toBe(410);
    await again.getByRole("heading", { level: 1, name: "Uitnodiging niet bruikbaar" }).waitFor();
    await expect
      .poll(() => alertTexts(again))
      .toContainEqual(expect.stringContaining("Deze link is al gebruikt."));
    expect(await again.getByLabel(/^Nieuw wachtwoord/).count()).toBe(0);
    await expectNoAxeViolations(again);
  });

  test("het uitnodigingsformulier leeg versturen: meldingen bij de velden, niets opgeslagen", async () => {
    const admin = await browser.newPage();
    await visit(admin, "/inloggen");
    await signInToDashboard(admin, demoUsers.admin, DEMO_PASSWORD);
    await visit(admin, "/beheer/gebruikers/nieuw");
    const usersBefore = countUsers();

    await admin.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect.poll(() => admin.getByLabel("Naam").getAttribute("aria-invalid")).toBe("true");
    const expected: [string, string][] = [
      ["Naam", "Vul de naam in."],
      ["E-mailadres", "Vul een e-mailadres in."],
      ["Afdeling", "Kies een afdeling."],
      ["OGW-rol", "Kies een OGW-rol."],
    ];
    for (const [label, message] of expected) {
      expect(await admin.getByLabel(label).getAttribute("aria-invalid"), label).toBe("true");
      expect(await describedText(admin, label), label).toContain(message);
    }
    // The app role has a default and is therefore fine.
    expect(await admin.getByLabel("Rol in de app").getAttribute("aria-invalid")).toBeNull();
    expect(pathOf(admin)).toBe("/beheer/gebruikers/nieuw");
    await expectNoAxeViolations(admin);

    // Everything filled in, but for an address that already has an account: the server refuses it.
    await admin.getByLabel("Naam").fill("Dubbele Collega");
    await admin.getByLabel("E-mailadres").fill(demoUsers.member.email);
    await admin.getByLabel("Afdeling").selectOption({ index: 1 });
    await admin.getByLabel("OGW-rol").selectOption({ label: "Medewerker" });
    const [response] = await Promise.all([
      waitForPost(admin, "/beheer/gebruikers/nieuw"),
      admin.getByRole("button", { name: "Uitnodiging versturen" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect
      .poll(() => describedText(admin, "E-mailadres"))
      .toContain("Er bestaat al een account met dit e-mailadres.");
    expect(await admin.getByLabel("E-mailadres").getAttribute("aria-invalid")).toBe("true");
    expect(pathOf(admin)).toBe("/beheer/gebruikers/nieuw");
    await expectNoAxeViolations(admin);

    expect(countUsers()).toBe(usersBefore);
  });

  test("het uitnodigingsformulier zonder JavaScript leeg versturen: de server geeft dezelfde meldingen", async () => {
    const admin = await browser.newPage({ javaScriptEnabled: false });
    await visit(admin, "/inloggen");
    await signInToDashboard(admin, demoUsers.admin, DEMO_PASSWORD);
    await visit(admin, "/beheer/gebruikers/nieuw");
    const usersBefore = countUsers();

    const [response] = await Promise.all([
      waitForPost(admin, "/beheer/gebruikers/nieuw"),
      admin.getByRole("button", { name: "Uitnodiging versturen" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await admin.waitForLoadState("load");
    for (const [label, message] of [
      ["Naam", "Vul de naam in."],
      ["E-mailadres", "Vul een e-mailadres in."],
      ["Afdeling", "Kies een afdeling."],
      ["OGW-rol", "Kies een OGW-rol."],
    ] as const) {
      expect(await admin.getByLabel(label).getAttribute("aria-invalid"), label).toBe("true");
      expect(await describedText(admin, label), label).toContain(message);
    }
    await expectNoAxeViolations(admin);
    expect(countUsers()).toBe(usersBefore);
  });
});

test("wachtwoord vergeten: link per e-mail, nieuw wachtwoord, het oude werkt niet meer", async () => {
  const admin = await browser.newPage();
  await visit(admin, "/inloggen");
  await signInToDashboard(admin, demoUsers.admin, DEMO_PASSWORD);
  const page = await browser.newPage();
  const colleague = await createActiveColleague(admin, page, "Iris Hermans");
  expect(pathOf(page)).toBe("/inloggen");
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await waitForPath(page, "/wachtwoord-vergeten");
  await expectNoAxeViolations(page);

  // An unknown address gets the same answer, and no mail.
  const stranger = uniqueEmail("onbekend");
  await page.getByLabel("E-mailadres").fill(stranger);
  await page.getByRole("button", { name: "Link versturen" }).click();
  await expect
    .poll(() => statusTexts(page))
    .toContainEqual(expect.stringContaining("Als dit e-mailadres bij een actief account hoort"));
  const neutral = (await page.getByRole("status").allTextContents()).join(" ");
  expect(countMailsTo(stranger)).toBe(0);
  await expectNoAxeViolations(page);

  const mailsBefore = countMailsTo(colleague.email);
  await visit(page, "/wachtwoord-vergeten");
  await page.getByLabel("E-mailadres").fill(colleague.email);
  await page.getByRole("button", { name: "Link versturen" }).click();
  await expect
    .poll(() => statusTexts(page))
    .toContainEqual(expect.stringContaining("Als dit e-mailadres bij een actief account hoort"));
  expect((await page.getByRole("status").allTextContents()).join(" ")).toBe(neutral);
  await expectNoAxeViolations(page);
  expect(countMailsTo(colleague.email)).toBe(mailsBefore + 1);
  const { link } = linkFromLatestMail(colleague.email);
  expect(new URL(link).pathname).toMatch(/^\/wachtwoord-herstellen\/[^/]+$/);

  const newPassword = "een nieuwe lente en een nieuw geluid";
  const response = await page.goto(link);
  expect(response?.status()).toBe(200);
  await expectNoAxeViolations(page);
  await page.getByLabel(/^Nieuw wachtwoord/).fill(newPassword);
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill(newPassword);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await waitForPath(page, "/inloggen");
  await expect
    .poll(() => statusTexts(page))
    .toContainEqual(expect.stringContaining("Uw wachtwoord is gewijzigd."));
  await expectNoAxeViolations(page);

  const old = await signIn(page, colleague.email, colleague.password);
  expect(old.status()).toBe(400);
  await expect
    .poll(() => alertTexts(page))
    .toContainEqual(expect.stringContaining(invalidCredentials));
  expect(pathOf(page)).toBe("/inloggen");
  await expectNoAxeViolations(page);

  await signInToDashboard(page, colleague, newPassword);
});

describe("verzoeken van een andere site", () => {
  test("een vervalste POST met een vreemde Origin wordt geweigerd en schrijft niets", async () => {
    const admin = await browser.newPage();
    await visit(admin, "/inloggen");
    await signInToDashboard(admin, demoUsers.admin, DEMO_PASSWORD);
    const session = (await admin.context().cookies(baseUrl)).find(
      (cookie) => cookie.name === "gilde_sessie",
    );
    expect(session, "sessiecookie na inloggen").toBeDefined();
    const cookie = `${session!.name}=${session!.value}`;
    const departmentId = firstDepartmentId();

    const post = (origin: string, email: string) =>
      fetch(url("/beheer/gebruikers/nieuw"), {
        method: "POST",
        headers: {
          Origin: origin,
          Cookie: cookie,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          name: "Vervalste Collega",
          email,
          departmentId: String(departmentId),
          ogwRole: "employee",
          appRole: "admin",
        }).toString(),
        redirect: "manual",
      });

    const usersBefore = countUsers();
    const forgedEmail = uniqueEmail("vervalst");
    const forged = await post("https://evil.example", forgedEmail);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("is geweigerd");
    expect(countUsers()).toBe(usersBefore);
    expect(findUserRow(forgedEmail)).toBeUndefined();

    // The same request from the portal's own origin goes through, so the refusal above is the Origin's doing.
    const genuineEmail = uniqueEmail("echt");
    const genuine = await post(baseUrl, genuineEmail);
    expect(genuine.status).toBe(302);
    expect(genuine.headers.get("location")).toMatch(/^\/beheer\/gebruikers\/\d+$/);
    expect(countUsers()).toBe(usersBefore + 1);
    expect(findUserRow(genuineEmail)?.status).toBe("invited");
  });

  test("een formulier op een andere site kan niet uitloggen", async () => {
    const page = await browser.newPage();
    await visit(page, "/inloggen");
    await signInToDashboard(page, demoUsers.member, DEMO_PASSWORD);

    const target = url("/uitloggen");
    const evil = http.createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="nl"><head><title>Andere site</title></head><body>
<form method="post" action="${target}"><input type="hidden" name="x" value="1"></form>
<script>document.forms[0].submit();</script></body></html>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    try {
      const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === target && r.request().method() === "POST"),
        page.goto(evilUrl),
      ]);
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain("is geweigerd");
    } finally {
      await new Promise((resolve) => evil.close(resolve));
    }

    // Still signed in: the dashboard opens and greets the member.
    await visit(page, "/");
    expect(pathOf(page)).toBe("/");
    await expectDashboardFor(page, demoUsers.member);
    await page.getByRole("banner").getByRole("button", { name: "Uitloggen" }).waitFor();
  });
});

describe("zonder JavaScript", () => {
  test("inloggen werkt en komt op het dashboard", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await visit(page, "/inloggen");
    const response = await signIn(page, demoUsers.coordinator.email, DEMO_PASSWORD);
    expect(response.status()).toBe(302);
    await waitForPath(page, "/");
    await expectDashboardFor(page, demoUsers.coordinator);
    await expectNoAxeViolations(page);
  });

  test("een onjuist e-mailadres krijgt de melding van de server bij het veld", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await visit(page, "/inloggen");
    const response = await signIn(page, "geen-e-mailadres", "wat dan ook");
    expect(response.status()).toBe(400);
    await page.waitForLoadState("load");
    expect(pathOf(page)).toBe("/inloggen");
    expect(await page.getByLabel("E-mailadres").getAttribute("aria-invalid")).toBe("true");
    expect(await describedText(page, "E-mailadres")).toContain("Vul een geldig e-mailadres in");
    expect(await page.getByLabel("E-mailadres").inputValue()).toBe("geen-e-mailadres");
    expect(await page.getByLabel("Wachtwoord").inputValue()).toBe("");
    await expectNoAxeViolations(page);
  });
});

test("pagina's zonder inloggen zijn toegankelijk; het dashboard stuurt naar /inloggen", async () => {
  const page = await browser.newPage();
  for (const path of [
    "/inloggen",
    "/wachtwoord-vergeten",
    "/over-ogw",
    "/toegankelijkheidsverklaring",
  ]) {
    const response = await visit(page, path);
    expect(response.status(), path).toBe(200);
    expect(pathOf(page), path).toBe(path);
    expect(
      (await page.getByRole("heading", { level: 1 }).first().textContent())?.trim(),
      path,
    ).toBeTruthy();
  }
  await visit(page, "/");
  expect(pathOf(page)).toBe("/inloggen");
});

test("een rolwijziging en deactiveren beëindigen de sessie", async () => {
  const admin = await browser.newPage();
  await visit(admin, "/inloggen");
  await signInToDashboard(admin, demoUsers.admin, DEMO_PASSWORD);
  const user = await browser.newPage();
  const colleague = await createActiveColleague(admin, user, "Daan Smit");
  // The invitation ends on /inloggen in the colleague's own context (A).
  await signInToDashboard(user, colleague, colleague.password);

  // The administrator (context B) is already on the colleague's page after inviting.
  expect(pathOf(admin)).toBe(`/beheer/gebruikers/${colleague.userId}`);
  await admin.getByLabel("Rol in de app").selectOption({ label: "Gilde-coördinator" });
  await admin.getByRole("button", { name: "Rol opslaan" }).click();
  await expect
    .poll(() => statusTexts(admin))
    .toContainEqual(expect.stringContaining("De rol is gewijzigd."));
  await expectNoAxeViolations(admin);
  expect(findUserRow(colleague.email)?.app_role).toBe("coordinator");

  await user.goto(url("/"));
  await waitForPath(user, "/inloggen");
  await expectNoAxeViolations(user);

  await admin.getByRole("button", { name: "Account deactiveren" }).click();
  await expect
    .poll(() => statusTexts(admin))
    .toContainEqual(expect.stringContaining("Het account is gedeactiveerd."));
  await admin.getByRole("button", { name: "Account weer activeren" }).waitFor();
  await expectNoAxeViolations(admin);
  expect(findUserRow(colleague.email)?.status).toBe("deactivated");

  const response = await signIn(user, colleague.email, colleague.password);
  expect(response.status()).toBe(403);
  await expect
    .poll(() => alertTexts(user))
    .toContainEqual(expect.stringContaining("Uw account is niet actief."));
  expect(pathOf(user)).toBe("/inloggen");
  await expectNoAxeViolations(user);
});
