import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadContentPages, loadDepartments } from "#app/utils/content.server.ts";

describe("shipped content", () => {
  it("loads the content pages the footer and menu link to", () => {
    const slugs = loadContentPages().map((page) => page.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(["over-ogw", "toegankelijkheidsverklaring", "privacy"]),
    );
  });

  it("gives every page a title and a body", () => {
    for (const page of loadContentPages()) {
      expect(page.title, page.slug).not.toBe("");
      expect(page.body.length, page.slug).toBeGreaterThan(100);
    }
  });

  it("loads the departments named in the college decision, each code once", () => {
    const departments = loadDepartments();
    const codes = departments.map((department) => department.code);
    expect(codes).toEqual(expect.arrayContaining(["MO/MB", "OMG/OW", "OOV", "P&O"]));
    expect(new Set(codes).size).toBe(codes.length);
    expect(departments.find((department) => department.code === "P&O")?.name).toBe(
      "Personeel en Organisatie",
    );
  });
});

describe("malformed content", () => {
  const dirs: string[] = [];

  function contentDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gilde-content-"));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }

  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const goodPage = "---\ntitle: Goed\n---\n\nTekst.\n";

  it.each([
    [
      "a missing title",
      { "zonder-titel.md": "---\ndescription: Iets\n---\n\nTekst." },
      /zonder-titel\.md.*title ontbreekt/,
    ],
    ["an empty title", { "lege-titel.md": '---\ntitle: "  "\n---\n' }, /lege-titel\.md.*title/],
    ["no front matter at all", { "kaal.md": "Alleen tekst." }, /kaal\.md.*title ontbreekt/],
    [
      "a title that is not text",
      { "getal.md": "---\ntitle: 12\n---\n" },
      /getal\.md.*title moet tekst zijn/,
    ],
    [
      "a navOrder that is not a whole number",
      { "volgorde.md": "---\ntitle: T\nnavOrder: 1.5\n---\n" },
      /volgorde\.md.*navOrder/,
    ],
    [
      "a misspelt field",
      { "typfout.md": "---\ntitle: T\nnavorder: 1\n---\n" },
      /typfout\.md.*onbekend veld navorder/,
    ],
    ["a file name with capitals", { "Over-OGW.md": goodPage }, /Over-OGW\.md.*geen geldige slug/],
    ["a file name with a space", { "over ogw.md": goodPage }, /over ogw\.md.*geen geldige slug/],
    [
      "a file name with a double hyphen",
      { "over--ogw.md": goodPage },
      /over--ogw\.md.*geen geldige slug/,
    ],
    [
      "broken YAML",
      { "kapot.md": "---\ntitle: [niet dicht\n---\n" },
      /kapot\.md.*geen geldige YAML/,
    ],
  ])("refuses a page with %s, naming the file", (_name, files, message) => {
    const dir = contentDir({ "goed.md": goodPage, ...files });
    expect(() => loadContentPages(dir)).toThrow(message);
  });

  it.each([
    [
      "a missing code",
      { "zonder-code.md": "---\nname: Financiën\n---\n" },
      /zonder-code\.md.*code ontbreekt/,
    ],
    [
      "a missing name",
      { "zonder-naam.md": "---\ncode: FIN\n---\n" },
      /zonder-naam\.md.*name ontbreekt/,
    ],
    [
      "a duplicate code",
      {
        "a-financien.md": "---\ncode: FIN\nname: Financiën\n---\n",
        "b-fin.md": "---\ncode: FIN\nname: Fin\n---\n",
      },
      /b-fin\.md.*code "FIN" komt ook voor in .*a-financien\.md/,
    ],
    [
      "a bad file name",
      { "P&O.md": "---\ncode: P&O\nname: Personeel\n---\n" },
      /P&O\.md.*geen geldige slug/,
    ],
  ])("refuses a department with %s, naming the file", (_name, files, message) => {
    const dir = contentDir(files);
    expect(() => loadDepartments(dir)).toThrow(message);
  });

  it("reads a well-formed page with all fields", () => {
    const dir = contentDir({
      "welkom.md":
        "---\ntitle: Welkom\ndescription: Korte uitleg\nnavOrder: 2\n---\n\n## Kop\n\nTekst.\n",
    });
    expect(loadContentPages(dir)).toEqual([
      {
        slug: "welkom",
        title: "Welkom",
        description: "Korte uitleg",
        navOrder: 2,
        body: "## Kop\n\nTekst.",
      },
    ]);
  });

  it("reads a department without a body", () => {
    const dir = contentDir({ "fin.md": "---\ncode: FIN\nname: Financiën\n---\n" });
    expect(loadDepartments(dir)).toEqual([{ code: "FIN", name: "Financiën", body: "" }]);
  });

  it("names a content directory that does not exist", () => {
    expect(() => loadContentPages("/bestaat/niet")).toThrow(/\/bestaat\/niet/);
  });
});
