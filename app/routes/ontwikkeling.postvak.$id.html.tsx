// The stored HTML of one outbox mail, as a page of its own with a strict CSP of its own.
// No sign-in (see ontwikkeling.postvak._index.tsx); only while developmentToolsEnabled() holds.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server.ts";
import { mailHtmlResponse, requireDevelopmentTools } from "#app/mail/development-pages.server.ts";
import { findOutboxMessage } from "#app/mail/outbox.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  requireDevelopmentTools();
  const message =
    params.id && /^\d{1,15}$/.test(params.id)
      ? findOutboxMessage(getDb(), Number(params.id))
      : undefined;
  if (!message) throw new Response("Dit bericht staat niet in het postvak.", { status: 404 });
  return mailHtmlResponse(message.html);
}
