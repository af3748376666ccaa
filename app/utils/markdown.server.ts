// Markdown to HTML for text typed by people (content pages now, course descriptions later).
// Raw HTML is shown as text and link targets are limited to harmless schemes, so the output
// can go into dangerouslySetInnerHTML.
import { Marked, type Tokens } from "marked";

const allowedLinkSchemes = new Set(["http", "https", "mailto", "tel"]);
const allowedImageSchemes = new Set(["http", "https"]);

/** Escapes every `&`, unlike marked's own helper, so an entity can never smuggle in a `:`. */
function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * Returns the URL when it is relative or uses an allowed scheme, otherwise null.
 * Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"),
 * so the check looks at the URL without them.
 */
export function safeUrl(
  raw: string,
  schemes: ReadonlySet<string> = allowedLinkSchemes,
): string | null {
  const url = raw.trim();
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = /^([^/?#]*?):/.exec(compact)?.[1];
  if (scheme === undefined) return url;
  return schemes.has(scheme.toLowerCase()) ? url : null;
}

const markdown = new Marked({
  async: false,
  gfm: true,
  breaks: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      const text = escapeHtml(token.text);
      return token.block ? `<p>${text.trimEnd()}</p>\n` : text;
    },
    link(token: Tokens.Link) {
      const label = this.parser.parseInline(token.tokens);
      const href = safeUrl(token.href);
      if (href === null) return label;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
      return `<a href="${escapeHtml(href)}"${title}>${label}</a>`;
    },
    image(token: Tokens.Image) {
      const src = safeUrl(token.href, allowedImageSchemes);
      if (src === null) return escapeHtml(token.text);
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
      return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}"${title}>`;
    },
  },
});

export function renderMarkdown(source: string): string {
  return markdown.parse(source, { async: false });
}
