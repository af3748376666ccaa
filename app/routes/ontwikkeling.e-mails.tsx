// Development preview of every e-mail template with sample data; replaces the react-email CLI preview.
// No sign-in needed, like the outbox; only while developmentToolsEnabled() holds, otherwise 404.
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireDevelopmentTools } from "#app/mail/development-pages.server.ts";
import { mailTemplateNames, mailTemplates, renderPreviewMail } from "#app/mail/templates.server.ts";

export async function loader() {
  requireDevelopmentTools();
  const templates = await Promise.all(
    mailTemplateNames.map(async (name) => {
      const mail = await renderPreviewMail(name);
      return { name, label: mailTemplates[name].label, subject: mail.subject, text: mail.text };
    }),
  );
  return { templates };
}

export const meta: MetaFunction = () => [
  { title: "Voorbeelden van e-mails (ontwikkeling) · Gildeportaal OGW" },
];

export default function EmailPreviewsPage() {
  const { templates } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Voorbeelden van e-mails (ontwikkeling)</h1>
      <p>
        Elk e-mailsjabloon van het portaal, gevuld met voorbeeldgegevens. Deze pagina bestaat alleen
        in de ontwikkel- en demo-omgeving. Echte e-mail staat in het{" "}
        <Link to="/ontwikkeling/postvak">postvak</Link>.
      </p>
      {templates.map((template) => (
        <section key={template.name} aria-labelledby={`sjabloon-${template.name}`}>
          <h2 id={`sjabloon-${template.name}`}>{template.label}</h2>
          <dl>
            <dt>Sjabloon</dt>
            <dd>
              <code>{template.name}</code>
            </dd>
            <dt>Onderwerp</dt>
            <dd>{template.subject}</dd>
          </dl>
          <p>
            <a href={`/ontwikkeling/e-mails/${template.name}`}>
              Bekijk de opgemaakte (HTML-)versie van {template.label.toLowerCase()}
            </a>
          </p>
          <details>
            <summary>Tekstversie van {template.label.toLowerCase()}</summary>
            <pre tabIndex={0}>{template.text}</pre>
          </details>
        </section>
      ))}
    </>
  );
}
