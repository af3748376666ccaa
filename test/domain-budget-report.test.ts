// The budget report's arithmetic, with every expected figure worked out by hand in the comments.
import { describe, expect, it } from "vitest";
import {
  amsterdamDateOf,
  breakdownByDepartment,
  breakdownByKind,
  breakdownByOgwRole,
  burnDownSeries,
  centsToDecimal,
  collegeStatusLabel,
  formatDutchDate,
  formatNumericDate,
  formatUseRatio,
  monthTicks,
  paceOn,
  pacePoints,
  pendingTotal,
  runOutDate,
  runOutSentence,
  type CollegeFacts,
  type LedgerRow,
  type ReportExpense,
} from "#app/domain/budget-report.ts";

describe("burnDownSeries", () => {
  const history: LedgerRow[] = [
    { type: "allocation", amountCents: 1_500_000, at: "2023-02-01T09:00:00.000Z" },
    { type: "commitment", amountCents: 250_000, at: "2023-03-10T10:00:00.000Z" },
    // A payment of € 2.400 on a € 2.500 commitment: release + actual cancel out, the correction gives € 100 back.
    { type: "release", amountCents: 250_000, at: "2023-04-05T12:00:00.000Z" },
    { type: "actual", amountCents: 250_000, at: "2023-04-05T12:00:00.000Z" },
    { type: "correction", amountCents: -10_000, at: "2023-04-05T12:00:00.000Z" },
    // 22:30 UTC on 31 May is 00:30 on 1 June in Huizen.
    { type: "commitment", amountCents: 100_000, at: "2023-05-31T22:30:00.000Z" },
  ];

  it.each([
    {
      name: "one point per day with a change, plus start and today",
      rows: history,
      startDate: "2023-02-01",
      today: "2023-06-15",
      // Days since 1 Feb 2023: 10 Mar = 28 + 9 = 37; 5 Apr = 28 + 31 + 4 = 63; 1 Jun = 28 + 31 + 30 + 31 = 120; 15 Jun = 134.
      expected: [
        { date: "2023-02-01", day: 0, availableCents: 1_500_000 },
        { date: "2023-03-10", day: 37, availableCents: 1_250_000 },
        { date: "2023-04-05", day: 63, availableCents: 1_260_000 },
        { date: "2023-06-01", day: 120, availableCents: 1_160_000 },
        { date: "2023-06-15", day: 134, availableCents: 1_160_000 },
      ],
    },
    {
      name: "an allocation booked before the period counts on its first day; no second point for today",
      rows: [
        { type: "allocation", amountCents: 1_500_000, at: "2023-01-31T12:00:00.000Z" },
        { type: "commitment", amountCents: 300_000, at: "2023-02-03T12:00:00.000Z" },
      ] satisfies LedgerRow[],
      startDate: "2023-02-01",
      today: "2023-02-03",
      expected: [
        { date: "2023-02-01", day: 0, availableCents: 1_500_000 },
        { date: "2023-02-03", day: 2, availableCents: 1_200_000 },
      ],
    },
    {
      name: "a day whose entries cancel out adds no point",
      rows: [
        { type: "allocation", amountCents: 500_000, at: "2024-01-01T08:00:00.000Z" },
        { type: "release", amountCents: 50_000, at: "2024-01-10T08:00:00.000Z" },
        { type: "actual", amountCents: 50_000, at: "2024-01-10T08:00:00.000Z" },
      ] satisfies LedgerRow[],
      startDate: "2024-01-01",
      today: "2024-01-20",
      expected: [
        { date: "2024-01-01", day: 0, availableCents: 500_000 },
        { date: "2024-01-20", day: 19, availableCents: 500_000 },
      ],
    },
    {
      name: "no entries: nothing available from start to today",
      rows: [],
      startDate: "2024-03-01",
      today: "2024-03-31",
      expected: [
        { date: "2024-03-01", day: 0, availableCents: 0 },
        { date: "2024-03-31", day: 30, availableCents: 0 },
      ],
    },
    {
      name: "a period that has not started yet has only its start",
      rows: [
        { type: "allocation", amountCents: 100_000, at: "2024-05-01T08:00:00.000Z" },
      ] satisfies LedgerRow[],
      startDate: "2025-01-01",
      today: "2024-06-01",
      expected: [{ date: "2025-01-01", day: 0, availableCents: 100_000 }],
    },
    {
      name: "raising and lowering the budget are steps too",
      rows: [
        { type: "allocation", amountCents: 1_000_000, at: "2024-01-01T08:00:00.000Z" },
        { type: "allocation", amountCents: 500_000, at: "2024-02-01T08:00:00.000Z" },
        { type: "allocation", amountCents: -200_000, at: "2024-03-01T08:00:00.000Z" },
      ] satisfies LedgerRow[],
      startDate: "2024-01-01",
      today: "2024-03-01",
      // 1 Feb 2024 = day 31; 1 Mar 2024 = 31 + 29 = day 60 (leap year).
      expected: [
        { date: "2024-01-01", day: 0, availableCents: 1_000_000 },
        { date: "2024-02-01", day: 31, availableCents: 1_500_000 },
        { date: "2024-03-01", day: 60, availableCents: 1_300_000 },
      ],
    },
  ])("$name", ({ rows, startDate, today, expected }) => {
    expect(burnDownSeries(rows, { startDate, today })).toEqual(expected);
  });
});

