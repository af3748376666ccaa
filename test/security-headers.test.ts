import { afterEach, describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "#app/utils/security-headers.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import {
  clearedSessionCookie,
  sessionCookie,
  sessionCookieName,
} from "#app/utils/session.server.ts";

describe("security headers", () => {
  it("allow scripts only by nonce and forbid objects, base and framing", () => {
    const csp = contentSecurityPolicy("abc123", { development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it.each([
    [true, true],
    [false, false],
  ])("https %s → HSTS %s", (https, hsts) => {
    const headers = securityHeaders({ nonce: "n", https, development: false });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect("Strict-Transport-Security" in headers).toBe(hsts);
  });
});

describe("session cookie", () => {
  const original = process.env.APP_URL;
  afterEach(() => {
    process.env.APP_URL = original;
    resetEnvCache();
  });

  it("uses the __Host- prefix and Secure on https", () => {
    process.env.APP_URL = "https://gilde.huizen.nl";
    resetEnvCache();
    expect(sessionCookieName()).toBe("__Host-gilde_sessie");
    const cookie = sessionCookie("abcdefghijklmnopqrstuvwxyz234567");
    expect(cookie).toMatch(/^__Host-gilde_sessie=abcdefghijklmnopqrstuvwxyz234567;/);
    expect(cookie).toContain("; Secure");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Domain=");
    expect(clearedSessionCookie()).toContain("; Secure");
  });

  it("has no Secure flag on plain http (local development)", () => {
    process.env.APP_URL = "http://localhost:3000";
    resetEnvCache();
    expect(sessionCookieName()).toBe("gilde_sessie");
    expect(sessionCookie("abcdefghijklmnopqrstuvwxyz234567")).not.toContain("Secure");
  });
});
