// The directory search with a realistic number of members: the FTS results are compared with an
// answer computed here from the inserted data, and the query plan must use the FTS index rather
// than read every user. No timings: speed is measured by the benchmarks.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSqlite } from "#db/client.server.ts";
import { memberExpertise, users } from "#db/schema.ts";
import { membershipStanding } from "#app/domain/profile.ts";
import { ogwRoles, type OgwRole } from "#app/domain/roles.ts";
import {
  memberDirectoryQuery,
  searchMembers,
  searchWords,
  type DirectoryCriteria,
  type DirectoryMember,
} from "#app/models/members.server.ts";
import { ensureDepartment } from "#test/factories.ts";

const MEMBER_COUNT = 2_400;
const TODAY = "2026-06-15";

const firstNames = [
  "Anna",
  "Bram",
  "Cor",
  "Daan",
  "Esther",
  "Fatima",
  "Gert",
  "Hanneke",
  "Ismail",
  "Joost",
  "Karin",
  "Lotte",
  "Mohamed",
  "Noor",
  "Olaf",
  "Petra",
  "Quinten",
  "Rachida",
  "Sander",
  "Tessa",
  "Umut",
  "Vera",
  "Willem",
  "Xander",
  "Yara",
  "Zoë",
  "Anaïs",
  "Ömer",
  "Bas",
  "Femke",
];
const infixes = ["", "", "", "de ", "van ", "van der ", "van den "];
const lastNames = [
  "Jansen",
  "Janssen",
  "de Jong",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "Mulder",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "Dekker",
  "Brouwer",
  "Dijkstra",
  "Kok",
  "Jacobs",
  "Vermeulen",
  "Huizinga",
  "Koster",
  "Prins",
  "Blom",
  "Hoekstra",
  "Yılmaz",
  "El Amrani",
  "Çelik",
];
const teams = [
  null,
  "Ruimtelijke ontwikkeling",
  "Sociaal domein",
  "Openbare ruimte",
  "Dienstverlening",
  "Financiën",
  "Bedrijfsvoering",
];
const tagPool = [
  "Omgevingswet",
  "Stakeholderanalyse",
  "Participatie",
  "Procesregie",
  "Subsidies",
  "Woningbouw",
  "Energietransitie",
  "Jeugdzorg",
  "Mobiliteit",
  "Inkoop",
  "Communicatie",
  "Juridisch advies",
  "Verandermanagement",
  "Data-analyse",
  "Projectleiding",
  "Opgaveplan",
  "Crisisbeheersing",
  "Klimaatadaptatie",
  "Armoedebeleid",
  "Cultuur",
  "Sport",
  "Onderwijs",
];
const introductions = [
  null,
  "Ik werk graag samen over de grenzen van afdelingen heen.",
  "Vraag mij gerust iets over ruimtelijke plannen en vergunningen.",
  "Bij mij kun je terecht voor vragen over het sociaal domein.",
  "Ik help teams om een opgave scherp te krijgen.",
];

