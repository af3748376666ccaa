// Writes that are ready together share one transaction (group commit), yet each stays on its own:
// one that throws or is stale leaves no trace, the others are written, in the order they came.
import { describe, expect, it } from "vitest";
import { getDb, getSqlite } from "#db/client.server.ts";
import { departments } from "#db/schema.ts";
import { renderThenWrite, STALE } from "#app/utils/render-then-write.server.ts";

function addDepartment(tx: ReturnType<typeof getDb>, code: string) {
  tx.insert(departments)
    .values({ code, name: `Afdeling ${code}` })
    .run();
}

function codes(prefix: string): string[] {
  return (
    getSqlite()
      .prepare("SELECT code FROM departments WHERE code LIKE ? ORDER BY id")
      .all(`${prefix}%`) as { code: string }[]
  ).map((row) => row.code);
}

describe("renderThenWrite with writes ready at the same moment", () => {
  it("writes each on its own: a failing or stale one is rolled back alone", async () => {
    const settled: string[] = [];
    const results = await Promise.allSettled([
      renderThenWrite(
        async () => null,
        (tx) => {
          addDepartment(tx, "GC-A");
          return { ok: true as const, value: "a" };
        },
        () => settled.push("a"),
      ),
      renderThenWrite(
        async () => null,
        (tx) => {
          addDepartment(tx, "GC-B");
          throw new Error("boom");
        },
        () => settled.push("b"),
      ),
      renderThenWrite(
        async (attempt) => attempt,
        (tx, attempt) => {
          addDepartment(tx, `GC-C${attempt}`);
          return attempt === 1 ? STALE : { ok: true as const, value: "c" };
        },
        () => settled.push("c"),
      ),
      renderThenWrite(
        async () => null,
        (tx) => {
          // Reads what the writes before it in the same group wrote.
          addDepartment(tx, `GC-D-after-${codes("GC-A").length}`);
          return { ok: true as const, value: "d" };
        },
        () => settled.push("d"),
      ),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error("boom"));
    expect(codes("GC-")).toEqual(["GC-A", "GC-D-after-1", "GC-C2"]);
    // Every attempt is settled once, the stale one included.
    expect(settled.sort()).toEqual(["a", "b", "c", "c", "d"]);
  });

  it("gives up with a message after five stale attempts and writes nothing", async () => {
    let attempts = 0;
    const result = await renderThenWrite(
      async () => ++attempts,
      (tx, attempt) => {
        addDepartment(tx, `GC-STALE-${attempt}`);
        return STALE;
      },
    );
    expect(attempts).toBe(5);
    expect(result.ok).toBe(false);
    expect(codes("GC-STALE")).toEqual([]);
  });
});
