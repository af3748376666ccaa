// One template rendered with its sample data, as a page of its own with a strict CSP of its own.
// No sign-in (see ontwikkeling.e-mails.tsx); only while developmentToolsEnabled() holds.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { mailHtmlResponse, requireDevelopmentTools } from "#app/mail/development-pages.server.ts";
import { isMailTemplateName, renderPreviewMail } from "#app/mail/templates.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  requireDevelopmentTools();
  if (!params.template || !isMailTemplateName(params.template)) {
    throw new Response("Dit e-mailsjabloon bestaat niet.", { status: 404 });
  }
  const mail = await renderPreviewMail(params.template);
  return mailHtmlResponse(mail.html);
}
