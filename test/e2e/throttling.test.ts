// Sign-in throttling in a real browser, without JavaScript so that every attempt is a document POST
// whose status the test can read. It runs against the second server (its own database), because
// failures also count per network address and the browser always comes from this machine.
import { expect, inject, test } from "vitest";
import {
  DEMO_PASSWORD,
  demoUsers,
  expectNoAxeViolations,
  pathOf,
  signIn,
  uniqueEmail,
  browserForThisFile,
  visit,
} from "#test/e2e/support.ts";

const browser = browserForThisFile();
const throttleBaseUrl = inject("e2eThrottleBaseUrl");

test("na tien mislukte pogingen weigert /inloggen met 429 en een Nederlandse melding", async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  await visit(page, "/inloggen", throttleBaseUrl);
  const email = uniqueEmail("throttle");

  for (let attempt = 1; attempt <= 10; attempt++) {
    const response = await signIn(page, email, `fout wachtwoord ${attempt}`);
    expect(response.status(), `poging ${attempt}`).toBe(400);
    const alert = await page.getByRole("alert").allTextContents();
    expect(alert.join(" "), `poging ${attempt}`).toContain("passen niet bij een actief account");
    if (attempt === 1) await expectNoAxeViolations(page);
  }

  const eleventh = await signIn(page, email, "fout wachtwoord 11");
  expect(eleventh.status()).toBe(429);
  expect(pathOf(page)).toBe("/inloggen");
  expect((await page.getByRole("alert").allTextContents()).join(" ")).toContain(
    "Te veel mislukte inlogpogingen",
  );
  expect(await page.getByLabel("E-mailadres").inputValue()).toBe(email);
  expect(await page.getByLabel("Wachtwoord").inputValue()).toBe("");
  await expectNoAxeViolations(page);

  // The network address is blocked too: even the right password for another account is refused for now.
  const rightPassword = await signIn(page, demoUsers.member.email, DEMO_PASSWORD);
  expect(rightPassword.status()).toBe(429);
  expect(pathOf(page)).toBe("/inloggen");
  expect((await page.getByRole("alert").allTextContents()).join(" ")).toContain(
    "Te veel mislukte inlogpogingen",
  );
});
