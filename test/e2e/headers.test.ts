// Every response the server sends, as a document or as a Remix data request, carries the security headers.
import { describe, expect, it } from "vitest";
import { baseUrl, DEMO_PASSWORD, demoUsers } from "./support.ts";

async function signInCookie(email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(302);
  return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
}

function expectSecurityHeaders(response: Response, label: string) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp, label).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp, label).toContain("object-src 'none'");
  expect(csp, label).toContain("base-uri 'none'");
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(csp, label).not.toContain("unsafe-inline");
  expect(response.headers.get("x-content-type-options"), label).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), label).toBeTruthy();
  // Plain http here; HSTS is only sent when APP_URL is https.
  expect(response.headers.get("strict-transport-security"), label).toBeNull();
}

describe("security headers", () => {
  it("are on public pages, their data requests, assets and 404s", async () => {
    for (const path of [
      "/inloggen",
      "/inloggen.data",
      "/over-ogw",
      "/over-ogw.data",
      "/bestaat/niet",
      "/favicon.svg",
    ]) {
      const response = await fetch(`${baseUrl}${path}`, { redirect: "manual" });
      expectSecurityHeaders(response, path);
    }
  });

  it("are on signed-in pages, which are never cached", async () => {
    const cookie = await signInCookie(demoUsers.admin.email);
    for (const path of [
      "/",
      "/_root.data",
      "/beheer",
      "/beheer.data",
      "/beheer/gebruikers",
      "/beheer/logboek",
    ]) {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { Cookie: cookie },
        redirect: "manual",
      });
      expect(response.status, path).toBe(200);
      expectSecurityHeaders(response, path);
      expect(response.headers.get("cache-control"), path).toContain("no-store");
    }
  });

  it("give a fresh nonce per response, and the page's scripts carry it", async () => {
    const first = await fetch(`${baseUrl}/inloggen`);
    const second = await fetch(`${baseUrl}/inloggen`);
    const nonceOf = (response: Response) =>
      /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    const nonce = nonceOf(first);
    expect(nonce).toBeTruthy();
    expect(nonceOf(second)).not.toBe(nonce);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("a missing page answers in Dutch without any stack trace", async () => {
    const response = await fetch(`${baseUrl}/beheer/gebruikers/abc/def`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Pagina niet gevonden");
    expect(html).not.toMatch(/at \S+ \(.*:\d+:\d+\)/);
    expect(html).not.toContain("node_modules");
  });
});
