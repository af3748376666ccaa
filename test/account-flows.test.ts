import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getSqlite } from "#db/client.server.ts";
import { auditLog, loginSessions, mailOutbox, oneTimeTokens, users } from "#db/schema.ts";
import {
  attemptSignIn,
  changeAppRole,
  inviteUser,
  requestPasswordReset,
  setPasswordWithToken,
  setUserActive,
} from "#app/utils/account.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";
import { validateSessionToken } from "#app/utils/session.server.ts";
import { createUser, ensureDepartment, TEST_PASSWORD } from "#test/factories.ts";

const address = "198.51.100.7";

function tokenFromOutbox(email: string, pathPrefix: string): string {
  const mail = getDb()
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, email))
    .all()
    .at(-1);
  expect(mail, `a mail to ${email}`).toBeDefined();
  const match = mail!.text.match(new RegExp(`${pathPrefix}/([a-z2-7]+)`));
  expect(match, "the link in the mail").not.toBeNull();
  return match![1]!;
}

describe("sign-in", () => {
  it("opens a session for the right password and records it", async () => {
    const user = await createUser();
    const result = await attemptSignIn({
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      address,
    });
    expect(result.kind).toBe("success");
    if (result.kind !== "success") return;
    expect(validateSessionToken(getDb(), result.token)?.user.id).toBe(user.id);
    // Only the hash of the token is stored.
    const stored = getDb()
      .select()
      .from(loginSessions)
      .where(eq(loginSessions.userId, user.id))
      .all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).not.toContain(result.token);
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectId, String(user.id)))
      .all();
    expect(audit.map((row) => [row.action, row.result, row.origin])).toContainEqual([
      "sign_in",
      "success",
      address,
    ]);
  });

  it("answers an unknown e-mail and a wrong password alike, and logs no typed address", async () => {
    const user = await createUser();
    const wrongPassword = await attemptSignIn({
      email: user.email,
      password: "niet het goede wachtwoord",
      address,
    });
    const unknown = await attemptSignIn({
      email: "onbekend-persoon@gilde.example",
      password: TEST_PASSWORD,
      address,
    });
    expect(wrongPassword).toEqual({ kind: "invalid" });
    expect(unknown).toEqual({ kind: "invalid" });
    const dump = JSON.stringify(getDb().select().from(auditLog).all());
    expect(dump).not.toContain("onbekend-persoon");
  });

  it("refuses an invited account that has no password yet", async () => {
    const user = await createUser({ status: "invited" });
    expect(await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address })).toEqual({
      kind: "invalid",
    });
  });
});

describe("invitation", () => {
  it("creates an invited user, a hashed single-use token and a mail in one go", async () => {
    const admin = await createUser({ appRole: "admin" });
    const departmentId = ensureDepartment("OOV", "Openbare Orde en Veiligheid");
    const result = await inviteUser(
      {
        name: "Nieuwe Collega",
        email: "Nieuwe.Collega@Huizen.example",
        departmentId,
        ogwRole: "opgave_director",
        appRole: "coordinator",
      },
      admin,
      address,
    );
    expect(result.ok).toBe(true);
    const invited = findUserByEmail(getDb(), "nieuwe.collega@huizen.example");
    expect(invited).toMatchObject({
      status: "invited",
      appRole: "coordinator",
      ogwRole: "opgave_director",
    });

    const token = tokenFromOutbox("nieuwe.collega@huizen.example", "/uitnodiging");
    const tokens = getDb()
      .select()
      .from(oneTimeTokens)
      .where(eq(oneTimeTokens.userId, invited!.id))
      .all();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.id).not.toBe(token);

    expect(
      await setPasswordWithToken(token, "invitation", "een lange zin als wachtwoord", address),
    ).toMatchObject({ ok: true });
    expect(findUserByEmail(getDb(), "nieuwe.collega@huizen.example")?.status).toBe("active");
    const signIn = await attemptSignIn({
      email: "nieuwe.collega@huizen.example",
      password: "een lange zin als wachtwoord",
      address,
    });
    expect(signIn.kind).toBe("success");

    // The link works once.
    expect(
      await setPasswordWithToken(token, "invitation", "nog een lange zin erbij", address),
    ).toEqual({ ok: false, problem: "used" });
  });

  it("refuses a second account with the same e-mail and writes nothing", async () => {
    const admin = await createUser({ appRole: "admin" });
    const existing = await createUser();
    const before = getDb().select().from(users).all().length;
    const outboxBefore = getDb().select().from(mailOutbox).all().length;
    const result = await inviteUser(
      {
        name: "Dubbel",
        email: existing.email,
        departmentId: ensureDepartment(),
        ogwRole: "employee",
        appRole: "member",
      },
      admin,
      address,
    );
    expect(result).toMatchObject({ ok: false, field: "email" });
    expect(getDb().select().from(users).all()).toHaveLength(before);
    expect(getDb().select().from(mailOutbox).all()).toHaveLength(outboxBefore);
  });

  it("refuses an expired link and an unknown one", async () => {
    const admin = await createUser({ appRole: "admin" });
    const past = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    await inviteUser(
      {
        name: "Te Laat",
        email: "te.laat@huizen.example",
        departmentId: ensureDepartment(),
        ogwRole: "employee",
        appRole: "member",
      },
      admin,
      address,
      past,
    );
    const token = tokenFromOutbox("te.laat@huizen.example", "/uitnodiging");
    expect(
      await setPasswordWithToken(token, "invitation", "een lange zin als wachtwoord", address),
    ).toEqual({ ok: false, problem: "expired" });
    expect(
      await setPasswordWithToken(
        "abcdefghijklmnopqrstuvwxyz",
        "invitation",
        "een lange zin als wachtwoord",
        address,
      ),
    ).toEqual({
      ok: false,
      problem: "unknown",
    });
    expect(findUserByEmail(getDb(), "te.laat@huizen.example")?.status).toBe("invited");
  });
});

