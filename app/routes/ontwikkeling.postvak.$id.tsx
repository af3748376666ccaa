// One mail from the development outbox: headers, text version, its links and a way to the HTML.
// No sign-in, like the outbox list (see there): in the demo this is how an invitation link is read.
// Only while developmentToolsEnabled() holds; otherwise 404.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server.ts";
import {
  findLinks,
  formatTimestamp,
  outboxStatusLabels,
  requireDevelopmentTools,
} from "#app/mail/development-pages.server.ts";
import { findOutboxMessage, parseAttachments } from "#app/mail/outbox.server.ts";
import { isMailTemplateName, mailTemplates } from "#app/mail/templates.server.ts";
import { getEnv } from "#app/utils/env.server.ts";

function notFound(): Response {
  return new Response("Dit bericht staat niet in het postvak.", { status: 404 });
}

export async function loader({ params }: LoaderFunctionArgs) {
  requireDevelopmentTools();
  if (!params.id || !/^\d{1,15}$/.test(params.id)) throw notFound();
  const message = findOutboxMessage(getDb(), Number(params.id));
  if (!message) throw notFound();

  let attachments: string[];
  try {
    attachments = parseAttachments(message.attachments).map(
      (a) => `${a.filename} (${a.contentType})`,
    );
  } catch {
    attachments = ["(onleesbaar)"];
  }
  return {
    id: message.id,
    from: getEnv().MAIL_FROM,
    to: message.toAddress,
    subject: message.subject,
    template: isMailTemplateName(message.template)
      ? `${mailTemplates[message.template].label} (${message.template})`
      : message.template,
    status: outboxStatusLabels[message.status],
    attempts: message.attempts,
    lastError: message.lastError,
    createdAt: { iso: message.createdAt, text: formatTimestamp(message.createdAt) },
    sentAt: message.sentAt ? { iso: message.sentAt, text: formatTimestamp(message.sentAt) } : null,
    nextAttemptAt:
      message.status === "pending"
        ? { iso: message.nextAttemptAt, text: formatTimestamp(message.nextAttemptAt) }
        : null,
    attachments,
    links: findLinks(message.text),
    text: message.text,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? data.subject : "Bericht"} · Postvak (ontwikkeling) · Gildeportaal OGW` },
];

export default function OutboxMessagePage() {
  const message = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/ontwikkeling/postvak">Terug naar het postvak</Link>
      </p>
      <h1>{message.subject}</h1>
      <dl>
        <dt>Van</dt>
        <dd>{message.from}</dd>
        <dt>Aan</dt>
        <dd>{message.to}</dd>
        <dt>Onderwerp</dt>
        <dd>{message.subject}</dd>
        <dt>Sjabloon</dt>
        <dd>{message.template}</dd>
        <dt>Status</dt>
        <dd>{message.status}</dd>
        <dt>Pogingen</dt>
        <dd>{message.attempts}</dd>
        <dt>Aangemaakt</dt>
        <dd>
          <time dateTime={message.createdAt.iso}>{message.createdAt.text}</time>
        </dd>
        {message.sentAt ? (
          <>
            <dt>Verzonden</dt>
            <dd>
              <time dateTime={message.sentAt.iso}>{message.sentAt.text}</time>
            </dd>
          </>
        ) : null}
        {message.nextAttemptAt ? (
          <>
            <dt>Volgende poging</dt>
            <dd>
              <time dateTime={message.nextAttemptAt.iso}>{message.nextAttemptAt.text}</time>
            </dd>
          </>
        ) : null}
        {message.lastError ? (
          <>
            <dt>Laatste fout</dt>
            <dd>{message.lastError}</dd>
          </>
        ) : null}
        {message.attachments.length > 0 ? (
          <>
            <dt>Bijlagen</dt>
            <dd>{message.attachments.join(", ")}</dd>
          </>
        ) : null}
      </dl>

      <h2>Opgemaakte versie</h2>
      <p>
        {/* A document of its own with a strict policy; a client-side navigation cannot show it. */}
        <a href={`/ontwikkeling/postvak/${message.id}/html`}>
          Bekijk de opgemaakte (HTML-)versie van dit bericht
        </a>
      </p>

      {message.links.length > 0 ? (
        <>
          <h2>Links in dit bericht</h2>
          <ul>
            {message.links.map((link) => (
              <li key={link}>
                <a href={link}>{link}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Tekstversie</h2>
      {/* Focusable, so that keyboard users can scroll it if long lines overflow. */}
      <pre tabIndex={0}>{message.text}</pre>
    </>
  );
}
