// /uitgaven a page at a time: 50 expenses per page newest first, the total over all pages, page
// links that keep the accepted filters, a sensible page for a bad ?pagina=, and an index that
// serves the order.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSqlite } from "#db/client.server.ts";
import { budgets, expenses, type ExpenseKind, type ExpenseStatus } from "#db/schema.ts";
import { Pagination } from "#app/components/pagination.tsx";
import * as listRoute from "#app/routes/uitgaven._index.tsx";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
  type RouteFn,
} from "#test/factories.ts";

type ListData = Awaited<ReturnType<typeof listRoute.loader>>;

const EXPENSE_COUNT = 120;
const kinds: ExpenseKind[] = ["in_house", "knowledge_session", "individual", "other"];

type Made = { id: number; requestedAt: string; status: ExpenseStatus; kind: ExpenseKind };
let made: Made[] = [];
let cookie = "";

/** Newest request first, the higher id first on the same instant: the order the page promises. */
function newestFirst(rows: readonly Made[]): number[] {
  return [...rows]
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt) || b.id - a.id)
    .map((row) => row.id);
}

async function list(path: string): Promise<ListData> {
  const result = await settle(() =>
    (listRoute.loader as RouteFn)({
      request: appRequest(path, { cookie }),
      params: {},
      context: testContext,
    }),
  );
  expect(statusOf(result), path).toBe(200);
  return result.value as ListData;
}

const idsOf = (page: ListData) => page.rows.map((row) => row.id);

beforeAll(async () => {
  const db = getDb();
  const viewer = await createUser({ appRole: "coordinator", name: "Test kijker" });
  const requester = await createUser({ appRole: "coordinator", name: "Test aanvrager" });
  cookie = sessionCookieFor(viewer.id);
  const budgetId = db
    .insert(budgets)
    .values({
      name: "Opleidingsbudget Gilde OGW",
      fundingSource: "Incidentele middelen",
      decisionDate: "2023-01-31",
      decisionReference: "Z.1 / D.1",
      startDate: "2024-01-01",
      endDate: "2099-12-31",
      significanceThresholdCents: 250_000,
    })
    .returning({ id: budgets.id })
    .get().id;
  // Inserted out of time order, so that the id order is not the page order; every third pair of
  // expenses shares its instant, so the id must break the tie.
  const base = Date.parse("2025-03-01T09:00:00.000Z");
  const order = Array.from({ length: EXPENSE_COUNT }, (_, i) => (i * 37) % EXPENSE_COUNT);
  made = order.map((i) => {
    const minutes = i % 6 === 1 ? i - 1 : i;
    const requestedAt = new Date(base + minutes * 60_000).toISOString();
    const status: ExpenseStatus = i % 3 === 0 ? "paid" : "approved";
    const kind = kinds[i % kinds.length]!;
    const id = db
      .insert(expenses)
      .values({
        budgetId,
        description: `Uitgave ${i}`,
        supplier: "Bureau Opgave",
        kind,
        amountCents: 10_000 + i,
        requestedById: requester.id,
        status,
        requestedAt,
      })
      .returning({ id: expenses.id })
      .get().id;
    return { id, requestedAt, status, kind };
  });
});

