// To the member: a coordinator rejected the paid enrolment, with the reason.
import { formatDutchSessionTime } from "./components/format.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export type EnrolmentRejectedEmailProps = {
  name: string;
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  decidedByName: string;
  reason: string;
  link: string;
};

export function enrolmentRejectedSubject({ courseTitle }: EnrolmentRejectedEmailProps): string {
  return `Uw inschrijving is afgewezen: ${courseTitle}`;
}

export function EnrolmentRejectedEmail({
  name,
  courseTitle,
  startsAt,
  endsAt,
  decidedByName,
  reason,
  link,
}: EnrolmentRejectedEmailProps) {
  const when = formatDutchSessionTime(startsAt, endsAt);
  return (
    <EmailLayout
      title="Uw inschrijving is afgewezen"
      preview={`${decidedByName} heeft uw inschrijving voor ${courseTitle} afgewezen.`}
      reason="U ontvangt deze e-mail omdat u zich voor deze sessie hebt ingeschreven in het Gildeportaal OGW."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>
        {decidedByName} heeft uw inschrijving voor {courseTitle} op {when} afgewezen. U bent niet
        ingeschreven, en er gaat geen geld uit het opleidingsbudget naar deze inschrijving.
      </EmailParagraph>
      <EmailParagraph>Toelichting: {reason}</EmailParagraph>
      <EmailParagraph>
        Hebt u vragen over dit besluit? Neem dan contact op met {decidedByName}.
      </EmailParagraph>
      <EmailAction href={link} label="Sessie bekijken" />
    </EmailLayout>
  );
}

export const previewProps: EnrolmentRejectedEmailProps = {
  name: "Joris Bakker",
  courseTitle: "Masterclass opgaveregie",
  startsAt: "2027-01-19T08:30:00.000Z",
  endsAt: "2027-01-19T15:30:00.000Z",
  decidedByName: "Annelies Visser",
  reason:
    "Deze masterclass is bedoeld voor opgaveregisseurs. Voor uw rol past de workshop ‘Een opgave afbakenen’ beter; die is kosteloos.",
  link: "http://localhost:3000/sessies/12",
};
