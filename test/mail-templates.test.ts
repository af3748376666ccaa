import { describe, expect, it } from "vitest";
import {
  mailTemplateNames,
  renderInvitationMail,
  renderPasswordResetMail,
  renderPreviewMail,
} from "#app/mail/templates.server.ts";

const link = "http://localhost:3000/uitnodiging/abc123";

/** The plain text wraps lines; sentences are compared with whitespace folded. */
function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}

describe("renderInvitationMail", () => {
  it("renders a Dutch invitation with the link as button and as plain text", async () => {
    const mail = await renderInvitationMail({
      to: "anne@huizen.example",
      toUserId: 7,
      name: "Anne de Vries",
      invitedByName: "Pieter Jansen",
      link,
      expiresAt: new Date("2025-03-21T15:30:00.000Z"),
    });
    expect(mail).toMatchObject({ template: "invitation", to: "anne@huizen.example", toUserId: 7 });
    expect(mail.subject).toBe("U bent uitgenodigd voor het Gildeportaal OGW");
    expect(mail.html).toContain('lang="nl"');
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).toContain("Wachtwoord instellen");
    expect(mail.html).toContain("Gildeportaal OGW · Gemeente Huizen");
    expect(flat(mail.text)).toContain("Beste Anne de Vries,");
    expect(mail.text).toContain(link);
    // Amsterdam is UTC+1 in March.
    expect(flat(mail.text)).toContain("7 dagen geldig, tot vrijdag 21 maart 2025 om 16:30");
    expect(flat(mail.text)).toContain("U ontvangt deze e-mail omdat Pieter Jansen");
  });

  it("gives the expiry in Dutch summer time", async () => {
    const mail = await renderInvitationMail({
      to: "anne@huizen.example",
      name: "Anne",
      invitedByName: "Piet",
      link,
      expiresAt: new Date("2025-07-01T10:00:00.000Z"),
    });
    expect(flat(mail.text)).toContain("tot dinsdag 1 juli 2025 om 12:00");
  });

  it("escapes names in the HTML", async () => {
    const mail = await renderInvitationMail({
      to: "x@huizen.example",
      name: "<script>alert(1)</script>",
      invitedByName: "Piet",
      link,
      expiresAt: new Date(),
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
  });
});

describe("renderPasswordResetMail", () => {
  it("says how long the link is valid and what to do if the reader did not ask", async () => {
    const mail = await renderPasswordResetMail({
      to: "anne@huizen.example",
      toUserId: 7,
      name: "Anne",
      link: "http://localhost:3000/wachtwoord-herstellen/xyz",
      expiresAt: new Date("2025-03-14T16:30:00.000Z"),
    });
    expect(mail.template).toBe("password_reset");
    expect(mail.subject).toBe("Nieuw wachtwoord instellen voor het Gildeportaal OGW");
    expect(flat(mail.text)).toContain("http://localhost:3000/wachtwoord-herstellen/xyz");
    expect(flat(mail.text)).toContain("1 uur geldig, tot vrijdag 14 maart 2025 om 17:30");
    expect(flat(mail.text)).toContain(
      "Hebt u dit niet aangevraagd? Dan kunt u deze e-mail negeren.",
    );
  });
});

describe("renderPreviewMail", () => {
  it.each(mailTemplateNames)("renders %s with its sample data", async (name) => {
    const mail = await renderPreviewMail(name);
    expect(mail.template).toBe(name);
    expect(mail.subject.length).toBeGreaterThan(0);
    expect(mail.html).toContain("<html");
    expect(mail.text.length).toBeGreaterThan(100);
  });
});