describe("the expense list a page at a time (/uitgaven)", () => {
  it("shows 50 expenses per page, newest first, with the total and the links between pages", async () => {
    const expected = newestFirst(made);
    const [first, second, third] = await Promise.all([
      list("/uitgaven"),
      list("/uitgaven?pagina=2"),
      list("/uitgaven?pagina=3"),
    ]);
    expect(idsOf(first)).toEqual(expected.slice(0, 50));
    expect(idsOf(second)).toEqual(expected.slice(50, 100));
    expect(idsOf(third)).toEqual(expected.slice(100));
    for (const page of [first, second, third]) {
      expect(page.count).toBe(`${EXPENSE_COUNT} uitgaven gevonden`);
      expect(page.total).toBe(EXPENSE_COUNT);
      expect(page.pageCount).toBe(3);
    }
    expect([first.page, second.page, third.page]).toEqual([1, 2, 3]);
    expect([first.previousHref, first.nextHref]).toEqual([null, "/uitgaven?pagina=2"]);
    expect([second.previousHref, second.nextHref]).toEqual(["/uitgaven", "/uitgaven?pagina=3"]);
    expect([third.previousHref, third.nextHref]).toEqual(["/uitgaven?pagina=2", null]);
  });

  it("keeps the accepted filters in the page links and leaves out a rejected one", async () => {
    const approved = made.filter((row) => row.status === "approved");
    expect(approved.length).toBeGreaterThan(50);
    const expected = newestFirst(approved);
    const first = await list("/uitgaven?status=approved&soort=weg");
    expect(first.notes).toHaveLength(1);
    expect(first.count).toBe(`${approved.length} uitgaven gevonden`);
    expect(first.pageCount).toBe(2);
    expect(idsOf(first)).toEqual(expected.slice(0, 50));
    expect(first.nextHref).toBe("/uitgaven?status=approved&pagina=2");

    const second = await list(first.nextHref!);
    expect(idsOf(second)).toEqual(expected.slice(50));
    expect(second.values).toEqual({ status: "approved", soort: "", significant: "" });
    expect(second.previousHref).toBe("/uitgaven?status=approved");
    expect(second.nextHref).toBeNull();

    const both = made.filter((row) => row.status === "paid" && row.kind === "in_house");
    const narrow = await list("/uitgaven?soort=in_house&status=paid&significant=nee");
    expect(idsOf(narrow)).toEqual(newestFirst(both));
    expect(narrow.pageCount).toBe(1);
    expect([narrow.previousHref, narrow.nextHref]).toEqual([null, null]);
  });

  it("shows the first page for a malformed number and the last one for a page past the end", async () => {
    const expected = newestFirst(made);
    for (const pagina of ["abc", "0", "-2", "1.5", ""]) {
      const page = await list(`/uitgaven?pagina=${pagina}`);
      expect(page.page, pagina).toBe(1);
      expect(idsOf(page), pagina).toEqual(expected.slice(0, 50));
    }
    for (const pagina of ["4", "99", "99999999999999999999999"]) {
      const page = await list(`/uitgaven?pagina=${pagina}`);
      expect(page.page, pagina).toBe(3);
      expect(idsOf(page), pagina).toEqual(expected.slice(100));
      expect(page.nextHref, pagina).toBeNull();
    }
    const none = await list("/uitgaven?status=rejected&pagina=5");
    expect(none).toMatchObject({
      rows: [],
      total: 0,
      count: "Geen uitgaven gevonden",
      page: 1,
      pageCount: 1,
      previousHref: null,
      nextHref: null,
    });
  });

  it("reads a page along an index in the list's order, without sorting the budget", () => {
    const plan = (sql: string) =>
      (getSqlite().prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join(" | ");
    const page = (where: string) =>
      plan(
        `SELECT id FROM expenses WHERE budget_id = 1 ${where} ORDER BY requested_at DESC, id DESC LIMIT 50 OFFSET 50`,
      );
    const all = page("");
    expect(all).toContain("expenses_budget_requested_at_idx");
    expect(all).not.toContain("TEMP B-TREE");
    const byStatus = page("AND status = 'paid'");
    expect(byStatus).toContain("expenses_budget_status_requested_at_idx");
    expect(byStatus).not.toContain("TEMP B-TREE");
    // The review queue: one status, oldest first.
    const review = plan(
      "SELECT id FROM expenses WHERE budget_id = 1 AND status = 'requested' AND requested_by_id <> 2 ORDER BY requested_at, id",
    );
    expect(review).toContain("expenses_budget_status_requested_at_idx");
    expect(review).not.toContain("TEMP B-TREE");
  });
});

describe("the page navigation", () => {
  const render = (props: Parameters<typeof Pagination>[0]) =>
    renderToStaticMarkup(
      createElement(StaticRouter, { location: "/uitgaven" }, createElement(Pagination, props)),
    );

  it("is a named navigation with plain links to the pages before and after", () => {
    const html = render({
      page: 2,
      pageCount: 147,
      previousHref: "/uitgaven?status=paid",
      nextHref: "/uitgaven?status=paid&pagina=3",
    });
    expect(html).toMatch(/^<nav aria-label="Paginering"/);
    expect(html).toContain('href="/uitgaven?status=paid">Vorige</a>');
    expect(html).toContain("<span>Pagina 2 van 147</span>");
    expect(html).toContain('href="/uitgaven?status=paid&amp;pagina=3">Volgende</a>');
  });

  it("leaves out the missing link at either end, and everything when there is one page", () => {
    const last = render({
      page: 3,
      pageCount: 3,
      previousHref: "/uitgaven?pagina=2",
      nextHref: null,
    });
    expect(last).toContain("Vorige");
    expect(last).not.toContain("Volgende");
    expect(render({ page: 1, pageCount: 1, previousHref: null, nextHref: null })).toBe("");
  });
});
