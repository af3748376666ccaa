// A GET changes nothing: every loader of every route, with params pointing at real rows (courses,
// sessions, enrolments, feedback, expenses, departments, outbox mail, tokens) and a few query
// strings, is called by every kind of caller, and the database file stays byte for byte the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb } from "#db/client.server.ts";
import { mailOutbox } from "#db/schema.ts";
import type { User } from "#app/models/users.server.ts";
import { inviteUser, requestPasswordReset } from "#app/utils/account.server.ts";
import { payExpense } from "#app/utils/expenses.server.ts";
import { buildAccessWorld, cookieOf, snapshot, type AccessWorld } from "#test/access-fixtures.ts";
import { appRequest, settle, statusOf, testContext } from "#test/factories.ts";
import { paramsFor, pathFor, routeAccess } from "#test/permissions-matrix.ts";

type RouteModule = { loader?: (args: unknown) => unknown };
const modules = import.meta.glob<RouteModule>("/app/routes/*.tsx", { eager: true });
const loaderRoutes = Object.entries(modules)
  .filter(([, module]) => typeof module.loader === "function")
  .map(([file]) => file.replace("/app/routes/", ""))
  .sort();

type Tokens = { reset: string; invitation: string; mailIds: number[] };
type Visit = { params: Record<string, string>; query?: string };

/** More real rows per route than the matrix's one: every kind of object the page can show. */
const variants: Record<string, (w: AccessWorld, t: Tokens) => Visit[]> = {
  "sessies.$id.tsx": (w) =>
    [w.heldSessionId, w.paidSessionId, w.fullSessionId, w.unpublishedSessionId].map((id) => ({
      params: { id: String(id) },
    })),
  "sessies.$id_.ics.tsx": (w) => [{ params: { id: String(w.paidSessionId) } }],
  "sessies.$id_.deelnemers[.]csv.tsx": (w) =>
    [w.paidSessionId, w.heldSessionId].map((id) => ({ params: { id: String(id) } })),
  "sessies.$id_.deelnemers[.]xlsx.tsx": (w) =>
    [w.paidSessionId, w.heldSessionId].map((id) => ({ params: { id: String(id) } })),
  "sessies.$id_.bewerken.tsx": (w) => [{ params: { id: String(w.heldSessionId) } }],
  "sessies.$id_.annuleren.tsx": (w) => [{ params: { id: String(w.paidSessionId) } }],
  "catalogus.$slug.tsx": (w) => [{ params: { slug: w.unpublishedSlug } }],
  "catalogus.$slug_.bewerken.tsx": (w) => [{ params: { slug: w.unpublishedSlug } }],
  "catalogus._index.tsx": () => [{ params: {}, query: "?q=test&soort=in_house" }],
  "leden.$id.tsx": (w) => [{ params: { id: String(w.memberB.id) } }],
  "leden.$id_.lidmaatschap.tsx": (w) => [{ params: { id: String(w.memberB.id) } }],
  "leden._index.tsx": () => [
    { params: {}, query: "?q=jeugdzorg" },
    { params: {}, query: "?q=Bram&pagina=2" },
  ],
  "uitgaven.$id.tsx": (w) =>
    [w.expenseOfB, w.expenseOfCoordinatorB].map((id) => ({ params: { id: String(id) } })),
  "beheer.gebruikers.$id.tsx": (w) =>
    [w.memberB.id, w.admin.id].map((id) => ({ params: { id: String(id) } })),
  "beheer.logboek.tsx": () => [{ params: {}, query: "?pagina=2" }],
  "budget.export[.]csv.tsx": () => [{ params: {}, query: "?onderdeel=grootboek" }],
  "rapportages._index.tsx": () => [{ params: {}, query: "?halfjaar=2026-H2" }],
  "rapportages.$halfjaar[.]csv.tsx": () => [{ params: { halfjaar: "2026-H2" } }],
  "mijn-inschrijvingen_.$id.feedback.tsx": (w) => [{ params: { id: String(w.attendedOfB) } }],
  "ontwikkeling.postvak.$id.tsx": (_w, t) =>
    t.mailIds.map((id) => ({ params: { id: String(id) } })),
  "ontwikkeling.postvak.$id.html.tsx": (_w, t) =>
    t.mailIds.map((id) => ({ params: { id: String(id) } })),
  "wachtwoord-herstellen.$token.tsx": (_w, t) => [{ params: { token: t.reset } }],
  "uitnodiging.$token.tsx": (_w, t) => [{ params: { token: t.invitation } }],
  "inloggen.tsx": () => [{ params: {}, query: "?terug=%2Fleden" }],
};

