// The budget overview: its figures come from the ledger, the significant expenses show their college
// status, only budget viewers get in, and the chart is an accessible SVG without inline styles.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { BurnDownChart } from "#app/components/burn-down-chart.tsx";
import { formatEuro } from "#app/domain/money.ts";
import { getBudgetFigures } from "#app/models/budget.server.ts";
import * as budgetRoute from "#app/routes/budget.tsx";
import { appRequest, settle, statusOf, testContext } from "#test/factories.ts";
import { buildBudgetDataset, expected } from "#test/budget-dataset.ts";

type Dataset = Awaited<ReturnType<typeof buildBudgetDataset>>;
type PageData = Awaited<ReturnType<typeof budgetRoute.loader>>;

let dataset: Dataset;

async function loadAs(cookie: string | undefined) {
  return settle(() =>
    budgetRoute.loader({
      request: appRequest("/budget", { cookie }),
      params: {},
      context: testContext,
    }),
  );
}

async function pageAs(
  role: "coordinator" | "hr" | "admin",
): Promise<NonNullable<PageData["report"]> & PageData> {
  const result = await loadAs(dataset.users.get(role)!.cookie);
  expect(statusOf(result)).toBe(200);
  const value = result.value as PageData;
  expect(value.report).not.toBeNull();
  return { ...value, ...value.report! };
}

describe("the budget page before there is a budget", () => {
  it("tells everyone so, and the admin where to set it up", async () => {
    const { createUser, sessionCookieFor } = await import("#test/factories.ts");
    const hr = await createUser({ appRole: "hr" });
    const admin = await createUser({ appRole: "admin" });
    const asHr = (await loadAs(sessionCookieFor(hr.id))).value as PageData;
    const asAdmin = (await loadAs(sessionCookieFor(admin.id))).value as PageData;
    expect(asHr).toMatchObject({ report: null, canManage: false });
    expect(asAdmin).toMatchObject({ report: null, canManage: true });
  });
});

describe("the budget page", () => {
  beforeAll(async () => {
    dataset = await buildBudgetDataset();
  });

  it("shows the figures the ledger gives, worked out by hand as well", async () => {
    const page = await pageAs("hr");
    expect(page.figures).toEqual(getBudgetFigures(getDb(), dataset.budgetId));
    expect(page.figures).toEqual(expected);
    // (125 050 + 385 050) / 1 500 000 = 0,34007 → 34%
    expect(page.usedShare).toBe("34%");
    expect(page.aboveWarning).toBe(false);
  });

  it("shows the budget's decision, period and threshold from its row", async () => {
    const page = await pageAs("coordinator");
    expect(page.budget).toMatchObject({
      name: "Opleidingsbudget Gilde OGW",
      decision: "31 januari 2023 (Z.180338 / D.1436779)",
      period: "1 februari 2023 tot en met 31 december 2025",
      threshold: formatEuro(250_000),
    });
  });

  it("ends the burn-down at what is available, with the pace line from the full budget to zero", async () => {
    const page = await pageAs("hr");
    const dates = page.series.map((point) => point.date);
    // Start, commitment E1 (15 March), payment E1 (20 April: € 149,50 back), commitment E2 (3 May), today.
    expect(dates.slice(0, 4)).toEqual(["2023-02-01", "2023-03-15", "2023-04-20", "2023-05-03"]);
    expect(page.series.map((point) => point.availableCents).slice(0, 4)).toEqual([
      1_500_000, 1_100_000, 1_114_950, 989_900,
    ]);
    expect(page.series.at(-1)!.availableCents).toBe(expected.availableCents);
    expect(page.pace[0]!.availableCents).toBe(expected.budgetCents);
    expect(page.pace.at(-1)).toMatchObject({ date: "2025-12-31", availableCents: 0 });
  });

  it("breaks down used money by kind, department and OGW role, with pending apart", async () => {
    const page = await pageAs("admin");
    const [byKind, byDepartment, byRole] = page.breakdowns.map((item) => item.breakdown);
    for (const breakdown of [byKind!, byDepartment!, byRole!]) {
      expect(breakdown.total.usedCents).toBe(expected.committedCents + expected.actualCents);
      expect(breakdown.total.pendingCents).toBe(expected.pendingCents);
    }
    expect(byKind!.rows.find((row) => row.key === "in_house")).toMatchObject({
      actualCents: 385_050,
      usedCents: 385_050,
    });
    expect(byDepartment!.rows.find((row) => row.label === "P&O")).toMatchObject({
      committedCents: 125_050,
    });
    expect(byDepartment!.rows.find((row) => row.label === "OOV")).toMatchObject({
      usedCents: 0,
      pendingCents: 360_000,
    });
    expect(byRole!.rows.find((row) => row.label === "Opgaveregisseur")).toMatchObject({
      actualCents: 385_050,
    });
  });

  it("lists the significant expenses with their college status and a link target", async () => {
    const page = await pageAs("coordinator");
    expect(page.significant.map((expense) => [expense.id, expense.college])).toEqual([
      [dataset.ids.e4, "Nog voor te leggen"],
      [dataset.ids.e1, "Goedgekeurd door college op 14 maart 2023 (Z.190001 / D.1500001)"],
    ]);
    expect(page.significant.find((expense) => expense.id === dataset.ids.e1)).toMatchObject({
      amount: formatEuro(400_000),
      requestedOn: "1 maart 2023",
    });
  });

  it("refuses members with 403 and sends anonymous visitors to sign in", async () => {
    expect(statusOf(await loadAs(dataset.users.get("member")!.cookie))).toBe(403);
    const anonymous = await loadAs(undefined);
    expect(statusOf(anonymous)).toBe(302);
    expect(anonymous.response?.headers.get("Location")).toBe(
      `/inloggen?terug=${encodeURIComponent("/budget")}`,
    );
  });

  it("offers the exports to those who may export", async () => {
    expect((await pageAs("hr")).canExport).toBe(true);
  });
});

