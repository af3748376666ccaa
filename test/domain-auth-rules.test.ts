import { describe, expect, it } from "vitest";
import { passwordProblem } from "#app/domain/password-policy.ts";
import {
  isSignInThrottled,
  MAX_FAILED_SIGN_INS,
  throttleWindowStart,
} from "#app/domain/throttle.ts";
import { judgeToken, tokenExpiry } from "#app/domain/one-time-token.ts";
import {
  ABSOLUTE_LIFETIME_MS,
  IDLE_TIMEOUT_MS,
  judgeSession,
  newSessionTimes,
} from "#app/domain/session-lifetime.ts";
import { appRoles } from "#app/domain/roles.ts";
import { can, navigationFor, permissions } from "#app/utils/permissions.ts";

describe("passwordProblem", () => {
  it.each([
    ["", "too_short"],
    ["kort", "too_short"],
    ["elf tekens!", "too_short"],
    ["twaalf teken", null],
    ["a".repeat(128).replace(/a/g, (_, i) => String.fromCharCode(97 + (i % 26))), null],
    ["x".repeat(129), "too_long"],
    ["wachtwoord123", "common"],
    ["Wachtwoord123", "common"],
    ["123456789012", "common"],
    ["qwertyuiop123", "common"],
    ["paars paard op de dijk", null],
    // Emoji count as one character each, as a person sees them.
    ["🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "too_short"],
    ["🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", null],
    ["gilde-demo-2023", null],
  ] as const)("%j → %s", (password, expected) => {
    expect(passwordProblem(password)).toBe(expected);
  });
});

describe("isSignInThrottled", () => {
  it.each([
    [0, 0, false],
    [MAX_FAILED_SIGN_INS - 1, 0, false],
    [0, MAX_FAILED_SIGN_INS - 1, false],
    [MAX_FAILED_SIGN_INS - 1, MAX_FAILED_SIGN_INS - 1, false],
    [MAX_FAILED_SIGN_INS, 0, true],
    [0, MAX_FAILED_SIGN_INS, true],
    [25, 3, true],
  ])("email %i, address %i → %s", (forEmail, forAddress, expected) => {
    expect(isSignInThrottled({ forEmail, forAddress })).toBe(expected);
  });

  it("counts failures of the last ten minutes", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    expect(throttleWindowStart(now).toISOString()).toBe("2026-03-01T11:50:00.000Z");
  });
});

describe("judgeToken", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const later = (ms: number) => new Date(now.getTime() + ms);
  it.each([
    [
      "fresh invitation",
      { purpose: "invitation", expiresAt: later(1000), usedAt: null },
      "invitation",
      { usable: true },
    ],
    [
      "used",
      { purpose: "invitation", expiresAt: later(1000), usedAt: now },
      "invitation",
      { usable: false, reason: "used" },
    ],
    [
      "expired exactly now",
      { purpose: "invitation", expiresAt: now, usedAt: null },
      "invitation",
      { usable: false, reason: "expired" },
    ],
    [
      "expired earlier",
      { purpose: "password_reset", expiresAt: later(-1), usedAt: null },
      "password_reset",
      { usable: false, reason: "expired" },
    ],
    [
      "reset token used as invitation",
      { purpose: "password_reset", expiresAt: later(1000), usedAt: null },
      "invitation",
      { usable: false, reason: "wrong_purpose" },
    ],
  ] as const)("%s", (_name, token, purpose, expected) => {
    expect(judgeToken(token, purpose, now)).toEqual(expected);
  });

  it.each([
    ["invitation", "2026-03-08T12:00:00.000Z"],
    ["password_reset", "2026-03-01T13:00:00.000Z"],
  ] as const)("%s links expire at %s", (purpose, expected) => {
    expect(tokenExpiry(purpose, now).toISOString()).toBe(expected);
  });
});

describe("judgeSession", () => {
  const start = new Date("2026-03-01T08:00:00Z");
  const times = newSessionTimes(start);
  const at = (ms: number) => new Date(start.getTime() + ms);
  const minute = 60_000;

  it.each([
    ["just created: valid, no renewal", times, at(0), { valid: true, renewTo: null }],
    ["after 10 minutes: no renewal yet", times, at(10 * minute), { valid: true, renewTo: null }],
    [
      "after 20 minutes: renewed to 30 minutes from now",
      times,
      at(20 * minute),
      { valid: true, renewTo: at(50 * minute) },
    ],
    ["idle for 30 minutes: expired", times, at(IDLE_TIMEOUT_MS), { valid: false }],
    [
      "renewal never passes the absolute lifetime",
      {
        expiresAt: at(ABSOLUTE_LIFETIME_MS - 5 * minute),
        absoluteExpiresAt: at(ABSOLUTE_LIFETIME_MS),
      },
      at(ABSOLUTE_LIFETIME_MS - 10 * minute),
      { valid: true, renewTo: at(ABSOLUTE_LIFETIME_MS) },
    ],
    [
      "active but past 12 hours: expired",
      {
        expiresAt: at(ABSOLUTE_LIFETIME_MS + 20 * minute),
        absoluteExpiresAt: at(ABSOLUTE_LIFETIME_MS),
      },
      at(ABSOLUTE_LIFETIME_MS),
      { valid: false },
    ],
  ] as const)("%s", (_name, session, now, expected) => {
    expect(judgeSession(session, now)).toEqual(expected);
  });
});

describe("permission map", () => {
  it.each([
    ["member", "dashboard:view", true],
    ["member", "users:manage", false],
    ["member", "audit:read", false],
    ["coordinator", "users:manage", false],
    ["hr", "users:manage", false],
    ["admin", "users:manage", true],
    ["admin", "audit:read", true],
    ["coordinator", "budget:view", true],
    ["member", "budget:view", false],
  ] as const)("%s %s → %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });

  it("gives every permission to at least one role, and only known roles", () => {
    for (const roles of Object.values(permissions)) {
      expect(roles.length).toBeGreaterThan(0);
      for (const role of roles) expect(appRoles).toContain(role);
    }
  });

  it("shows Beheer in the menu for administrators only", () => {
    for (const role of appRoles) {
      const labels = navigationFor(role).map((item) => item.label);
      expect(labels.includes("Beheer")).toBe(role === "admin");
    }
  });
});
