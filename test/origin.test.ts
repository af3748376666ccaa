import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "#app/utils/origin.ts";

const app = "https://gilde.huizen.nl";
const base = { allowedOrigins: [app], origin: null, referer: null, secFetchSite: null };

describe("isSameOriginRequest", () => {
  it.each([
    ["GET without headers", { method: "GET" }, true],
    ["HEAD without headers", { method: "HEAD" }, true],
    ["POST from the app", { method: "POST", origin: app }, true],
    [
      "POST from the app, fetch metadata same-origin",
      { method: "POST", origin: app, secFetchSite: "same-origin" },
      true,
    ],
    ["POST from a foreign site", { method: "POST", origin: "https://evil.example" }, false],
    ["POST from a sibling subdomain", { method: "POST", origin: "https://evil.huizen.nl" }, false],
    ["POST from the app over http", { method: "POST", origin: "http://gilde.huizen.nl" }, false],
    ["POST with Origin null", { method: "POST", origin: "null" }, false],
    ["POST without Origin and Referer", { method: "POST" }, false],
    ["POST without Origin, Referer of the app", { method: "POST", referer: `${app}/beheer` }, true],
    [
      "POST without Origin, foreign Referer",
      { method: "POST", referer: "https://evil.example/x" },
      false,
    ],
    ["POST with a garbled Referer", { method: "POST", referer: "not a url" }, false],
    [
      "POST cross-site per fetch metadata",
      { method: "POST", origin: app, secFetchSite: "cross-site" },
      false,
    ],
    [
      "POST same-site per fetch metadata",
      { method: "POST", origin: app, secFetchSite: "same-site" },
      false,
    ],
    ["DELETE from a foreign site", { method: "DELETE", origin: "https://evil.example" }, false],
  ] as const)("%s → %s", (_name, input, expected) => {
    expect(isSameOriginRequest({ ...base, ...input })).toBe(expected);
  });
});
