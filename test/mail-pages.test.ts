// The development mail pages: what they show, and that live production does not have them.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { findLinks } from "#app/mail/development-pages.server.ts";
import { queueMail } from "#app/mail/outbox.server.ts";
import { renderInvitationMail } from "#app/mail/templates.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { loader as previewHtmlLoader } from "#app/routes/ontwikkeling.e-mails.$template.tsx";
import { loader as previewsLoader } from "#app/routes/ontwikkeling.e-mails.tsx";
import { loader as messageHtmlLoader } from "#app/routes/ontwikkeling.postvak.$id.html.tsx";
import { loader as messageLoader } from "#app/routes/ontwikkeling.postvak.$id.tsx";
import { loader as outboxLoader } from "#app/routes/ontwikkeling.postvak._index.tsx";

function args(path: string, params: Record<string, string> = {}): LoaderFunctionArgs {
  return {
    request: new Request(`http://localhost:3000${path}`),
    params,
    context: { cspNonce: "", requestId: "test", clientAddress: "127.0.0.1" },
  };
}

async function thrownBy(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (thrown) {
    return thrown;
  }
  throw new Error("expected the loader to throw");
}

const link = "http://localhost:3000/uitnodiging/pagina-test-token";

async function queueInvitation() {
  const rendered = await renderInvitationMail({
    to: "anne@huizen.example",
    name: "Anne de Vries",
    invitedByName: "Pieter Jansen",
    link,
    expiresAt: new Date("2025-03-21T15:30:00.000Z"),
  });
  return queueMail(getDb(), rendered);
}

describe("development mail pages", () => {
  it("list the outbox newest first", async () => {
    const older = await queueInvitation();
    const newer = await queueInvitation();
    const data = await outboxLoader();
    const ids = data.messages.map((message) => message.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(data.messages.find((message) => message.id === newer)).toMatchObject({
      to: "anne@huizen.example",
      subject: "U bent uitgenodigd voor het Gildeportaal OGW",
      template: "Uitnodiging",
      status: "In de wachtrij",
      attempts: 0,
      lastError: null,
    });
  });

  it("show one message with its text and the links in it", async () => {
    const id = await queueInvitation();
    const data = await messageLoader(args(`/ontwikkeling/postvak/${id}`, { id: String(id) }));
    expect(data.to).toBe("anne@huizen.example");
    expect(data.text).toContain(link);
    expect(data.links).toEqual([link]);
  });

  it("serve the stored HTML as a page of its own under a strict policy", async () => {
    const id = await queueInvitation();
    const response = await messageHtmlLoader(
      args(`/ontwikkeling/postvak/${id}/html`, { id: String(id) }),
    );
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("Content-Security-Policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(await response.text()).toContain(`href="${link}"`);
  });

  it.each(["999999999", "abc", "1.5"])("answer 404 for message %s", async (id) => {
    for (const load of [messageLoader, messageHtmlLoader]) {
      const thrown = await thrownBy(() => load(args(`/ontwikkeling/postvak/${id}`, { id })));
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(404);
    }
  });

  it("preview every template, and answer 404 for an unknown one", async () => {
    const data = await previewsLoader();
    expect(data.templates.map((template) => template.name)).toEqual([
      "invitation",
      "password_reset",
      "expense_requested",
      "expense_decided",
      "expense_college",
      "budget_warning",
      "enrolment_confirmed",
      "enrolment_waitlisted",
      "enrolment_requested",
      "enrolment_approval_needed",
      "enrolment_rejected",
      "enrolment_cancelled",
      "session_reminder",
      "feedback_request",
    ]);
    const response = await previewHtmlLoader(
      args("/ontwikkeling/e-mails/invitation", { template: "invitation" }),
    );
    expect(await response.text()).toContain("U bent uitgenodigd voor het Gildeportaal OGW");
    const thrown = await thrownBy(() =>
      previewHtmlLoader(args("/ontwikkeling/e-mails/x", { template: "x" })),
    );
    expect((thrown as Response).status).toBe(404);
  });

  describe("in live production", () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, APP_MODE: process.env.APP_MODE };

    afterEach(() => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetEnvCache();
    });

    it("do not exist", async () => {
      const id = await queueInvitation();
      process.env.NODE_ENV = "production";
      process.env.APP_MODE = "live";
      resetEnvCache();
      const loads = [
        () => outboxLoader(),
        () => messageLoader(args(`/ontwikkeling/postvak/${id}`, { id: String(id) })),
        () => messageHtmlLoader(args(`/ontwikkeling/postvak/${id}/html`, { id: String(id) })),
        () => previewsLoader(),
        () =>
          previewHtmlLoader(args("/ontwikkeling/e-mails/invitation", { template: "invitation" })),
      ];
      for (const load of loads) {
        const thrown = await thrownBy(load);
        expect(thrown).toBeInstanceOf(Response);
        expect((thrown as Response).status).toBe(404);
      }
    });

    it("still exist in the production demo", async () => {
      process.env.NODE_ENV = "production";
      process.env.APP_MODE = "demo";
      resetEnvCache();
      await expect(outboxLoader()).resolves.toHaveProperty("messages");
    });
  });
});

describe("findLinks", () => {
  it.each([
    ["no links here", []],
    ["Ga naar https://a.example/x.", ["https://a.example/x"]],
    ["(zie http://a.example/y) en http://a.example/y", ["http://a.example/y"]],
    ["javascript:alert(1) and ftp://a.example", []],
    [
      "twee: https://a.example/1, https://a.example/2?x=1&y=2",
      ["https://a.example/1", "https://a.example/2?x=1&y=2"],
    ],
  ] as const)("%s", (text, expected) => {
    expect(findLinks(text)).toEqual(expected);
  });
});
