// Reads the Markdown files in content/ that the seed copies into the database, and refuses
// malformed ones with a message that names the file and the field.
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";

export const contentRoot = path.join(process.cwd(), "content");
export const defaultPagesDir = path.join(contentRoot, "pages");
export const defaultDepartmentsDir = path.join(contentRoot, "departments");

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type ContentPage = {
  slug: string;
  title: string;
  description: string | null;
  navOrder: number | null;
  body: string;
};

export type Department = {
  code: string;
  name: string;
  body: string;
};

const text = (field: string) =>
  z
    .string({ error: `${field} moet tekst zijn` })
    .trim()
    .min(1, { error: `${field} mag niet leeg zijn` });

// Strict, so that a misspelt key ("navorder") is reported instead of silently ignored.
const pageFrontMatter = z.strictObject({
  title: text("title"),
  description: text("description").optional(),
  navOrder: z.int({ error: "navOrder moet een geheel getal zijn" }).min(0).optional(),
});

const departmentFrontMatter = z.strictObject({
  code: text("code").max(20, { error: "code is te lang (maximaal 20 tekens)" }),
  name: text("name"),
});

export type SourceFile = { file: string; slug: string; data: unknown; body: string };

export function readMarkdownFiles(dir: string): SourceFile[] {
  if (!fs.existsSync(dir)) throw new Error(`Inhoudsmap ${dir} bestaat niet`);
  const names = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort();
  return names.map((name) => {
    const file = displayPath(path.join(dir, name));
    const slug = name.slice(0, -".md".length);
    if (!slugPattern.test(slug)) {
      throw new Error(
        `${file}: bestandsnaam "${slug}" is geen geldige slug (alleen kleine letters, cijfers en losse koppeltekens)`,
      );
    }
    let parsed: matter.GrayMatterFile<string>;
    try {
      // An options object turns off gray-matter's cache, which hands out shared mutable objects.
      parsed = matter(fs.readFileSync(path.join(dir, name), "utf8"), {});
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${file}: front matter is geen geldige YAML (${reason})`, { cause: error });
    }
    return { file, slug, data: parsed.data, body: parsed.content.trim() };
  });
}

export function validate<T>(schema: z.ZodType<T>, source: SourceFile): T {
  const result = schema.safeParse(source.data, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") return `onbekend veld ${issue.keys.join(", ")}`;
    const field = issue.path.join(".") || "front matter";
    return issue.code === "invalid_type" && issue.input === undefined
      ? `veld ${field} ontbreekt`
      : `veld ${field}: ${issue.message}`;
  });
  throw new Error(`${source.file}: ${problems.join("; ")}`);
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

export function loadContentPages(dir: string = defaultPagesDir): ContentPage[] {
  return readMarkdownFiles(dir).map((source) => {
    const front = validate(pageFrontMatter, source);
    return {
      slug: source.slug,
      title: front.title,
      description: front.description ?? null,
      navOrder: front.navOrder ?? null,
      body: source.body,
    };
  });
}

export function loadDepartments(dir: string = defaultDepartmentsDir): Department[] {
  const fileByCode = new Map<string, string>();
  return readMarkdownFiles(dir).map((source) => {
    const front = validate(departmentFrontMatter, source);
    const earlier = fileByCode.get(front.code);
    if (earlier) {
      throw new Error(`${source.file}: veld code "${front.code}" komt ook voor in ${earlier}`);
    }
    fileByCode.set(front.code, source.file);
    return { code: front.code, name: front.name, body: source.body };
  });
}
