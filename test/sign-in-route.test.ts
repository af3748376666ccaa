import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { auditLog, loginSessions } from "#db/schema.ts";
import { action, invalidCredentialsMessage } from "#app/routes/inloggen.tsx";
import { action as signOut } from "#app/routes/uitloggen.tsx";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  TEST_PASSWORD,
  testContext,
} from "#test/factories.ts";
import { getOptionalUser } from "#app/utils/auth.server.ts";

const post = (form: Record<string, string>, origin?: string | null) =>
  settle(() =>
    action({
      request: appRequest("/inloggen", { form, origin }),
      params: {},
      context: testContext,
    }),
  );

describe("/inloggen action", () => {
  it.each([
    [{ email: "", password: "" }, "email", "Vul een e-mailadres in."],
    [{ email: "geen-adres", password: "x" }, "email", "Vul een geldig e-mailadres in"],
    [{ email: "a@b.example", password: "" }, "password", "Vul uw wachtwoord in."],
    [{ email: "a@b.example", password: "x".repeat(129) }, "password", "hoogstens 128"],
  ])("refuses %j with a message at %s", async (form, field, message) => {
    const sessionsBefore = getDb().select().from(loginSessions).all().length;
    const result = await post(form);
    expect(statusOf(result)).toBe(400);
    const reply = (
      result.value as {
        data: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
      }
    ).data;
    expect(reply.error[field]?.join(" ")).toContain(message);
    // The typed e-mail is kept, the password never.
    expect(reply.initialValue.email ?? "").toBe(form.email);
    expect(reply.initialValue.password).toBeUndefined();
    expect(getDb().select().from(loginSessions).all()).toHaveLength(sessionsBefore);
  });

  it("gives one answer for a wrong password", async () => {
    const user = await createUser();
    const result = await post({ email: user.email, password: "verkeerd verkeerd" });
    expect(statusOf(result)).toBe(400);
    expect(JSON.stringify(result.value)).toContain(invalidCredentialsMessage);
  });

  it("sets an HttpOnly, SameSite=Lax cookie and returns only to a local path", async () => {
    const user = await createUser();
    const result = await post({
      email: user.email,
      password: TEST_PASSWORD,
      terug: "https://evil.example/",
    });
    expect(result.response?.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe("/");
    const cookie = result.response?.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^gilde_sessie=[a-z2-7]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");

    const back = await post({ email: user.email, password: TEST_PASSWORD, terug: "/beheer?x=1" });
    expect(back.response?.headers.get("Location")).toBe("/beheer?x=1");
  });

  it("refuses a cross-site POST and writes nothing", async () => {
    const user = await createUser();
    const auditBefore = getDb().select().from(auditLog).all().length;
    const result = await post(
      { email: user.email, password: TEST_PASSWORD },
      "https://evil.example",
    );
    expect(result.response?.status).toBe(403);
    expect(getDb().select().from(auditLog).all()).toHaveLength(auditBefore);
  });
});

describe("/uitloggen action", () => {
  it("ends the session and clears the cookie", async () => {
    const user = await createUser();
    const cookie = sessionCookieFor(user.id);
    expect(getOptionalUser(appRequest("/", { cookie }))?.id).toBe(user.id);
    const result = await settle(() =>
      signOut({
        request: appRequest("/uitloggen", { method: "POST", cookie }),
        params: {},
        context: testContext,
      }),
    );
    expect(result.response?.status).toBe(302);
    expect(result.response?.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(getOptionalUser(appRequest("/", { cookie }))).toBeNull();
    const audit = getDb()
      .select()
      .from(auditLog)
      .all()
      .filter((row) => row.action === "sign_out");
    expect(audit.map((row) => [row.actorId, row.result, row.origin])).toEqual([
      [user.id, "success", testContext.clientAddress],
    ]);
  });
});
