// To each coordinator: a paid enrolment waits for approval (four eyes, the college if significant).
import { formatEuro } from "#app/domain/money.ts";
import { formatDutchSessionTime } from "./components/format.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export type EnrolmentApprovalNeededEmailProps = {
  name: string;
  memberName: string;
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  costCents: number;
  significant: boolean;
  thresholdCents: number;
  link: string;
};

export function enrolmentApprovalNeededSubject({
  memberName,
  courseTitle,
  costCents,
}: EnrolmentApprovalNeededEmailProps): string {
  return `Inschrijving ter goedkeuring: ${memberName}, ${courseTitle} (${formatEuro(costCents)})`;
}

export function EnrolmentApprovalNeededEmail({
  name,
  memberName,
  courseTitle,
  startsAt,
  endsAt,
  costCents,
  significant,
  thresholdCents,
  link,
}: EnrolmentApprovalNeededEmailProps) {
  const when = formatDutchSessionTime(startsAt, endsAt);
  const cost = formatEuro(costCents);
  return (
    <EmailLayout
      title="Een inschrijving wacht op goedkeuring"
      preview={`${memberName} wil deelnemen aan ${courseTitle} (${cost} per deelnemer).`}
      reason="U ontvangt deze e-mail omdat u Gilde-coördinator bent in het Gildeportaal OGW. Een inschrijving wordt altijd goedgekeurd door een andere coördinator dan de deelnemer."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>
        {memberName} heeft zich ingeschreven voor een opleiding met kosten per deelnemer. Die komen
        uit het opleidingsbudget. Wilt u de inschrijving beoordelen? U kunt haar goedkeuren of
        afwijzen.
      </EmailParagraph>
      <EmailParagraph>
        Deelnemer: {memberName}
        <br />
        Opleiding: {courseTitle}
        <br />
        Wanneer: {when}
        <br />
        Kosten: {cost} per deelnemer
      </EmailParagraph>
      {significant ? (
        <EmailParagraph>
          Dit is een significante uitgave: het bedrag is {formatEuro(thresholdCents)} of meer. Zij
          moet eerst aan het college worden voorgelegd. Leg het besluit van het college vast bij de
          uitgave; pas daarna kunt u de inschrijving goedkeuren.
        </EmailParagraph>
      ) : (
        <EmailParagraph>
          Het bedrag ligt onder de grens voor significante uitgaven van {formatEuro(thresholdCents)}
          ; een besluit van het college is niet nodig.
        </EmailParagraph>
      )}
      <EmailAction href={link} label="Inschrijving beoordelen" />
    </EmailLayout>
  );
}

export const previewProps: EnrolmentApprovalNeededEmailProps = {
  name: "Annelies Visser",
  memberName: "Joris Bakker",
  courseTitle: "Masterclass opgaveregie",
  startsAt: "2027-01-19T08:30:00.000Z",
  endsAt: "2027-01-19T15:30:00.000Z",
  costCents: 125_050,
  significant: false,
  thresholdCents: 250_000,
  link: "http://localhost:3000/sessies/12",
};
