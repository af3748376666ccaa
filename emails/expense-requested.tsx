// To the other coordinators: a new expense request waits for their approval (four eyes).
import { formatEuro } from "#app/domain/money.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export type ExpenseRequestedEmailProps = {
  name: string;
  requesterName: string;
  description: string;
  supplier: string;
  kindLabel: string;
  amountCents: number;
  significant: boolean;
  thresholdCents: number;
  link: string;
};

export function expenseRequestedSubject({
  description,
  amountCents,
}: ExpenseRequestedEmailProps): string {
  return `Uitgave ter goedkeuring: ${description} (${formatEuro(amountCents)})`;
}

export function ExpenseRequestedEmail(props: ExpenseRequestedEmailProps) {
  const {
    name,
    requesterName,
    description,
    supplier,
    kindLabel,
    amountCents,
    significant,
    thresholdCents,
    link,
  } = props;
  return (
    <EmailLayout
      title="Een uitgave wacht op goedkeuring"
      preview={`${requesterName} vraagt ${formatEuro(amountCents)} aan voor ${description}.`}
      reason="U ontvangt deze e-mail omdat u Gilde-coördinator bent in het Gildeportaal OGW. Een aanvraag wordt altijd goedgekeurd door een andere coördinator dan de aanvrager."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>
        {requesterName} heeft een uitgave uit het opleidingsbudget aangevraagd. Wilt u de aanvraag
        beoordelen? U kunt haar goedkeuren of afwijzen.
      </EmailParagraph>
      <EmailParagraph>
        Wat: {description}
        <br />
        Soort: {kindLabel}
        <br />
        Leverancier: {supplier}
        <br />
        Bedrag: {formatEuro(amountCents)}
        <br />
        Aangevraagd door: {requesterName}
      </EmailParagraph>
      {significant ? (
        <EmailParagraph>
          Dit is een significante uitgave: het bedrag is {formatEuro(thresholdCents)} of meer. Zij
          moet eerst aan het college worden voorgelegd. U kunt haar pas goedkeuren als het besluit
          van het college in het portaal is vastgelegd.
        </EmailParagraph>
      ) : (
        <EmailParagraph>
          Het bedrag ligt onder de grens voor significante uitgaven van {formatEuro(thresholdCents)}
          ; een besluit van het college is niet nodig.
        </EmailParagraph>
      )}
      <EmailAction href={link} label="Aanvraag bekijken" />
    </EmailLayout>
  );
}

export const previewProps: ExpenseRequestedEmailProps = {
  name: "Annelies Visser",
  requesterName: "Joris Bakker",
  description: "Workshop: een opgave afbakenen, trainershonorarium",
  supplier: "Bureau Opgave & Omgeving",
  kindLabel: "In-house opleiding",
  amountCents: 135_000,
  significant: false,
  thresholdCents: 250_000,
  link: "http://localhost:3000/uitgaven/12",
};
