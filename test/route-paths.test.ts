// pathFor must give the URL Remix itself gives each route file, or the route-walking tests ask the wrong page.
import fs from "node:fs";
import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { describe, expect, it } from "vitest";
import { dataPathFor, paramNamesOf, pathFor } from "#test/route-paths.ts";

const appDir = path.resolve(import.meta.dirname, "../app");
const routeFiles = fs.readdirSync(path.join(appDir, "routes")).filter((f) => f.endsWith(".tsx"));

// Remix's own route tree for app/routes: each route's path is relative to its parent's.
const manifest = flatRoutes(appDir);

function remixPath(id: string): string {
  const parts: string[] = [];
  for (let route = manifest[id]; route; route = manifest[route.parentId ?? ""]) {
    if (route.path) parts.unshift(route.path);
  }
  return `/${parts.join("/")}`;
}

/** Fills Remix's ":name" params and "*" splat the way a request would. */
function fill(pattern: string, params: Record<string, string>): string {
  return pattern
    .replace(/:([\w-]+)/g, (_match, name: string) => params[name] ?? "?")
    .replace(/\*$/, params["*"] ?? "?");
}

describe("pathFor", () => {
  it.each(routeFiles)("%s answers where Remix routes it", (file) => {
    const id = `routes/${file.replace(/\.tsx$/, "")}`;
    expect(manifest[id], "route known to Remix").toBeDefined();
    const params = Object.fromEntries(
      paramNamesOf(file).map((name, i) => [name, name === "*" ? `a/b${i}` : `v${i}`]),
    );
    expect(pathFor(file, params)).toBe(fill(remixPath(id), params));
  });

  it.each([
    ["_index.tsx", {}, "/"],
    ["beheer.afdelingen._index.tsx", {}, "/beheer/afdelingen"],
    ["budget.export[.]csv.tsx", {}, "/budget/export.csv"],
    ["catalogus.$slug_.bewerken.tsx", { slug: "een-cursus" }, "/catalogus/een-cursus/bewerken"],
    ["mijn-inschrijvingen_.$id.feedback.tsx", { id: "48" }, "/mijn-inschrijvingen/48/feedback"],
    ["rapportages.$halfjaar[.]csv.tsx", { halfjaar: "2026-H1" }, "/rapportages/2026-H1.csv"],
    ["$.tsx", { "*": "bestaat/niet" }, "/bestaat/niet"],
    ["_auth.inloggen.tsx", {}, "/inloggen"],
    // A param value is one segment: a slash in it is escaped, not a new segment.
    ["leden.$id.tsx", { id: "1/2" }, "/leden/1%2F2"],
    ["leden.$id.tsx", {}, "/leden/x"],
  ])("%s with %j is %s", (file, params: Record<string, string>, expected) => {
    expect(pathFor(file, params)).toBe(expected);
  });
});

describe("paramNamesOf", () => {
  it.each([
    ["catalogus.$slug_.bewerken.tsx", ["slug"]],
    ["rapportages.$halfjaar[.]xlsx.tsx", ["halfjaar"]],
    ["$.tsx", ["*"]],
    ["beheer.logboek.tsx", []],
  ])("%s → %j", (file, names) => {
    expect(paramNamesOf(file)).toEqual(names);
  });
});

describe("dataPathFor", () => {
  it.each([
    ["/", "/_root.data"],
    ["/catalogus", "/catalogus.data"],
    ["/budget/export.csv", "/budget/export.csv.data"],
  ])("%s → %s", (documentPath, dataPath) => {
    expect(dataPathFor(documentPath)).toBe(dataPath);
  });
});
