import { describe, expect, it } from "vitest";
import { loader } from "#app/routes/$slug.tsx";
import { getContentPage, upsertContentPage } from "#app/models/content-pages.server.ts";
import { getDb } from "#db/client.server.ts";

function callLoader(slug: string) {
  return loader({
    request: new Request(`http://localhost:3000/${slug}`),
    params: { slug },
    context: {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  } as any);
}

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the loader to throw");
}

describe("content page route", () => {
  it("renders a page from the database without signing in", async () => {
    upsertContentPage(getDb(), {
      slug: "over-ogw",
      title: "Over opgavegericht werken",
      description: "Uitleg",
      navOrder: 1,
      body: "## Werksoorten\n\n- Opgaven\n\n<script>alert(1)</script>",
    });

    const page = await callLoader("over-ogw");

    expect(page.title).toBe("Over opgavegericht werken");
    expect(page.description).toBe("Uitleg");
    expect(page.html).toContain("<h2>Werksoorten</h2>");
    expect(page.html).toContain("<li>Opgaven</li>");
    expect(page.html).not.toContain("<script>");
  });

  it("shows the newest text after the seed runs again", async () => {
    const db = getDb();
    upsertContentPage(db, {
      slug: "privacy",
      title: "Privacy",
      description: null,
      navOrder: null,
      body: "Oud",
    });
    upsertContentPage(db, {
      slug: "privacy",
      title: "Privacyverklaring",
      description: null,
      navOrder: 3,
      body: "Nieuw",
    });

    expect(getContentPage(db, "privacy")).toMatchObject({
      title: "Privacyverklaring",
      navOrder: 3,
    });
    expect((await callLoader("privacy")).html).toContain("Nieuw");
  });

  it.each(["bestaat-niet", "Over-OGW", "..%2Fetc"])("answers 404 for %s", async (slug) => {
    const error = await thrownBy(callLoader(slug));
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(404);
  });
});
