// The development outbox: every mail the portal wrote, sent or not.
// No sign-in on purpose: without SMTP_URL (the demo default) this is the only way to read an
// invitation or password-reset mail, and nobody can sign in before reading theirs. The page exists
// only while developmentToolsEnabled() holds (development, or APP_MODE=demo); in live production
// requireDevelopmentTools() answers 404.
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server.ts";
import {
  formatTimestamp,
  outboxStatusLabels,
  requireDevelopmentTools,
} from "#app/mail/development-pages.server.ts";
import { listOutboxMessages } from "#app/mail/outbox.server.ts";
import { isMailTemplateName, mailTemplates } from "#app/mail/templates.server.ts";
import { getEnv } from "#app/utils/env.server.ts";

const LIST_LIMIT = 200;

export async function loader() {
  requireDevelopmentTools();
  const messages = listOutboxMessages(getDb(), LIST_LIMIT).map((message) => ({
    id: message.id,
    to: message.toAddress,
    subject: message.subject,
    template: isMailTemplateName(message.template)
      ? mailTemplates[message.template].label
      : message.template,
    status: outboxStatusLabels[message.status],
    attempts: message.attempts,
    lastError: message.lastError,
    createdAt: message.createdAt,
    createdAtText: formatTimestamp(message.createdAt),
  }));
  return { messages, limit: LIST_LIMIT, smtpConfigured: getEnv().SMTP_URL !== undefined };
}

export const meta: MetaFunction = () => [{ title: "Postvak (ontwikkeling) · Gildeportaal OGW" }];

export default function OutboxPage() {
  const { messages, limit, smtpConfigured } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Postvak (ontwikkeling)</h1>
      <p>
        Hier staat alle e-mail die het portaal heeft gemaakt, ook e-mail die (nog) niet is
        verstuurd. Deze pagina bestaat alleen in de ontwikkel- en demo-omgeving en is zonder
        inloggen te bekijken.
      </p>
      <p>
        {smtpConfigured
          ? "SMTP_URL is ingesteld: de server verstuurt e-mail die klaarstaat elke 10 seconden."
          : "Er is geen SMTP_URL ingesteld: e-mail wordt niet verstuurd en blijft hier staan."}
      </p>
      <p>
        <Link to="/ontwikkeling/e-mails">Voorbeelden van alle e-mailsjablonen</Link>
      </p>
      {messages.length === 0 ? (
        <p>Het postvak is leeg.</p>
      ) : (
        <table>
          <caption>
            E-mail in het postvak, nieuwste eerst
            {messages.length === limit ? ` (de nieuwste ${limit})` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Aangemaakt</th>
              <th scope="col">Aan</th>
              <th scope="col">Onderwerp</th>
              <th scope="col">Sjabloon</th>
              <th scope="col">Status</th>
              <th scope="col">Pogingen</th>
              <th scope="col">Laatste fout</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id}>
                <td>
                  <time dateTime={message.createdAt}>{message.createdAtText}</time>
                </td>
                <td>{message.to}</td>
                <td>
                  <Link to={`/ontwikkeling/postvak/${message.id}`}>{message.subject}</Link>
                </td>
                <td>{message.template}</td>
                <td>{message.status}</td>
                <td>{message.attempts}</td>
                <td>{message.lastError ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
