// The harness checks itself: the accessibility check must fail on a page with a known problem, also
// for a page opened without JavaScript (where the check runs on a copy of the document).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { expectNoAxeViolations, browserForThisFile } from "#test/e2e/support.ts";

const browser = browserForThisFile();

// An input without a label and an image without alternative text; a plain page otherwise.
const faultyPage = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Proefpagina</title></head>
<body><main><h1>Proefpagina</h1><form><input type="text" name="zonder-label"></form>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20"></main></body></html>`;

let server: http.Server;
let address: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(faultyPage);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

for (const javaScriptEnabled of [true, false]) {
  test(`de axe-controle meldt overtredingen (JavaScript ${javaScriptEnabled ? "aan" : "uit"})`, async () => {
    const page = await browser.newPage({ javaScriptEnabled });
    await page.goto(address);
    const failure = await expectNoAxeViolations(page).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const message = String((failure as Error).message);
    expect(message).toContain("label");
    expect(message).toContain("image-alt");
  });
}
