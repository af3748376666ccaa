import { describe, expect, it } from "vitest";
import { SLUG_MAX_LENGTH, slugify, uniqueSlug } from "#app/domain/slug.ts";
import { slugPattern } from "#app/utils/content.server.ts";

describe("slugify", () => {
  it.each([
    ["Opgave verkennen", "opgave-verkennen"],
    ["  Spaties   rondom  ", "spaties-rondom"],
    ["Café-overleg", "cafe-overleg"],
    ["Ideeën uitwerken", "ideeen-uitwerken"],
    ["Naïef en geïnteresseerd", "naief-en-geinteresseerd"],
    ["Coördinatie", "coordinatie"],
    ["Één opgave, twéé teams", "een-opgave-twee-teams"],
    ["Müller à la carte", "muller-a-la-carte"],
    ["Rijksbeleid & gemeente", "rijksbeleid-en-gemeente"],
    ["P&O", "p-en-o"],
    ["Opgave's en rol’len", "opgaves-en-rollen"],
    ["’s-Gravenhage", "s-gravenhage"],
    ["Straße", "strasse"],
    ["Ĳsselmeer", "ijsselmeer"],
    ["OGW 2.0: opgaven — samen!", "ogw-2-0-opgaven-samen"],
    ["Kennissessie #3 (online)", "kennissessie-3-online"],
    ["???", ""],
    ["", ""],
  ])("%j → %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
    // The course page only looks up slugs of this shape.
    if (slug !== "") expect(slugify(title)).toMatch(slugPattern);
  });

  it("keeps at most the maximum length and never ends on a dash", () => {
    const slug = slugify(`${"a".repeat(79)} bcd`);
    expect(slug).toBe("a".repeat(79));
    const long = slugify("Opgavegericht werken in de praktijk ".repeat(5));
    expect(long.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(long).not.toMatch(/-$/);
  });
});

describe("uniqueSlug", () => {
  const takenIn =
    (...slugs: string[]) =>
    (slug: string) =>
      slugs.includes(slug);

  it.each([
    ["free", [], "opgave"],
    ["taken once", ["opgave"], "opgave-2"],
    ["taken up to -3", ["opgave", "opgave-2", "opgave-3"], "opgave-4"],
    ["a gap is reused", ["opgave", "opgave-3"], "opgave-2"],
  ] as const)("%s", (_case, taken, expected) => {
    const base = "opgave";
    expect(uniqueSlug(base, takenIn(...taken))).toBe(expected);
  });

  it("shortens a long base so the suffix fits within the maximum length", () => {
    const base = `${"b".repeat(78)}-c`;
    const slug = uniqueSlug(base, takenIn(base));
    expect(slug).toBe(`${"b".repeat(78)}-2`);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
  });

  it("does not end a shortened base on a dash before the suffix", () => {
    const base = `${"b".repeat(77)}-cd`;
    expect(uniqueSlug(base, takenIn(base))).toBe(`${"b".repeat(77)}-2`);
  });
});
