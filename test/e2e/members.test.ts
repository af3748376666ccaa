// The member directory and one's own data in a real browser: search by expertise, filter by
// department, edit the own profile (markup in it shown as text), and download the own data as
// JSON. Every page visited is checked with axe.
import fs from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  browserForThisFile,
  DEMO_PASSWORD,
  demoUsers,
  expectNoAxeViolations,
  findUserRow,
  signInToDashboard,
  visit,
  waitForPath,
  withDatabase,
} from "#test/e2e/support.ts";

const browser = browserForThisFile();
const JOURNEY_TIMEOUT_MS = 180_000;

const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());

// Who the directory should list: active, never anonymised, not (yet) departed.
const listed = `u.status = 'active' AND u.anonymised_at IS NULL
  AND (u.guild_left_on IS NULL OR u.guild_left_on > @today)`;

/** A tag that several listed members share, and their names. */
function sharedTag(): { tag: string; names: string[] } {
  return withDatabase((db) => {
    const row = db
      .prepare(
        `SELECT e.tag AS tag, count(*) AS n FROM member_expertise e JOIN users u ON u.id = e.user_id
         WHERE ${listed} AND e.tag NOT LIKE '% %' GROUP BY e.tag HAVING n >= 2 ORDER BY n DESC, e.tag LIMIT 1`,
      )
      .get({ today }) as { tag: string };
    const names = (
      db
        .prepare(
          `SELECT u.name AS name FROM member_expertise e JOIN users u ON u.id = e.user_id
           WHERE ${listed} AND e.tag = @tag ORDER BY u.name`,
        )
        .all({ today, tag: row.tag }) as { name: string }[]
    ).map((r) => r.name);
    return { tag: row.tag, names };
  });
}

/** A department with several listed members: its name and their names. */
function busyDepartment(): { name: string; members: string[] } {
  return withDatabase((db) => {
    const row = db
      .prepare(
        `SELECT d.id AS id, d.name AS name, count(*) AS n FROM users u JOIN departments d ON d.id = u.department_id
         WHERE ${listed} GROUP BY d.id HAVING n >= 2 ORDER BY n DESC, d.name LIMIT 1`,
      )
      .get({ today }) as { id: number; name: string };
    const members = (
      db
        .prepare(`SELECT u.name AS name FROM users u WHERE ${listed} AND u.department_id = @id`)
        .all({ today, id: row.id }) as { name: string }[]
    ).map((r) => r.name);
    return { name: row.name, members: members.sort() };
  });
}

async function namesInResults(page: Page): Promise<string[]> {
  const names = await page
    .getByRole("table", { name: /Gevonden leden/ })
    .locator("tbody th[scope=row] a")
    .allTextContents();
  return names.map((name) => name.trim()).sort();
}

describe("the member directory", () => {
  test(
    "search by expertise and filter by department, as a member",
    async () => {
      const page = await browser.newPage();
      await signInToDashboard(page, demoUsers.member, DEMO_PASSWORD);
      await page.getByRole("navigation").getByRole("link", { name: "Leden" }).click();
      await waitForPath(page, "/leden");
      await expectNoAxeViolations(page);

      const { tag, names } = sharedTag();
      await page
        .getByLabel("Zoeken", { exact: true })
        .fill(tag.slice(0, Math.max(4, tag.length - 2)));
      await page.getByRole("button", { name: "Zoeken" }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBeTruthy();
      await expect.poll(() => namesInResults(page)).toEqual(expect.arrayContaining(names));
      await expectNoAxeViolations(page);

      await page.getByRole("link", { name: "Zoekopdracht wissen" }).click();
      await expect.poll(() => new URL(page.url()).search).toBe("");
      const department = busyDepartment();
      await page.getByLabel("Afdeling").selectOption({ label: department.name });
      await page.getByRole("button", { name: "Zoeken" }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get("afdeling")).toMatch(/^\d+$/);
      await expect.poll(() => namesInResults(page)).toEqual(department.members);
      await expect
        .poll(() => page.getByRole("status").first().textContent())
        .toContain(`${department.members.length} leden gevonden`);
      await expectNoAxeViolations(page);
    },
    JOURNEY_TIMEOUT_MS,
  );

  test(
    "edit the own profile, see it as colleagues do, and download the own data",
    async () => {
      const page = await browser.newPage();
      await signInToDashboard(page, demoUsers.hr, DEMO_PASSWORD);
      await page.getByRole("banner").getByRole("link", { name: "Mijn profiel" }).click();
      await waitForPath(page, "/profiel");
      await expectNoAxeViolations(page);

      const introduction =
        "Ik werk aan <script>alert('x')</script> de Omgevingswet & participatie.";
      await page.getByLabel("Team", { exact: false }).first().fill("Team Strategisch Advies");
      await page.getByLabel("Expertise").fill("Procesregie, wijkgericht werken, Procesregie");
      await page.getByLabel("Introductie").fill(introduction);
      await page.getByRole("button", { name: "Profiel opslaan" }).click();
      await expect
        .poll(() => page.getByRole("status").allTextContents())
        .toContainEqual(expect.stringContaining("Uw profiel is opgeslagen."));
      await expectNoAxeViolations(page);

      const me = findUserRow(demoUsers.hr.email)!;
      await visit(page, `/leden/${me.id}`);
      const main = page.getByRole("main");
      await expect.poll(() => main.textContent()).toContain(introduction);
      await expect.poll(() => main.textContent()).toContain("Team Strategisch Advies");
      expect(await main.locator("script").count()).toBe(0);
      const tags = await main.locator(".tag-list li").allTextContents();
      // Each tag links to a search; the link's hidden text says so.
      expect(
        tags.map((text) => text.replace("(zoek leden met deze expertise)", "").trim()),
      ).toEqual(["Procesregie", "wijkgericht werken"]);

      await visit(page, "/profiel");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        // A form button that posts: the download is logged, so it is no link a GET could follow.
        page.getByRole("button", { name: "Download mijn gegevens" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("mijn-gegevens-gildeportaal.json");
      const file = await download.path();
      const exported = JSON.parse(await fs.readFile(file, "utf8")) as {
        tabellen: Record<string, Record<string, unknown>[]>;
      };
      expect(exported.tabellen.users).toEqual([
        expect.objectContaining({ email: demoUsers.hr.email, introduction }),
      ]);
      expect(exported.tabellen.member_expertise!.map((row) => row.tag).sort()).toEqual([
        "Procesregie",
        "wijkgericht werken",
      ]);
      const text = JSON.stringify(exported);
      for (const other of [demoUsers.member, demoUsers.coordinator, demoUsers.admin]) {
        expect(text).not.toContain(other.email);
        expect(text).not.toContain(other.name);
      }
    },
    JOURNEY_TIMEOUT_MS,
  );
});
