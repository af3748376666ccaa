// The enrolment mails as a member or coordinator reads them: subject, the sentence that matters
// for each cause, Dutch dates and amounts, escaped input, and a plain-text version.
import { describe, expect, it } from "vitest";
import {
  renderEnrolmentApprovalNeededMail,
  renderEnrolmentCancelledMail,
  renderEnrolmentConfirmedMail,
  renderEnrolmentRejectedMail,
  renderEnrolmentRequestedMail,
  renderEnrolmentWaitlistedMail,
  renderSessionReminderMail,
} from "#app/mail/templates.server.ts";

/** The plain text wraps lines; sentences are compared with whitespace (also no-break) folded. */
function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}

const link = "http://localhost:3000/sessies/4";
// Tuesday 8 December 2026, 13:30–16:00 in Amsterdam (winter time, UTC+1).
const winter = { startsAt: "2026-12-08T12:30:00.000Z", endsAt: "2026-12-08T15:00:00.000Z" };
const winterText = "dinsdag 8 december 2026, 13:30–16:00 uur";
const base = {
  to: "joris@huizen.example",
  toUserId: 12,
  name: "Joris Bakker",
  courseTitle: "Workshop: een opgave afbakenen",
  ...winter,
  link,
};
const hostileTitle = "<script>alert(1)</script> & <b>vet</b>";