describe("pacePoints", () => {
  it.each([
    {
      name: "a leap year, today on 1 July",
      budget: 1_500_000,
      period: { startDate: "2024-01-01", endDate: "2024-12-31", today: "2024-07-01" },
      // 366 days; 1 July is day 31+29+31+30+31+30 = 182; 1 500 000 × 184/366 = 754 098,36 → 754 098.
      expected: [
        { date: "2024-01-01", day: 0, availableCents: 1_500_000 },
        { date: "2024-07-01", day: 182, availableCents: 754_098 },
        { date: "2024-12-31", day: 366, availableCents: 0 },
      ],
    },
    {
      name: "the guild's period from February 2023",
      budget: 1_500_000,
      period: { startDate: "2023-02-01", endDate: "2025-12-31", today: "2024-02-01" },
      // 334 + 366 + 365 = 1065 days; one year (365 days) gone: 1 500 000 × 700/1065 = 985 915,49 → 985 915.
      expected: [
        { date: "2023-02-01", day: 0, availableCents: 1_500_000 },
        { date: "2024-02-01", day: 365, availableCents: 985_915 },
        { date: "2025-12-31", day: 1065, availableCents: 0 },
      ],
    },
    {
      name: "before the period: no point for today",
      budget: 1_000_000,
      period: { startDate: "2024-01-01", endDate: "2024-12-31", today: "2023-12-01" },
      expected: [
        { date: "2024-01-01", day: 0, availableCents: 1_000_000 },
        { date: "2024-12-31", day: 366, availableCents: 0 },
      ],
    },
    {
      name: "after the period: no point for today",
      budget: 1_000_000,
      period: { startDate: "2024-01-01", endDate: "2024-12-31", today: "2025-02-01" },
      expected: [
        { date: "2024-01-01", day: 0, availableCents: 1_000_000 },
        { date: "2024-12-31", day: 366, availableCents: 0 },
      ],
    },
  ])("$name", ({ budget, period, expected }) => {
    expect(pacePoints(budget, period)).toEqual(expected);
  });

  it("paceOn gives the same figure as the pace line on that day", () => {
    // Day 91 of 366 (1 April 2024): 1 500 000 × 275/366 = 1 127 049,18 → 1 127 049.
    expect(
      paceOn(1_500_000, { startDate: "2024-01-01", endDate: "2024-12-31" }, "2024-04-01"),
    ).toBe(1_127_049);
  });
});

describe("runOutDate and its sentence", () => {
  const period = { startDate: "2024-01-01", endDate: "2024-12-31" };
  // 10 April 2024 00:00 UTC is 100 days after 1 January (31 + 29 + 31 + 9).
  const now = new Date("2024-04-10T00:00:00.000Z");

  it.each([
    {
      name: "€ 6.000 used in 100 days (€ 60 a day), € 9.000 left: 150 more days, 7 September",
      figures: { availableCents: 900_000, committedCents: 400_000, actualCents: 200_000 },
      expected: "2024-09-07",
      sentence: "Bij het huidige tempo is het budget op rond 7 september 2024.",
    },
    {
      name: "€ 1.000 used in 100 days, € 14.000 left: 1400 days, beyond the end",
      figures: { availableCents: 1_400_000, committedCents: 0, actualCents: 100_000 },
      expected: null,
      sentence: "Bij het huidige tempo is er geld tot na het einde van de periode.",
    },
    {
      name: "nothing used yet",
      figures: { availableCents: 1_500_000, committedCents: 0, actualCents: 0 },
      expected: null,
      sentence: "Bij het huidige tempo is er geld tot na het einde van de periode.",
    },
    {
      name: "nothing left",
      figures: { availableCents: 0, committedCents: 1_000_000, actualCents: 500_000 },
      expected: "2024-04-10",
      sentence: "Het budget is op: er is niets meer beschikbaar.",
    },
  ])("$name", ({ figures, expected, sentence }) => {
    const date = runOutDate(figures, period, now);
    expect(date).toBe(expected);
    expect(runOutSentence(figures.availableCents, date)).toBe(sentence);
  });
});

