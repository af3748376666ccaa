import { describe, expect, it } from "vitest";
import { readForm } from "#app/utils/form-guard.server.ts";

function post(body: URLSearchParams | string, type = "application/x-www-form-urlencoded") {
  return new Request("http://localhost:3000/profiel", {
    method: "POST",
    headers: { "Content-Type": type },
    body,
  });
}

async function statusOf(request: Request): Promise<number> {
  try {
    await readForm(request);
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

describe("readForm", () => {
  it.each([
    ["an ordinary form", new URLSearchParams({ team: "Wijkteam", "marks[3].status": "x" }), 200],
    ["a list index beyond any real list", new URLSearchParams({ "marks[100000].id": "1" }), 400],
    ["a NUL in a value", new URLSearchParams({ expertise: "a\u0000b" }), 400],
    ["a NUL in a name", new URLSearchParams({ "team\u0000": "x" }), 400],
    ["a conform intent that is not JSON", new URLSearchParams({ __intent__: "{" }), 400],
  ])("%s answers %i", async (_label, body, expected) => {
    expect(await statusOf(post(body))).toBe(expected);
  });

  it("answers 400 to a body that is no form", async () => {
    expect(await statusOf(post("{}", "application/json"))).toBe(400);
  });
});
