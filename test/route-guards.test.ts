import { describe, expect, it } from "vitest";
import { appRoles, type AppRole } from "#app/domain/roles.ts";
import { routeAccess, type Access } from "#test/permissions-matrix.ts";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
} from "#test/factories.ts";

type RouteModule = {
  loader?: (args: unknown) => unknown;
  action?: (args: unknown) => unknown;
};

// The routes as the app has them: a new route file without a line in the matrix fails below.
const modules = import.meta.glob<RouteModule>("/app/routes/*.tsx", { eager: true });
const routes = Object.entries(modules).map(([file, module]) => ({
  file: file.replace("/app/routes/", ""),
  module,
}));

function pathFor(file: string, params: Record<string, string> = {}): string {
  const segments = file
    .replace(/\.tsx$/, "")
    // A dot in brackets is part of the URL ("budget.export[.]csv" is /budget/export.csv), not a separator.
    .split(/\.(?![^[]*\])/)
    .filter((segment) => segment !== "_index")
    .map((segment) =>
      segment.startsWith("$")
        ? (params[segment.slice(1)] ?? "x")
        : segment.replace(/\[(.*?)\]/g, "$1"),
    );
  return `/${segments.join("/")}`;
}

const signedIn = new Map<AppRole, string>();
async function cookieFor(role: AppRole): Promise<string> {
  if (!signedIn.has(role))
    signedIn.set(role, sessionCookieFor((await createUser({ appRole: role })).id));
  return signedIn.get(role)!;
}

async function call(file: string, kind: "loader" | "action", role: AppRole | null) {
  const entry = routeAccess[file]!;
  const fn = modules[`/app/routes/${file}`]![kind]!;
  const path = pathFor(file, entry.params);
  const cookie = role ? await cookieFor(role) : undefined;
  const request =
    kind === "loader"
      ? appRequest(path, { cookie })
      : appRequest(path, { cookie, form: { intent: "niets" } });
  return settle(() => fn({ request, params: entry.params ?? {}, context: testContext }));
}

function isSignInRedirect(result: Awaited<ReturnType<typeof call>>): boolean {
  const location = result.response?.headers.get("Location") ?? "";
  return statusOf(result) === 302 && location.startsWith("/inloggen");
}

describe("the permissions matrix", () => {
  it("lists every route module, and no route that does not exist", () => {
    const files = routes.map((route) => route.file).sort();
    expect(files.filter((file) => !(file in routeAccess))).toEqual([]);
    expect(Object.keys(routeAccess).filter((file) => !files.includes(file))).toEqual([]);
  });

  it.each(routes.map((route) => [route.file, route.module] as const))(
    "%s states an access rule for exactly the loader and action it has",
    (file, module) => {
      const entry = routeAccess[file]!;
      expect(Boolean(entry.loader), "loader").toBe(typeof module.loader === "function");
      expect(Boolean(entry.action), "action").toBe(typeof module.action === "function");
    },
  );
});

const cases = routes.flatMap(({ file }) => {
  const entry = routeAccess[file];
  if (!entry) return [];
  return (["loader", "action"] as const).flatMap((kind) => {
    const access = entry[kind];
    return access ? [[file, kind, access] as [string, "loader" | "action", Access]] : [];
  });
});

describe.each(cases)("%s %s", (file, kind, access) => {
  if (kind === "action") {
    it("refuses a request from another site, signed in or not", async () => {
      const entry = routeAccess[file]!;
      const role = Array.isArray(access) ? (access as readonly AppRole[])[0]! : "admin";
      const cookie = await cookieFor(role);
      const fn = modules[`/app/routes/${file}`]!.action!;
      for (const headers of [
        { origin: "https://evil.example" },
        { origin: "https://gilde.localhost:3000" },
        { origin: null },
      ]) {
        const request = appRequest(pathFor(file, entry.params), {
          cookie,
          form: { intent: "niets" },
          ...headers,
        });
        const result = await settle(() =>
          fn({ request, params: entry.params ?? {}, context: testContext }),
        );
        expect(statusOf(result), JSON.stringify(headers)).toBe(403);
      }
    });
  }

  if (access === "public" || access === "dev-tools") {
    it("is open to anonymous users", async () => {
      const result = await call(file, kind, null);
      expect(statusOf(result)).not.toBe(403);
      expect(statusOf(result)).toBeLessThan(500);
      if (kind === "loader") expect(isSignInRedirect(result)).toBe(false);
    });
    return;
  }

  it("sends anonymous users to /inloggen", async () => {
    expect(isSignInRedirect(await call(file, kind, null))).toBe(true);
  });

  it.each(appRoles.map((role) => [role, access.includes(role)] as const))(
    "as %s: allowed = %s",
    async (role, allowed) => {
      const result = await call(file, kind, role);
      if (allowed) {
        expect(statusOf(result)).not.toBe(403);
        expect(isSignInRedirect(result)).toBe(false);
      } else {
        expect(statusOf(result)).toBe(403);
      }
    },
  );
});
