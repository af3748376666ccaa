// Readable URL parts made from titles; a slug is chosen once and then kept, so links stay valid.

export const SLUG_MAX_LENGTH = 80;

// Letters that Unicode decomposition does not split into a base letter plus accent.
const foldedLetters: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

function trimToLength(slug: string, max: number): string {
  return slug.slice(0, max).replace(/-+$/, "");
}

/** "Café & Cursus: ’s-Gravenhage" → "cafe-en-cursus-s-gravenhage"; "" when nothing readable is left. */
export function slugify(title: string): string {
  const folded = title
    .toLowerCase()
    // NFKD also splits ligatures such as the Dutch "ĳ" into plain letters.
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[ßæœøłđðþı]/g, (letter) => foldedLetters[letter] ?? letter)
    .replace(/&/g, " en ")
    // An apostrophe joins ("opgave's" → "opgaves") rather than splitting into a lone letter.
    .replace(/(\p{L})['’](\p{L})/gu, "$1$2")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return trimToLength(folded, SLUG_MAX_LENGTH);
}

/** The base itself when free, otherwise base-2, base-3 …; the result never exceeds the maximum length. */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  const start = trimToLength(base, SLUG_MAX_LENGTH);
  if (!taken(start)) return start;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${trimToLength(start, SLUG_MAX_LENGTH - suffix.length)}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}
