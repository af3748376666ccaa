// Queries for the content pages the seed copies from content/pages.
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server.ts";
import { contentPages } from "#db/schema.ts";

export type ContentPageRow = typeof contentPages.$inferSelect;

export function getContentPage(db: Db, slug: string): ContentPageRow | undefined {
  return db.select().from(contentPages).where(eq(contentPages.slug, slug)).get();
}

export type ContentPageInput = Pick<
  ContentPageRow,
  "slug" | "title" | "description" | "navOrder" | "body"
>;

/** Inserts or refreshes a page by slug, so the seed can run again after content changes. */
export function upsertContentPage(db: Db, page: ContentPageInput, now = new Date()) {
  const values = { ...page, updatedAt: now.toISOString() };
  db.insert(contentPages)
    .values(values)
    .onConflictDoUpdate({ target: contentPages.slug, set: values })
    .run();
}