describe("breakdowns of used money", () => {
  const expenses: ReportExpense[] = [
    // e1: approved → € 2.500 committed
    {
      kind: "in_house",
      departmentCode: "MO/MB",
      ogwRole: "line_manager",
      status: "approved",
      amountCents: 250_000,
      paidAmountCents: null,
    },
    // e2: paid € 950,50 on € 1.000 → actual is what was paid
    {
      kind: "in_house",
      departmentCode: "P&O",
      ogwRole: "employee",
      status: "paid",
      amountCents: 100_000,
      paidAmountCents: 95_050,
    },
    // e3: requested → pending only
    {
      kind: "individual",
      departmentCode: "MO/MB",
      ogwRole: "employee",
      status: "requested",
      amountCents: 40_000,
      paidAmountCents: null,
    },
    // e4, e5: rejected and cancelled use nothing and are not counted
    {
      kind: "knowledge_session",
      departmentCode: null,
      ogwRole: null,
      status: "rejected",
      amountCents: 30_000,
      paidAmountCents: null,
    },
    {
      kind: "other",
      departmentCode: "OOV",
      ogwRole: "opgave_director",
      status: "cancelled",
      amountCents: 20_000,
      paidAmountCents: null,
    },
    // e6: paid in full
    {
      kind: "individual",
      departmentCode: "OOV",
      ogwRole: "employee",
      status: "paid",
      amountCents: 60_000,
      paidAmountCents: 60_000,
    },
    // e7: approved, nobody's department or role known
    {
      kind: "other",
      departmentCode: null,
      ogwRole: null,
      status: "approved",
      amountCents: 10_000,
      paidAmountCents: null,
    },
  ];
  const row = (
    label: string,
    committedCents: number,
    actualCents: number,
    pendingCents: number,
    expenseCount: number,
  ) => ({
    label,
    committedCents,
    actualCents,
    usedCents: committedCents + actualCents,
    pendingCents,
    expenseCount,
  });
  // Totals: committed 250 000 + 10 000; actual 95 050 + 60 000; pending 40 000; 5 counted.
  const total = row("Totaal", 260_000, 155_050, 40_000, 5);

  it.each([
    {
      name: "by kind, every kind listed",
      run: breakdownByKind,
      rows: [
        row("In-house opleiding", 250_000, 95_050, 0, 2),
        row("Kennissessie", 0, 0, 0, 0),
        row("Individuele verdiepende opleiding", 0, 60_000, 40_000, 2),
        row("Overig", 10_000, 0, 0, 1),
      ],
    },
    {
      name: "by department code, none last",
      run: breakdownByDepartment,
      rows: [
        row("MO/MB", 250_000, 0, 40_000, 2),
        row("OOV", 0, 60_000, 0, 1),
        row("P&O", 0, 95_050, 0, 1),
        row("Geen afdeling", 10_000, 0, 0, 1),
      ],
    },
    {
      name: "by OGW role, in the decision's order",
      run: breakdownByOgwRole,
      rows: [
        row("Bestuurlijk opdrachtgever", 0, 0, 0, 0),
        row("Ambtelijk opdrachtgever", 0, 0, 0, 0),
        row("Opgaveregisseur", 0, 0, 0, 0),
        row("Sturingsprofessional", 0, 0, 0, 0),
        row("Lijnmanager", 250_000, 0, 0, 1),
        row("Medewerker", 0, 155_050, 40_000, 3),
        row("Onbekend", 10_000, 0, 0, 1),
      ],
    },
  ])("$name", ({ run, rows }) => {
    const result = run(expenses);
    expect(result.rows.map(({ key: _key, ...rest }) => rest)).toEqual(rows);
    expect(result.total).toMatchObject(total);
  });

  it("pendingTotal adds only the requests still waiting", () => {
    expect(pendingTotal(expenses)).toBe(40_000);
    expect(pendingTotal([])).toBe(0);
  });
});

