import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { contentPages, departments, passwords, users } from "#db/schema.ts";
import { DEMO_PASSWORD, demoAccounts, seed } from "#db/seed.ts";
import { attemptSignIn } from "#app/utils/account.server.ts";

const counts = () => ({
  departments: getDb().select().from(departments).all().length,
  pages: getDb().select().from(contentPages).all().length,
  users: getDb().select().from(users).all().length,
  passwords: getDb().select().from(passwords).all().length,
});

describe("seed", () => {
  it("fills an empty database and changes nothing when run again", async () => {
    const first = await seed();
    expect(first.demoAccountsCreated).toBe(4);
    const afterFirst = counts();
    expect(afterFirst).toMatchObject({ users: 4, passwords: 4 });
    expect(afterFirst.departments).toBeGreaterThanOrEqual(4);
    expect(afterFirst.pages).toBeGreaterThanOrEqual(2);

    const second = await seed();
    expect(second.demoAccountsCreated).toBe(0);
    expect(counts()).toEqual(afterFirst);
  });

  it.each(demoAccounts.map((account) => [account.email, account.appRole] as const))(
    "%s signs in with the demo password as %s",
    async (email, appRole) => {
      await seed();
      const result = await attemptSignIn({ email, password: DEMO_PASSWORD, address: "192.0.2.1" });
      expect(result.kind).toBe("success");
      if (result.kind === "success") expect(result.user.appRole).toBe(appRole);
    },
  );
});
