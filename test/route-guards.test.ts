// Every loader and action of every route, called as every kind of caller, answers exactly what
// test/permissions-matrix.ts says. The routes come from the app itself, so a new route without a
// line in the matrix fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { buildAccessWorld, cookieOf, type AccessWorld } from "#test/access-fixtures.ts";
import {
  callers,
  paramsFor,
  pathFor,
  routeAccess,
  type Caller,
  type Outcome,
} from "#test/permissions-matrix.ts";
import { appRequest, settle, statusOf, testContext } from "#test/factories.ts";

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

let world: AccessWorld;
beforeAll(async () => {
  world = await buildAccessWorld();
});

type Kind = "loader" | "action";
type Mode = "tools on" | "tools off";

async function call(file: string, kind: Kind, caller: Caller) {
  const entry = routeAccess[file]!;
  const fn = modules[`/app/routes/${file}`]![kind]!;
  const params = paramsFor(entry, world);
  const path = pathFor(file, params);
  // A fresh login session per call: posting to /uitloggen ends the one it came with.
  const cookie = caller === "anonymous" ? undefined : cookieOf(world.users[caller]);
  const request =
    kind === "loader"
      ? appRequest(path, { cookie })
      : appRequest(path, { cookie, form: { intent: "niets" } });
  const result = await settle(() => fn({ request, params, context: testContext }));
  return { path, status: statusOf(result), location: result.response?.headers.get("Location") };
}

/** What a call actually produced, in the matrix's terms. */
function outcomeOf(answer: Awaited<ReturnType<typeof call>>): Outcome | `status ${number}` {
  const { path, status, location } = answer;
  // The guard's redirect always says where to come back to, except for "/" itself.
  const toSignIn =
    status === 302 &&
    (location?.startsWith("/inloggen?terug=") || (location === "/inloggen" && path === "/"));
  if (toSignIn) return "sign-in";
  if (status === 403) return "403";
  if (status === 404) return "404";
  if (status >= 500 || status === 401 || status === 405) return `status ${status}`;
  return "allowed";
}

describe("the permissions matrix", () => {
  it("lists every route module, and no route that does not exist", () => {
    const files = routes.map((route) => route.file).sort();
    expect(files.filter((file) => !(file in routeAccess))).toEqual([]);
    expect(Object.keys(routeAccess).filter((file) => !files.includes(file))).toEqual([]);
  });

  it.each(routes.map((route) => [route.file, route.module] as const))(
    "%s states an expectation for exactly the loader and action it has, for every caller",
    (file, module) => {
      const entry = routeAccess[file]!;
      expect(Boolean(entry.loader), "loader").toBe(typeof module.loader === "function");
      expect(Boolean(entry.action), "action").toBe(typeof module.action === "function");
      for (const expectation of [entry.loader, entry.action]) {
        if (!expectation) continue;
        for (const outcomes of [expectation.outcomes, expectation.toolsOff]) {
          if (outcomes) expect(Object.keys(outcomes).sort()).toEqual([...callers].sort());
        }
      }
    },
  );
});

const cases = routes.flatMap(({ file }) => {
  const entry = routeAccess[file];
  if (!entry) return [];
  return (["loader", "action"] as const).flatMap((kind) => {
    const expectation = entry[kind];
    if (!expectation) return [];
    const modes: [Mode, Readonly<Record<Caller, Outcome>>][] = [["tools on", expectation.outcomes]];
    if (expectation.toolsOff) modes.push(["tools off", expectation.toolsOff]);
    return modes.flatMap(([mode, outcomes]) =>
      callers.map((caller) => [file, kind, mode, caller, outcomes[caller]] as const),
    );
  });
});

const passed = new Set<string>();

/** Live production: the development tools are off. */
async function withToolsOff<T>(run: () => Promise<T>): Promise<T> {
  const saved = { NODE_ENV: process.env.NODE_ENV, APP_MODE: process.env.APP_MODE };
  process.env.NODE_ENV = "production";
  process.env.APP_MODE = "live";
  resetEnvCache();
  try {
    return await run();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvCache();
  }
}

describe("every loader and action, as every caller", () => {
  it.each(cases)("%s %s (%s) as %s: %s", async (file, kind, mode, caller, expected) => {
    const run = () => call(file, kind, caller);
    const answer = mode === "tools off" ? await withToolsOff(run) : await run();
    expect(outcomeOf(answer), `${answer.path}: ${answer.status} ${answer.location ?? ""}`).toBe(
      expected,
    );
    passed.add([file, kind, mode, caller].join(" "));
  });
});

afterAll(() => {
  console.log(`Permissions matrix: ${passed.size} of ${cases.length} pairs as specified`);
});