describe("collegeStatusLabel", () => {
  const base: CollegeFacts = {
    significant: true,
    status: "requested",
    collegeOutcome: null,
    collegeDecisionDate: null,
    collegeReference: null,
  };
  it.each([
    {
      name: "not significant",
      facts: { ...base, significant: false },
      expected: "Niet significant",
    },
    { name: "waiting for the college", facts: base, expected: "Nog voor te leggen" },
    {
      name: "withdrawn before the college",
      facts: { ...base, status: "cancelled" as const },
      expected: "Niet voorgelegd",
    },
    {
      name: "approved by the college",
      facts: {
        ...base,
        status: "approved" as const,
        collegeOutcome: "approved" as const,
        collegeDecisionDate: "2026-03-12",
        collegeReference: "Z.200001 / D.1500001",
      },
      expected: "Goedgekeurd door college op 12 maart 2026 (Z.200001 / D.1500001)",
    },
    {
      name: "rejected by the college",
      facts: {
        ...base,
        status: "rejected" as const,
        collegeOutcome: "rejected" as const,
        collegeDecisionDate: "2026-01-06",
        collegeReference: "Z.2 / D.3",
      },
      expected: "Afgewezen door college op 6 januari 2026 (Z.2 / D.3)",
    },
  ])("$name", ({ facts, expected }) => {
    expect(collegeStatusLabel(facts)).toBe(expected);
  });
});

describe("monthTicks", () => {
  it("uses quarters for a period of 35 months, the year under the first label and each January", () => {
    const ticks = monthTicks("2023-02-01", "2025-12-31");
    expect(ticks.map((tick) => `${tick.month}${tick.year ? ` ${tick.year}` : ""}`)).toEqual([
      "apr 2023",
      "jul",
      "okt",
      "jan 2024",
      "apr",
      "jul",
      "okt",
      "jan 2025",
      "apr",
      "jul",
      "okt",
    ]);
    expect(ticks[0]!.date).toBe("2023-04-01");
  });

  it("uses whole years, each labelled, for a period of decades", () => {
    const ticks = monthTicks("2023-02-01", "2099-12-31");
    // Feb 2023 to Dec 2099 is 923 months: every 60 months would need 16 labels, every 120 at most 8, on whole decades.
    expect(ticks.map((tick) => `${tick.month} ${tick.year}`)).toEqual([
      "jan 2030",
      "jan 2040",
      "jan 2050",
      "jan 2060",
      "jan 2070",
      "jan 2080",
      "jan 2090",
    ]);
  });

  it("uses every month for a short period, starting at the first whole month", () => {
    expect(monthTicks("2024-01-15", "2024-06-30").map((tick) => tick.month)).toEqual([
      "feb",
      "mrt",
      "apr",
      "mei",
      "jun",
    ]);
  });
});

describe("formatting", () => {
  it.each([
    [125_050, "1250,50"],
    [5, "0,05"],
    [0, "0,00"],
    [-1_250, "-12,50"],
    [1_500_000, "15000,00"],
  ])("centsToDecimal(%i) = %s", (cents, expected) => {
    expect(centsToDecimal(cents)).toBe(expected);
  });

  it.each([
    ["2027-03-14", "14 maart 2027", "14-03-2027"],
    ["2023-01-31", "31 januari 2023", "31-01-2023"],
  ])("%s reads as %s and %s", (date, long, numeric) => {
    expect(formatDutchDate(date)).toBe(long);
    expect(formatNumericDate(date)).toBe(numeric);
  });

  it.each([
    ["2023-05-31T22:30:00.000Z", "2023-06-01"],
    ["2023-12-31T22:59:59.000Z", "2023-12-31"],
    ["2023-12-31T23:00:00.000Z", "2024-01-01"],
  ])("the instant %s falls on %s in Huizen", (instant, date) => {
    expect(amsterdamDateOf(instant)).toBe(date);
  });

  it.each([
    [0.825, "82,5%"],
    [0.8, "80%"],
    [0, "0%"],
  ])("formatUseRatio(%d) = %s", (ratio, expected) => {
    expect(formatUseRatio(ratio)).toBe(expected);
  });
});
