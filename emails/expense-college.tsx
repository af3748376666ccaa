// To administrators and coordinators: a significant expense must go before the college first.
import { formatEuro } from "#app/domain/money.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export type ExpenseCollegeEmailProps = {
  name: string;
  requesterName: string;
  description: string;
  supplier: string;
  amountCents: number;
  thresholdCents: number;
  budgetName: string;
  link: string;
};

export function expenseCollegeSubject({ description }: ExpenseCollegeEmailProps): string {
  return `Voorleggen aan het college: ${description}`;
}

export function ExpenseCollegeEmail(props: ExpenseCollegeEmailProps) {
  const {
    name,
    requesterName,
    description,
    supplier,
    amountCents,
    thresholdCents,
    budgetName,
    link,
  } = props;
  return (
    <EmailLayout
      title="Deze uitgave moet aan het college worden voorgelegd"
      preview={`${description} (${formatEuro(amountCents)}) is een significante uitgave.`}
      reason="U ontvangt deze e-mail omdat u Gilde-coördinator of beheerder bent in het Gildeportaal OGW en significante uitgaven vooraf aan het college worden voorgelegd."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>
        {requesterName} heeft een uitgave van {formatEuro(amountCents)} uit het {budgetName}{" "}
        aangevraagd. Dat is {formatEuro(thresholdCents)} of meer, en daarmee een significante
        uitgave. Zij moet aan het college worden voorgelegd voordat zij kan worden goedgekeurd.
      </EmailParagraph>
      <EmailParagraph>
        Wat: {description}
        <br />
        Leverancier: {supplier}
        <br />
        Bedrag: {formatEuro(amountCents)}
        <br />
        Grens voor significante uitgaven: {formatEuro(thresholdCents)}
      </EmailParagraph>
      <EmailParagraph>
        Heeft het college besloten? Leg dan de datum, het zaak- of documentnummer en de uitkomst van
        het besluit vast bij de uitgave. Pas daarna kan een coördinator haar goedkeuren; wijst het
        college haar af, dan is de aanvraag daarmee afgewezen.
      </EmailParagraph>
      <EmailAction href={link} label="Uitgave bekijken" />
    </EmailLayout>
  );
}

export const previewProps: ExpenseCollegeEmailProps = {
  name: "Pieter Jansen",
  requesterName: "Annelies Visser",
  description: "Leergang opgavegericht werken voor een opgaveregisseur",
  supplier: "Academie Maatschappelijke Opgaven",
  amountCents: 295_000,
  thresholdCents: 250_000,
  budgetName: "Opleidingsbudget Gilde OGW",
  link: "http://localhost:3000/uitgaven/3",
};