/** A small deterministic generator, so that a failure can be reproduced. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

type Inserted = {
  id: number;
  name: string;
  team: string | null;
  introduction: string | null;
  departmentId: number;
  ogwRole: OgwRole;
  status: "active" | "invited" | "deactivated";
  anonymised: boolean;
  joinedOn: string | null;
  leftOn: string | null;
  tags: string[];
};

const inserted: Inserted[] = [];
const departmentIds: number[] = [];

beforeAll(() => {
  for (const [code, name] of [
    ["MO", "Maatschappelijke Ontwikkeling"],
    ["OMG", "Omgeving"],
    ["OOV", "Openbare Orde en Veiligheid"],
    ["P&O", "Personeel en Organisatie"],
    ["FIN", "Financiën"],
    ["DV", "Dienstverlening"],
  ] as const) {
    departmentIds.push(ensureDepartment(code, name));
  }

  const random = generator(20230131);
  const rows = Array.from({ length: MEMBER_COUNT }, (_, index) => {
    const roll = random.next();
    const status = roll < 0.04 ? "deactivated" : roll < 0.07 ? "invited" : "active";
    const leftRoll = random.next();
    const joinedOn = random.next() < 0.9 ? "2023-02-01" : null;
    const leftOn =
      joinedOn === null
        ? null
        : leftRoll < 0.08
          ? "2025-12-31"
          : leftRoll < 0.1
            ? TODAY
            : leftRoll < 0.12
              ? "2027-01-01"
              : null;
    const tags = new Set<string>();
    const tagCount = Math.floor(random.next() * 6);
    while (tags.size < tagCount) tags.add(random.pick(tagPool));
    return {
      name: `${random.pick(firstNames)} ${random.pick(infixes)}${random.pick(lastNames)}`,
      email: `schaal-${index}@gilde.example`,
      team: random.pick(teams),
      introduction: random.pick(introductions),
      departmentId: random.pick(departmentIds),
      ogwRole: random.pick(ogwRoles),
      status: status as Inserted["status"],
      anonymised: status === "active" && random.next() < 0.03,
      joinedOn,
      leftOn,
      tags: [...tags],
    };
  });

  const db = getDb();
  db.transaction((tx) => {
    // In chunks, to stay far below SQLite's limit on bound parameters.
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      const created = tx
        .insert(users)
        .values(
          chunk.map((row) => ({
            email: row.email,
            name: row.name,
            departmentId: row.departmentId,
            ogwRole: row.ogwRole,
            status: row.status,
            team: row.team,
            introduction: row.introduction,
            guildJoinedOn: row.joinedOn,
            guildLeftOn: row.leftOn,
            anonymisedAt: row.anonymised ? "2026-01-01T09:00:00.000Z" : null,
          })),
        )
        .returning({ id: users.id })
        .all();
      const tagRows = chunk.flatMap((row, offset) =>
        row.tags.map((tag) => ({ userId: created[offset]!.id, tag })),
      );
      if (tagRows.length > 0) tx.insert(memberExpertise).values(tagRows).run();
      chunk.forEach((row, offset) => inserted.push({ ...row, id: created[offset]!.id }));
    }
  });
});

/** Words as the unicode61 tokenizer with remove_diacritics sees them. */
function tokens(text: string | null): string[] {
  if (!text) return [];
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function listed(member: Inserted, includeFormer: boolean): boolean {
  if (member.status !== "active" || member.anonymised) return false;
  return includeFormer || membershipStanding(member.joinedOn, member.leftOn, TODAY) !== "former";
}

/** The answer to a one-word prefix search over name, team, tags and introduction. */
function expectedIds(word: string, includeFormer: boolean): number[] {
  const prefix = tokens(word)[0]!;
  return inserted
    .filter((member) => listed(member, includeFormer))
    .filter((member) =>
      [member.name, member.team, member.introduction, ...member.tags]
        .flatMap(tokens)
        .some((token) => token.startsWith(prefix)),
    )
    .map((member) => member.id)
    .sort((a, b) => a - b);
}

/** Every page of a search, as the directory would show them one after the other. */
function allPages(criteria: DirectoryCriteria): { ids: number[]; total: number; names: string[] } {
  const members: DirectoryMember[] = [];
  let page = 1;
  let total = 0;
  for (;;) {
    const result = searchMembers(getDb(), criteria, { page, pageSize: 50 });
    total = result.total;
    members.push(...result.members);
    if (result.page >= result.pageCount) break;
    page += 1;
  }
  return {
    ids: members.map((member) => member.id).sort((a, b) => a - b),
    total,
    names: members.map((member) => member.name),
  };
}

function planOf(criteria: DirectoryCriteria): string[] {
  const query = memberDirectoryQuery(getDb(), criteria, { limit: 50, offset: 0 }).toSQL();
  const rows = getSqlite()
    .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .all(...(query.params as unknown[])) as { detail: string }[];
  return rows.map((row) => row.detail);
}

describe("searching thousands of members", () => {
  it("has inserted a varied set", () => {
    expect(inserted.length).toBeGreaterThanOrEqual(2_000);
    expect(new Set(inserted.map((member) => member.name)).size).toBeGreaterThan(500);
    expect(inserted.filter((member) => listed(member, false)).length).toBeGreaterThan(1_500);
  });

  it.each(["Stakeholderanalyse", "Klimaatadaptatie", "Opgaveplan"])(
    "finds exactly the members with the tag %s",
    (tag) => {
      const criteria = { words: searchWords(tag).words, today: TODAY };
      const holders = (includeFormer: boolean) =>
        inserted
          .filter((member) => listed(member, includeFormer) && member.tags.includes(tag))
          .map((member) => member.id)
          .sort((a, b) => a - b);
      for (const includeFormer of [false, true]) {
        // The tag's word occurs nowhere else, so the holders are the whole answer.
        expect(expectedIds(tag, includeFormer)).toEqual(holders(includeFormer));
        const found = allPages({ ...criteria, includeFormer });
        expect(found.total).toBe(holders(includeFormer).length);
        expect(found.ids).toEqual(holders(includeFormer));
      }
      expect(holders(false).length).toBeGreaterThan(50);
    },
  );

  it("finds a tag by its first letters, and combines it with department and role", () => {
    const departmentId = departmentIds[1]!;
    const found = allPages({
      words: ["klimaat"],
      departmentId,
      ogwRole: "employee",
      includeFormer: false,
      today: TODAY,
    });
    const expected = inserted
      .filter(
        (member) =>
          listed(member, false) &&
          member.tags.includes("Klimaatadaptatie") &&
          member.departmentId === departmentId &&
          member.ogwRole === "employee",
      )
      .map((member) => member.id)
      .sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(0);
    expect(found.ids).toEqual(expected);
  });

  it.each(["Jans", "hoek", "omer", "celi"])(
    "finds exactly the members whose name has a word starting with %s",
    (prefix) => {
      const withName = (includeFormer: boolean) =>
        inserted
          .filter(
            (member) =>
              listed(member, includeFormer) &&
              tokens(member.name).some((token) => token.startsWith(tokens(prefix)[0]!)),
          )
          .map((member) => member.id)
          .sort((a, b) => a - b);
      expect(expectedIds(prefix, false)).toEqual(withName(false));
      const found = allPages({ words: [prefix], includeFormer: false, today: TODAY });
      expect(found.ids).toEqual(withName(false));
      expect(found.total).toBe(withName(false).length);
      expect(withName(false).length).toBeGreaterThan(0);
    },
  );

  it("sorts every page by name", () => {
    const { names } = allPages({ words: ["jans"], includeFormer: true, today: TODAY });
    const sorted = [...names].sort((a, b) => {
      const [x, y] = [a.toLowerCase(), b.toLowerCase()];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    expect(names).toEqual(sorted);
  });
});

describe("the query plan", () => {
  const cases: [string, DirectoryCriteria][] = [
    ["a word", { words: ["stakeholder"], includeFormer: false, today: TODAY }],
    ["two words", { words: ["anna", "jans"], includeFormer: true, today: TODAY }],
    [
      "a word with department and role",
      {
        words: ["omgevingswet"],
        departmentId: 1,
        ogwRole: "line_manager",
        includeFormer: false,
        today: TODAY,
      },
    ],
  ];

  function expectFtsPlan(plan: string[]) {
    expect(plan.some((step) => /member_search VIRTUAL TABLE INDEX \d+:M/.test(step))).toBe(true);
    // Users are looked up by id for each FTS hit, never read from start to end.
    expect(plan.filter((step) => /^SCAN users\b/.test(step))).toEqual([]);
    expect(plan).toContain("SEARCH users USING INTEGER PRIMARY KEY (rowid=?)");
  }

  it.each(cases)("uses the FTS index for %s", (_label, criteria) => {
    expectFtsPlan(planOf(criteria));
  });

  it("still does with table statistics gathered", () => {
    getSqlite().exec("ANALYZE");
    for (const [, criteria] of cases) expectFtsPlan(planOf(criteria));
  });

  it("does not touch the FTS table without words", () => {
    const plan = planOf({ includeFormer: false, today: TODAY });
    expect(plan.some((step) => step.includes("member_search"))).toBe(false);
  });
});
