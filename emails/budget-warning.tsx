// To coordinators and P&O, once: the budget in use (committed + paid) has passed 80 %.
import { usedShare, WARNING_RATIO } from "#app/domain/budget.ts";
import { formatEuro } from "#app/domain/money.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export type BudgetWarningEmailProps = {
  name: string;
  budgetName: string;
  budgetCents: number;
  committedCents: number;
  actualCents: number;
  availableCents: number;
  /** What tipped it over, e.g. "de goedkeuring van ‘Masterclass opgaveregie’". */
  cause: string;
  link: string;
};

const percent = new Intl.NumberFormat("nl-NL", { style: "percent", maximumFractionDigits: 1 });

export function budgetWarningSubject({ budgetName }: BudgetWarningEmailProps): string {
  return `${budgetName}: ${percent.format(WARNING_RATIO)} of meer in gebruik`;
}

export function BudgetWarningEmail(props: BudgetWarningEmailProps) {
  const {
    name,
    budgetName,
    budgetCents,
    committedCents,
    actualCents,
    availableCents,
    cause,
    link,
  } = props;
  const share = percent.format(usedShare(props));
  return (
    <EmailLayout
      title={`Het opleidingsbudget is voor ${share} in gebruik`}
      preview={`Nog ${formatEuro(availableCents)} beschikbaar van ${formatEuro(budgetCents)}.`}
      reason={`U ontvangt deze e-mail omdat u Gilde-coördinator of P&O-adviseur bent in het Gildeportaal OGW. Dit bericht komt één keer: op het moment dat het gebruik de grens van ${percent.format(WARNING_RATIO)} passeert.`}
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>
        Door {cause} is nu {share} van het {budgetName} in gebruik: verplicht of al betaald. Dat is
        {percent.format(WARNING_RATIO)} of meer. Houd bij nieuwe aanvragen rekening met wat er nog
        beschikbaar is; een uitgave die niet past, wordt geweigerd.
      </EmailParagraph>
      <EmailParagraph>
        Budget: {formatEuro(budgetCents)}
        <br />
        Verplicht (goedgekeurd, nog niet betaald): {formatEuro(committedCents)}
        <br />
        Gerealiseerd (betaald): {formatEuro(actualCents)}
        <br />
        Beschikbaar: {formatEuro(availableCents)}
      </EmailParagraph>
      <EmailAction href={link} label="Budget bekijken" />
    </EmailLayout>
  );
}

export const previewProps: BudgetWarningEmailProps = {
  name: "Fatima El Amrani",
  budgetName: "Opleidingsbudget Gilde OGW",
  budgetCents: 1_500_000,
  committedCents: 420_000,
  actualCents: 785_000,
  availableCents: 295_000,
  cause: "de goedkeuring van ‘Masterclass opgaveregie’ (€ 1.250,50)",
  link: "http://localhost:3000/budget",
};
