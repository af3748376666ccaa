import { beforeEach, describe, expect, it, vi } from "vitest";

// Count real password checks: a throttled attempt must not reach Argon2 at all.
const argon = vi.hoisted(() => ({ verifyCalls: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const original = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...original,
    verify: (...args: Parameters<typeof original.verify>) => {
      argon.verifyCalls += 1;
      return original.verify(...args);
    },
  };
});

const { attemptSignIn } = await import("#app/utils/account.server.ts");
const { action } = await import("#app/routes/inloggen.tsx");
const { createUser, TEST_PASSWORD, appRequest, settle, statusOf } =
  await import("#test/factories.ts");
const { MAX_FAILED_SIGN_INS } = await import("#app/domain/throttle.ts");

beforeEach(() => {
  argon.verifyCalls = 0;
});

describe("sign-in throttling", () => {
  it("refuses further attempts for one e-mail after 10 failures, without hashing, even with the right password", async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      expect(
        (
          await attemptSignIn({
            email: user.email,
            password: `fout wachtwoord ${i}`,
            address: `203.0.113.${i}`,
          })
        ).kind,
      ).toBe("invalid");
    }
    const checksBefore = argon.verifyCalls;
    expect(
      await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address: "203.0.113.200" }),
    ).toEqual({ kind: "throttled" });
    expect(argon.verifyCalls).toBe(checksBefore);
  });

  it("refuses further attempts from one address after 10 failures on different e-mails", async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      await attemptSignIn({
        email: `iemand-${i}@gilde.example`,
        password: "wat dan ook hier",
        address: "203.0.113.77",
      });
    }
    expect(
      (await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address: "203.0.113.77" }))
        .kind,
    ).toBe("throttled");
    // Another address is not affected.
    expect(
      (await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address: "203.0.113.78" }))
        .kind,
    ).toBe("success");
  });

  it("forgets failures older than ten minutes", async () => {
    const user = await createUser();
    const old = new Date(Date.now() - 11 * 60 * 1000);
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      await attemptSignIn({
        email: user.email,
        password: "fout fout fout",
        address: "203.0.113.90",
        now: old,
      });
    }
    expect(
      (await attemptSignIn({ email: user.email, password: TEST_PASSWORD, address: "203.0.113.90" }))
        .kind,
    ).toBe("success");
  });

  it("answers HTTP 429 with a Dutch message from the sign-in page", async () => {
    const user = await createUser();
    const context = { cspNonce: "", requestId: "t", clientAddress: "203.0.113.120" };
    const post = () =>
      settle(() =>
        action({
          request: appRequest("/inloggen", {
            form: { email: user.email, password: "helemaal fout wachtwoord" },
          }),
          params: {},
          context,
        }),
      );
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) expect(statusOf(await post())).toBe(400);
    const throttled = await post();
    expect(statusOf(throttled)).toBe(429);
    expect(JSON.stringify(throttled.value)).toContain("Te veel mislukte inlogpogingen");
  });
});
