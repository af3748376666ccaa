// Public content pages (Over OGW, toegankelijkheid, privacy), copied from content/pages by the seed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { getContentPage } from "#app/models/content-pages.server.ts";
import { slugPattern } from "#app/utils/content.server.ts";
import { renderMarkdown } from "#app/utils/markdown.server.ts";
import { getDb } from "#db/client.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const page = slugPattern.test(slug) ? getContentPage(getDb(), slug) : undefined;
  if (!page) throw new Response("Niet gevonden", { status: 404 });
  return {
    title: page.title,
    description: page.description,
    html: renderMarkdown(page.body),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!data) return [{ title: `${errorTitle(error)} · Gildeportaal OGW` }];
  return [
    { title: `${data.title} · Gildeportaal OGW` },
    ...(data.description ? [{ name: "description", content: data.description }] : []),
  ];
};

export default function ContentPage() {
  const page = useLoaderData<typeof loader>();
  return (
    <article className="prose">
      <h1>{page.title}</h1>
      {page.description ? <p className="lead">{page.description}</p> : null}
      {/* renderMarkdown escapes raw HTML and unsafe link targets */}
      <div dangerouslySetInnerHTML={{ __html: page.html }} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
