// To the member: the course costs money per participant, so a coordinator must approve first.
import { formatEuro } from "#app/domain/money.ts";
import { formatDutchSessionTime } from "./components/format.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export const enrolmentRequestedCauses = ["enrolled", "promoted"] as const;
export type EnrolmentRequestedCause = (typeof enrolmentRequestedCauses)[number];

export type EnrolmentRequestedEmailProps = {
  name: string;
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  costCents: number;
  cause: EnrolmentRequestedCause;
  link: string;
};

const causeWords: Record<EnrolmentRequestedCause, { subject: string; title: string }> = {
  enrolled: {
    subject: "Uw inschrijving wacht op goedkeuring",
    title: "Uw inschrijving wacht op goedkeuring",
  },
  promoted: {
    subject: "Er is plaats: uw inschrijving wacht op goedkeuring",
    title: "Er is een plaats vrijgekomen: uw inschrijving wacht op goedkeuring",
  },
};

export function enrolmentRequestedSubject({
  cause,
  courseTitle,
}: EnrolmentRequestedEmailProps): string {
  return `${causeWords[cause].subject}: ${courseTitle}`;
}

export function EnrolmentRequestedEmail({
  name,
  courseTitle,
  startsAt,
  endsAt,
  costCents,
  cause,
  link,
}: EnrolmentRequestedEmailProps) {
  const when = formatDutchSessionTime(startsAt, endsAt);
  const cost = formatEuro(costCents);
  return (
    <EmailLayout
      title={causeWords[cause].title}
      preview={`${courseTitle} kost ${cost} per deelnemer; een Gilde-coördinator beslist over uw inschrijving.`}
      reason="U ontvangt deze e-mail omdat u zich voor deze sessie hebt ingeschreven in het Gildeportaal OGW."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      {cause === "promoted" ? (
        <EmailParagraph>
          Er is een plaats vrijgekomen bij {courseTitle} op {when}. U stond op de wachtlijst; uw
          inschrijving wacht nu op goedkeuring.
        </EmailParagraph>
      ) : (
        <EmailParagraph>
          U hebt zich ingeschreven voor {courseTitle} op {when}. Uw inschrijving wacht op
          goedkeuring.
        </EmailParagraph>
      )}
      <EmailParagraph>
        Aan deze opleiding zijn kosten verbonden: {cost} per deelnemer. Die komen uit het
        opleidingsbudget van het Gilde, en daarom moet een Gilde-coördinator uw inschrijving eerst
        goedkeuren. Zolang de aanvraag loopt, houden we een plaats voor u vrij.
      </EmailParagraph>
      <EmailParagraph>
        U krijgt een e-mail zodra er een besluit is. Wilt u de aanvraag intrekken? Meld u dan af via
        de knop hieronder of in het portaal onder ‘Mijn inschrijvingen’.
      </EmailParagraph>
      <EmailAction href={link} label="Sessie bekijken" />
    </EmailLayout>
  );
}

export const previewProps: EnrolmentRequestedEmailProps = {
  name: "Joris Bakker",
  courseTitle: "Masterclass opgaveregie",
  startsAt: "2027-01-19T08:30:00.000Z",
  endsAt: "2027-01-19T15:30:00.000Z",
  costCents: 125_050,
  cause: "enrolled",
  link: "http://localhost:3000/sessies/12",
};