let world: AccessWorld;
let tokens: Tokens;

function tokenIn(template: string, path: string): string {
  const mail = getDb()
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.template, template))
    .orderBy(desc(mailOutbox.id))
    .get()!;
  return new RegExp(`${path}/([a-z2-7]+)`).exec(mail.text)![1]!;
}

beforeAll(async () => {
  world = await buildAccessWorld();
  // A realised expense too, so that the ledger has commitments and realisations.
  const paid = await payExpense(world.expenseOfB, 45_000, world.users.coordinator, "192.0.2.1");
  if (!paid.ok) throw new Error(paid.message);
  await requestPasswordReset(world.users.hr.email, "192.0.2.1");
  const invited = await inviteUser(
    {
      name: "Ingrid Uitgenodigd",
      email: "ingrid@huizen.example",
      departmentId: world.users.member.departmentId!,
      ogwRole: "employee",
      appRole: "member",
    },
    world.admin,
    "192.0.2.1",
  );
  if (!invited.ok) throw new Error(invited.message);
  tokens = {
    reset: tokenIn("password_reset", "/wachtwoord-herstellen"),
    invitation: tokenIn("invitation", "/uitnodiging"),
    mailIds: getDb()
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .all()
      .map((row) => row.id),
  };
});

const callers = ["anonymous", "member A", "member B", "coordinator", "hr", "admin"] as const;
type Caller = (typeof callers)[number];

function userOf(caller: Caller): User | null {
  switch (caller) {
    case "anonymous":
      return null;
    case "member A":
      return world.users.member;
    case "member B":
      return world.memberB;
    default:
      return world.users[caller];
  }
}

const tally = { calls: 0, unchanged: 0, byStatus: new Map<number, number>() };

describe("a GET changes nothing", () => {
  it("knows every loader", () => {
    expect(loaderRoutes.length).toBeGreaterThan(40);
    expect(Object.keys(variants).filter((file) => !loaderRoutes.includes(file))).toEqual([]);
  });

  it.each(callers)("every loader, crawled as %s, leaves the database as it was", async (caller) => {
    const user = userOf(caller);
    // The login session is the test's doing; a fresh one is not renewed on use.
    const cookie = user ? cookieOf(user) : undefined;
    const writers: string[] = [];
    for (const file of loaderRoutes) {
      const fn = modules[`/app/routes/${file}`]!.loader!;
      const visits: Visit[] = [
        { params: paramsFor(routeAccess[file]!, world) },
        ...(variants[file]?.(world, tokens) ?? []),
      ];
      for (const visit of visits) {
        const path = pathFor(file, visit.params) + (visit.query ?? "");
        const before = snapshot();
        const result = await settle(() =>
          fn({ request: appRequest(path, { cookie }), params: visit.params, context: testContext }),
        );
        // Read the whole body: a download could do its work while it streams.
        if (result.response?.body) await result.response.arrayBuffer();
        tally.calls++;
        const status = statusOf(result);
        tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
        if (snapshot().equals(before)) tally.unchanged++;
        else writers.push(`${path} (${status})`);
      }
    }
    expect(writers).toEqual([]);
  });
});

afterAll(() => {
  const statuses = [...tally.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${count}× ${status}`)
    .join(", ");
  console.log(
    `GET crawl: ${tally.unchanged} of ${tally.calls} loader calls left the database unchanged (${statuses})`,
  );
});
