import { describe, expect, it } from "vitest";
import { renderMarkdown, safeUrl } from "#app/utils/markdown.server.ts";

describe("renderMarkdown", () => {
  it("renders headings, lists, emphasis and links", () => {
    const html = renderMarkdown(
      '## Rollen\n\n- **Opgaveregisseur**\n- Lijnmanager\n\nZie [Over OGW](/over-ogw) en [VNG](https://vng.nl "VNG").',
    );
    expect(html).toContain("<h2>Rollen</h2>");
    expect(html).toContain("<li><strong>Opgaveregisseur</strong></li>");
    expect(html).toContain('<a href="/over-ogw">Over OGW</a>');
    expect(html).toContain('<a href="https://vng.nl" title="VNG">VNG</a>');
  });

  it.each([
    ["a script block", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [
      "an inline tag with a handler",
      "Tekst <img src=x onerror=alert(1)> hier",
      "&lt;img src=x onerror=alert(1)&gt;",
    ],
    ["an html block", '<div>\n<iframe src="https://evil.example"></iframe>\n</div>', "&lt;iframe"],
  ])("shows raw HTML as text: %s", (_name, markdown, expected) => {
    const html = renderMarkdown(markdown);
    expect(html).toContain(expected);
    expect(html).not.toMatch(/<(script|img|iframe|div)\b/);
  });

  it.each([
    ["javascript:", "[klik](javascript:alert(1))"],
    ["mixed case", "[klik](JaVaScRiPt:alert(1))"],
    ["an autolink", "<javascript:alert(1)>"],
    ["a reference link", "[klik][x]\n\n[x]: javascript:alert(1)"],
    ["a data: URL", "[klik](data:text/html;base64,PHNjcmlwdD4=)"],
    ["a space inside the scheme", "[klik](<java script:alert(1)>)"],
  ])("neutralises a dangerous link: %s", (_name, markdown) => {
    const html = renderMarkdown(markdown);
    expect(html).not.toMatch(/<a\b/);
    expect(html).not.toContain("href=");
  });

  it("keeps an encoded colon from turning into a scheme", () => {
    const html = renderMarkdown("[klik](javascript&#58;alert(1))");
    // The entity stays literal (&amp;#58;), so the browser sees a relative address.
    expect(html).toContain('href="javascript&amp;#58;alert(1)"');
  });

  it("drops images with an unsafe source but keeps their text", () => {
    expect(renderMarkdown("![logo](javascript:alert(1))")).toBe("<p>logo</p>\n");
  });
});

describe("safeUrl", () => {
  it.each([
    ["/over-ogw", "/over-ogw"],
    ["#rollen", "#rollen"],
    ["https://www.huizen.nl", "https://www.huizen.nl"],
    ["mailto:gilde@huizen.example", "mailto:gilde@huizen.example"],
    ["tel:+31355281911", "tel:+31355281911"],
    ["javascript:alert(1)", null],
    ["java\tscript:alert(1)", null],
    ["vbscript:msgbox", null],
    ["data:text/html,x", null],
  ])("%s → %s", (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });
});