describe("the burn-down chart", () => {
  const props = {
    idPrefix: "grafiek",
    startDate: "2024-01-01",
    endDate: "2024-12-31",
    today: "2024-04-10",
    budgetCents: 1_500_000,
    series: [
      { date: "2024-01-01", day: 0, availableCents: 1_500_000 },
      { date: "2024-02-01", day: 31, availableCents: 900_000 },
      { date: "2024-04-10", day: 100, availableCents: 900_000 },
    ],
    pace: [
      { date: "2024-01-01", day: 0, availableCents: 1_500_000 },
      { date: "2024-04-10", day: 100, availableCents: 1_090_164 },
      { date: "2024-12-31", day: 366, availableCents: 0 },
    ],
    runOut: "2024-09-07",
    runOutSentence: "Bij het huidige tempo is het budget op rond 7 september 2024.",
  };
  const html = renderToStaticMarkup(createElement(BurnDownChart, props));

  it("is an image named by its title and description", () => {
    expect(html).toMatch(
      /<svg[^>]*role="img"[^>]*aria-labelledby="grafiek-titel grafiek-beschrijving"/,
    );
    expect(html).toContain('<title id="grafiek-titel">Verloop van het beschikbare budget</title>');
    expect(html).toContain(`nu is ${formatEuro(900_000)} beschikbaar`);
    expect(html).toMatch(/<desc id="grafiek-beschrijving">[^<]*op rond 7 september 2024\.<\/desc>/);
  });

  it("draws the pace dashed, marks today and the run-out, and labels months in Dutch", () => {
    expect(html).toMatch(/class="burn-down__pace"[^>]*stroke-dasharray=/);
    expect(html).toContain(">vandaag</text>");
    expect(html).toContain("op rond 7 september 2024");
    expect(html).toContain(">mrt</tspan>");
  });

  it("has the figures as a table, and no inline style anywhere", () => {
    expect(html).toContain("<summary>Gegevens van de grafiek</summary>");
    expect(html).toContain(
      `<th scope="row">1 februari 2024</th><td class="numeric">${formatEuro(900_000)}</td>`,
    );
    expect(html).not.toMatch(/style=/);
  });
});
