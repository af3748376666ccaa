// Shared by the development-only mail pages (/ontwikkeling/postvak, /ontwikkeling/e-mails).
import { developmentToolsEnabled } from "#app/utils/env.server.ts";

/** In live production these pages do not exist at all, rather than being forbidden. */
export function requireDevelopmentTools() {
  if (!developmentToolsEnabled()) {
    throw new Response("Deze pagina bestaat niet.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

// The stored mail is shown as a page of its own, not framed (the app forbids framing). Its inline
// styles are allowed; scripts, external resources, forms and framing are not.
export const mailHtmlContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function mailHtmlResponse(html: string): Response {
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": mailHtmlContentSecurityPolicy,
    },
  });
}

/** The http(s) links in a plain-text mail, in order, without duplicates or trailing punctuation. */
export function findLinks(text: string): string[] {
  const found = text.match(/https?:\/\/[^\s<>"'()[\]]+/g) ?? [];
  const links = found
    .map((link) => link.replace(/[.,;:!?]+$/, ""))
    .filter((link) => URL.canParse(link));
  return [...new Set(links)];
}

const timestampFormat = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  dateStyle: "short",
  timeStyle: "medium",
});

/** Formatted on the server, so the page shows Dutch time whatever the browser's time zone. */
export function formatTimestamp(iso: string): string {
  return timestampFormat.format(new Date(iso));
}

export const outboxStatusLabels = {
  pending: "In de wachtrij",
  sent: "Verzonden",
  failed: "Mislukt",
} as const;
