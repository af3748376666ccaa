// One-time messages after a redirect ("Uitnodiging verstuurd"). Unsigned on purpose: a forged
// cookie can only show a message to the person who forged it, and the text is rendered as text.
const COOKIE = "gilde_melding";

export type Flash = { kind: "success" | "error"; message: string };

export function flashCookie(flash: Flash): string {
  const value = Buffer.from(JSON.stringify(flash), "utf8").toString("base64url");
  return `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`;
}

export function readFlash(request: Request): { flash: Flash | null; clear: string | null } {
  const header = request.headers.get("cookie") ?? "";
  const match = header
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`));
  if (!match) return { flash: null, clear: null };
  const clear = `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  try {
    const parsed = JSON.parse(
      Buffer.from(match.slice(COOKIE.length + 1), "base64url").toString("utf8"),
    );
    if (
      parsed &&
      (parsed.kind === "success" || parsed.kind === "error") &&
      typeof parsed.message === "string" &&
      parsed.message.length <= 300
    ) {
      return { flash: { kind: parsed.kind, message: parsed.message }, clear };
    }
  } catch {
    // An unreadable cookie is simply dropped.
  }
  return { flash: null, clear };
}

export function redirectWithFlash(to: string, flash: Flash, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", flashCookie(flash));
  headers.set("Location", to);
  return new Response(null, { status: 302, headers });
}