describe("enrolment confirmed", () => {
  const confirmed = { ...base, location: "Gemeentehuis, zaal 1", onlineUrl: null };

  it("tells a member they are enrolled, when and where, with the invitation and how to cancel", async () => {
    const attachment = {
      filename: "uitnodiging.ics",
      contentType: "text/calendar; charset=utf-8; method=REQUEST",
      content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    };
    const mail = await renderEnrolmentConfirmedMail({
      ...confirmed,
      cause: "enrolled",
      attachments: [attachment],
    });
    expect(mail).toMatchObject({
      template: "enrolment_confirmed",
      to: "joris@huizen.example",
      toUserId: 12,
      attachments: [attachment],
    });
    expect(mail.subject).toBe("U bent ingeschreven: Workshop: een opgave afbakenen");
    const text = flat(mail.text);
    expect(text).toContain("Beste Joris Bakker,");
    expect(text).toContain("U bent ingeschreven voor Workshop: een opgave afbakenen.");
    expect(text).toContain(`Wanneer: ${winterText}`);
    expect(text).toContain("Waar: Gemeentehuis, zaal 1");
    expect(text).not.toContain("Online deelnemen");
    expect(text).toContain("uitnodiging voor uw agenda (uitnodiging.ics)");
    expect(text).toContain("‘Mijn inschrijvingen’");
    expect(text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
  });

  it("says a seat came free for someone promoted from the waitlist", async () => {
    const mail = await renderEnrolmentConfirmedMail({ ...confirmed, cause: "promoted" });
    expect(mail.subject).toBe("Er is plaats: u bent ingeschreven: Workshop: een opgave afbakenen");
    expect(flat(mail.text)).toContain(
      "Er is een plaats vrijgekomen bij Workshop: een opgave afbakenen. U stond op de wachtlijst en bent nu ingeschreven",
    );
  });

  it("names the coordinator who approved a paid enrolment", async () => {
    const mail = await renderEnrolmentConfirmedMail({
      ...confirmed,
      cause: "approved",
      decidedByName: "Annelies Visser",
    });
    expect(mail.subject).toBe("Uw inschrijving is goedgekeurd: Workshop: een opgave afbakenen");
    expect(flat(mail.text)).toContain(
      "Annelies Visser heeft uw inschrijving voor Workshop: een opgave afbakenen goedgekeurd.",
    );
    const anonymous = await renderEnrolmentConfirmedMail({ ...confirmed, cause: "approved" });
    expect(flat(anonymous.text)).toContain("Een Gilde-coördinator heeft uw inschrijving");
  });

  it("gives the link of an online session, and both moments of a session past midnight", async () => {
    const mail = await renderEnrolmentConfirmedMail({
      ...confirmed,
      cause: "enrolled",
      location: null,
      onlineUrl: "https://vergaderen.huizen.example/gilde",
      startsAt: "2026-12-08T20:00:00.000Z",
      endsAt: "2026-12-08T23:30:00.000Z",
    });
    const text = flat(mail.text);
    expect(text).toContain("Online deelnemen: https://vergaderen.huizen.example/gilde");
    expect(text).not.toContain("Waar:");
    expect(text).toContain(
      "Wanneer: dinsdag 8 december 2026, 21:00 uur tot woensdag 9 december 2026, 00:30 uur",
    );
  });

  it("escapes HTML in the course title and the place", async () => {
    const mail = await renderEnrolmentConfirmedMail({
      ...confirmed,
      cause: "enrolled",
      courseTitle: hostileTitle,
      location: "<img src=x onerror=alert(1)>",
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<b>vet</b>");
    expect(mail.html).not.toContain("<img src=x");
    expect(mail.html).toContain("&lt;script&gt;");
    // The subject is a plain header, not HTML: it keeps the title as typed.
    expect(mail.subject).toBe(`U bent ingeschreven: ${hostileTitle}`);
  });
});

describe("enrolment waitlisted", () => {
  it("says the session is full and where to see the current place, without a number", async () => {
    const mail = await renderEnrolmentWaitlistedMail(base);
    expect(mail.template).toBe("enrolment_waitlisted");
    expect(mail.subject).toBe("U staat op de wachtlijst: Workshop: een opgave afbakenen");
    const text = flat(mail.text);
    expect(text).toContain(
      `De sessie Workshop: een opgave afbakenen op ${winterText} is vol. U staat daarom op de wachtlijst`,
    );
    expect(text).toContain(
      "op de pagina van de sessie en in het portaal onder ‘Mijn inschrijvingen’",
    );
    expect(text).toContain("dan krijgt u meteen een e-mail");
    expect(text).not.toMatch(/plaats \d|nummer \d|positie/i);
  });
});

describe("enrolment requested", () => {
  const requested = { ...base, courseTitle: "Masterclass opgaveregie", costCents: 125_050 };

  it("explains that a coordinator must approve because of the cost", async () => {
    const mail = await renderEnrolmentRequestedMail({ ...requested, cause: "enrolled" });
    expect(mail.template).toBe("enrolment_requested");
    expect(mail.subject).toBe("Uw inschrijving wacht op goedkeuring: Masterclass opgaveregie");
    const text = flat(mail.text);
    expect(text).toContain(
      `U hebt zich ingeschreven voor Masterclass opgaveregie op ${winterText}.`,
    );
    expect(text).toContain("Aan deze opleiding zijn kosten verbonden: € 1.250,50 per deelnemer.");
    expect(text).toContain("moet een Gilde-coördinator uw inschrijving eerst goedkeuren");
    expect(text).toContain("U krijgt een e-mail zodra er een besluit is.");
  });

  it("says a seat came free and the request now waits, after promotion", async () => {
    const mail = await renderEnrolmentRequestedMail({ ...requested, cause: "promoted" });
    expect(mail.subject).toBe(
      "Er is plaats: uw inschrijving wacht op goedkeuring: Masterclass opgaveregie",
    );
    expect(flat(mail.text)).toContain(
      "Er is een plaats vrijgekomen bij Masterclass opgaveregie op dinsdag 8 december 2026, 13:30–16:00 uur. U stond op de wachtlijst; uw inschrijving wacht nu op goedkeuring.",
    );
  });
});

describe("enrolment approval needed", () => {
  const approval = {
    ...base,
    to: "annelies@huizen.example",
    name: "Annelies Visser",
    memberName: "Joris Bakker",
    courseTitle: "Masterclass opgaveregie",
    costCents: 125_050,
    thresholdCents: 250_000,
  };

  it("asks a coordinator to assess, below the threshold without the college", async () => {
    const mail = await renderEnrolmentApprovalNeededMail({ ...approval, significant: false });
    expect(mail.template).toBe("enrolment_approval_needed");
    expect(mail.subject.replace(/\s/g, " ")).toBe(
      "Inschrijving ter goedkeuring: Joris Bakker, Masterclass opgaveregie (€ 1.250,50)",
    );
    const text = flat(mail.text);
    expect(text).toContain("Beste Annelies Visser,");
    expect(text).toContain(
      "Wilt u de inschrijving beoordelen? U kunt haar goedkeuren of afwijzen.",
    );
    expect(text).toContain("Deelnemer: Joris Bakker");
    expect(text).toContain("Kosten: € 1.250,50 per deelnemer");
    expect(text).toContain("onder de grens voor significante uitgaven van € 2.500,00");
    expect(text).not.toContain("college worden voorgelegd");
  });

  it("says a significant enrolment goes to the college first", async () => {
    const mail = await renderEnrolmentApprovalNeededMail({
      ...approval,
      costCents: 295_000,
      significant: true,
    });
    const text = flat(mail.text);
    expect(text).toContain(
      "Dit is een significante uitgave: het bedrag is € 2.500,00 of meer. Zij moet eerst aan het college worden voorgelegd.",
    );
    expect(text).toContain("Leg het besluit van het college vast bij de uitgave");
    expect(text).toContain("Kosten: € 2.950,00 per deelnemer");
  });
});

describe("enrolment rejected", () => {
  it("names who rejected it and why, with the reason escaped in HTML", async () => {
    const mail = await renderEnrolmentRejectedMail({
      ...base,
      decidedByName: "Annelies Visser",
      reason: "Past niet bij uw rol <b>opgaveregisseur</b>.",
    });
    expect(mail.template).toBe("enrolment_rejected");
    expect(mail.subject).toBe("Uw inschrijving is afgewezen: Workshop: een opgave afbakenen");
    const text = flat(mail.text);
    expect(text).toContain(
      `Annelies Visser heeft uw inschrijving voor Workshop: een opgave afbakenen op ${winterText} afgewezen.`,
    );
    expect(text).toContain("Toelichting: Past niet bij uw rol <b>opgaveregisseur</b>.");
    expect(mail.html).not.toContain("<b>opgaveregisseur</b>");
    expect(mail.html).toContain("&lt;b&gt;opgaveregisseur&lt;/b&gt;");
  });
});

describe("enrolment cancelled", () => {
  it("confirms a member's own cancellation and withdraws the calendar item", async () => {
    const mail = await renderEnrolmentCancelledMail({ ...base, cause: "member" });
    expect(mail.template).toBe("enrolment_cancelled");
    expect(mail.subject).toBe("U bent afgemeld: Workshop: een opgave afbakenen");
    const text = flat(mail.text);
    expect(text).toContain(
      `U hebt zich afgemeld voor Workshop: een opgave afbakenen op ${winterText}.`,
    );
    expect(text).toContain("in de bijlage vindt u een annulering (annulering.ics)");
    expect(text).not.toContain("Reden:");
  });

  it("says a coordinator cancelled the enrolment, with the reason", async () => {
    const mail = await renderEnrolmentCancelledMail({
      ...base,
      cause: "coordinator",
      reason: "Dubbel ingeschreven.",
    });
    expect(mail.subject).toBe("Uw inschrijving is geannuleerd: Workshop: een opgave afbakenen");
    const text = flat(mail.text);
    expect(text).toContain("Een Gilde-coördinator heeft uw inschrijving voor Workshop");
    expect(text).toContain("Reden: Dubbel ingeschreven.");
  });

  it("says the session itself was cancelled, with the reason escaped", async () => {
    const mail = await renderEnrolmentCancelledMail({
      ...base,
      cause: "session_cancelled",
      reason: "De trainer is ziek <script>alert(1)</script>",
    });
    expect(mail.subject).toBe("De sessie gaat niet door: Workshop: een opgave afbakenen");
    const text = flat(mail.text);
    expect(text).toContain(
      `De sessie Workshop: een opgave afbakenen op ${winterText} is geannuleerd en gaat niet door.`,
    );
    expect(text).toContain("Reden: De trainer is ziek");
    expect(text).toContain("annulering.ics");
    expect(mail.html).not.toContain("<script>");
  });
});

describe("session reminder", () => {
  it("gives when and where in summer time and how to cancel for the waitlist", async () => {
    const mail = await renderSessionReminderMail({
      ...base,
      startsAt: "2027-06-15T07:30:00.000Z",
      endsAt: "2027-06-15T10:00:00.000Z",
      location: "Gemeentehuis, zaal 1",
      onlineUrl: "https://vergaderen.huizen.example/gilde",
    });
    expect(mail.template).toBe("session_reminder");
    expect(mail.attachments).toBeUndefined();
    expect(mail.subject).toBe(
      "Herinnering: Workshop: een opgave afbakenen, dinsdag 15 juni 2027, 09:30–12:00 uur",
    );
    const text = flat(mail.text);
    expect(text).toContain("Wanneer: dinsdag 15 juni 2027, 09:30–12:00 uur");
    expect(text).toContain("Waar: Gemeentehuis, zaal 1");
    expect(text).toContain("Online deelnemen: https://vergaderen.huizen.example/gilde");
    expect(text).toContain("Kunt u toch niet komen? Meld u dan zo snel mogelijk af");
    expect(text).toContain("Dan kan iemand van de wachtlijst uw plaats krijgen.");
    expect(text).toContain(link);
  });

  it("escapes HTML in the course title", async () => {
    const mail = await renderSessionReminderMail({
      ...base,
      courseTitle: hostileTitle,
      location: null,
      onlineUrl: null,
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect(flat(mail.text)).not.toContain("Waar:");
  });
});