describe("password reset", () => {
  it("mails a link to an active account; the new password works and old sessions end", async () => {
    const user = await createUser();
    const first = await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address });
    expect(first.kind).toBe("success");
    await requestPasswordReset(user.email, address);
    const token = tokenFromOutbox(user.email, "/wachtwoord-herstellen");
    // A reset link is not an invitation link.
    expect(
      await setPasswordWithToken(token, "invitation", "nieuwe zin voor het portaal", address),
    ).toMatchObject({ ok: false });
    expect(
      await setPasswordWithToken(token, "password_reset", "nieuwe zin voor het portaal", address),
    ).toMatchObject({ ok: true });
    if (first.kind === "success") expect(validateSessionToken(getDb(), first.token)).toBeNull();
    expect(
      (await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address })).kind,
    ).toBe("invalid");
    expect(
      (await attemptSignIn({ email: user.email, password: "nieuwe zin voor het portaal", address }))
        .kind,
    ).toBe("success");
  });

  it("sends nothing for an unknown or deactivated address", async () => {
    const deactivated = await createUser({ status: "deactivated" });
    const before = getDb().select().from(mailOutbox).all().length;
    await requestPasswordReset("niemand@gilde.example", address);
    await requestPasswordReset(deactivated.email, address);
    expect(getDb().select().from(mailOutbox).all()).toHaveLength(before);
  });

  it("makes an older reset link worthless when a new one is asked for", async () => {
    const user = await createUser();
    await requestPasswordReset(user.email, address);
    const older = tokenFromOutbox(user.email, "/wachtwoord-herstellen");
    await requestPasswordReset(user.email, address);
    expect(
      await setPasswordWithToken(older, "password_reset", "nieuwe zin voor het portaal", address),
    ).toEqual({ ok: false, problem: "used" });
  });
});

describe("administrator changes", () => {
  it("changing the app role ends the user's sessions and is audited with before and after", async () => {
    const admin = await createUser({ appRole: "admin" });
    const user = await createUser();
    const signIn = await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address });
    expect(changeAppRole(user.id, "coordinator", admin, address)).toEqual({
      ok: true,
      value: undefined,
    });
    if (signIn.kind === "success") expect(validateSessionToken(getDb(), signIn.token)).toBeNull();
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "user_role_changed"))
      .all()
      .at(-1);
    expect(JSON.parse(audit!.details!)).toEqual({
      before: { appRole: "member" },
      after: { appRole: "coordinator" },
    });
    expect(audit!.actorId).toBe(admin.id);
  });

  it("deactivating ends sessions and blocks sign-in with a clear answer; reactivating restores it", async () => {
    const admin = await createUser({ appRole: "admin" });
    const user = await createUser();
    const signIn = await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address });
    expect(setUserActive(user.id, false, admin, address).ok).toBe(true);
    if (signIn.kind === "success") expect(validateSessionToken(getDb(), signIn.token)).toBeNull();
    expect(await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address })).toEqual({
      kind: "deactivated",
    });
    expect(setUserActive(user.id, true, admin, address).ok).toBe(true);
    expect(
      (await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address })).kind,
    ).toBe("success");
  });

  it("does not let an administrator demote or deactivate themselves", async () => {
    const admin = await createUser({ appRole: "admin" });
    expect(changeAppRole(admin.id, "member", admin, address).ok).toBe(false);
    expect(setUserActive(admin.id, false, admin, address).ok).toBe(false);
    expect(getDb().select().from(users).where(eq(users.id, admin.id)).get()).toMatchObject({
      appRole: "admin",
      status: "active",
    });
  });
});

describe("audit log", () => {
  it("is append-only in the database itself", async () => {
    await createUser().then((user) =>
      attemptSignIn({ email: user.email, password: TEST_PASSWORD, address }),
    );
    const sqlite = getSqlite();
    expect(() => sqlite.prepare("UPDATE audit_log SET result = 'failure'").run()).toThrow(
      /append-only/,
    );
    expect(() => sqlite.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  });
});
