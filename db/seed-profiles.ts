// Demo mode: profiles for the demo accounts and the colleagues (team, introduction, expertise and
// guild membership, two of them former members), so that the member directory looks lived in.
import { and, eq, gt, inArray, isNotNull, lt, max, min } from "drizzle-orm";
import { utcToAmsterdamLocal } from "#app/domain/time.ts";
import { findUserByEmail, type User } from "#app/models/users.server.ts";
import { writeTransaction, type Db } from "#db/client.server.ts";
import { courseSessions, enrolments, memberExpertise, users } from "#db/schema.ts";
import { secondDemoCoordinator } from "./seed-budget.ts";
import { colleagueEmail } from "./seed-enrolments.ts";
// A cycle like seed-enrolments.ts's: only read when seedProfiles runs, long after both have loaded.
import { demoAccounts } from "./seed.ts";

/** The day after the college decision of 31 January 2023: the guild's first day. */
export const GUILD_FOUNDED_ON = "2023-02-01";
export const FORMER_MEMBERS = 2;

export type DemoProfile = {
  name: string;
  team: string;
  tags: string[];
  introduction: string;
  /** Joined on the guild's first day. */
  founder?: boolean;
};

export type ProfileSeedResult = { profilesFilled: number };

/** One per demo account and per colleague, by name. */
export const demoProfiles: DemoProfile[] = [
  // ---- The demo accounts ----
  {
    name: "Sanne de Vries",
    team: "Team Jeugd en Onderwijs",
    tags: ["jeugdzorg", "onderwijshuisvesting", "participatie"],
    introduction:
      "Ik werk als beleidsmedewerker jeugd aan de opgave kansengelijkheid voor kinderen in Huizen. Via het gilde wil ik leren hoe je zo’n opgave samen met scholen en ouders scherp krijgt.",
  },
  {
    name: "Joris Bakker",
    team: "Team Ruimtelijke Ontwikkeling",
    tags: [
      "procesregie",
      "opgaveplan",
      "omgevingswet",
      "gebiedsontwikkeling",
      "stakeholderanalyse",
    ],
    introduction:
      "Als opgaveregisseur werk ik aan de ontwikkeling van het centrum van Huizen. Ik coördineer het gilde en help collega’s graag op weg met hun eerste opgaveplan.",
    founder: true,
  },
  {
    name: "Fatima El Amrani",
    team: "Team Leren en Ontwikkelen",
    tags: ["organisatieontwikkeling", "leiderschap", "strategische personeelsplanning"],
    introduction:
      "Ik ben teamleider Leren en Ontwikkelen bij P&O en houd het opleidingsbudget van het gilde in de gaten. Mijn vraag bij elke opleiding: wat kun je er maandag mee?",
  },
  {
    name: "Pieter Jansen",
    team: "Team Openbare Orde en Veiligheid",
    tags: ["integrale veiligheid", "ondermijning", "data-analyse"],
    introduction:
      "Ik ben adviseur integrale veiligheid en beheer daarnaast het Gildeportaal. Opgavegericht werken zie ik terug in de aanpak van ondermijning, waar we zonder andere afdelingen weinig bereiken.",
  },
  {
    name: "Annelies Visser",
    team: "Team Bestuursondersteuning",
    tags: ["bestuursadvisering", "programmamanagement", "opgaveplan"],
    introduction:
      "Als ambtelijk opdrachtgever zorg ik dat een opgave een heldere opdracht en genoeg capaciteit krijgt. Samen met Joris coördineer ik het gilde.",
    founder: true,
  },
  // ---- Maatschappelijke Ontwikkeling / Maatschappelijk Beleid ----
  {
    name: "Lotte van den Berg",
    team: "Team Zorg en Welzijn",
    tags: ["wmo", "participatie", "mantelzorg"],
    introduction:
      "Ik ben consulent Wmo en werk veel samen met het sociaal team. In het gilde leer ik te denken vanuit de vraag van inwoners in plaats van vanuit onze regelingen.",
  },
  {
    name: "Mohamed Ouali",
    team: "Team Werk en Inkomen",
    tags: ["armoedebeleid", "schuldhulpverlening", "procesregie", "stakeholderanalyse"],
    introduction:
      "Ik ben opgaveregisseur voor de opgave bestaanszekerheid. Mijn werk is vooral verbinden: inwoners, maatschappelijke partners en collega’s van drie afdelingen.",
  },
  {
    name: "Ingrid Smit",
    team: "Team Jeugd en Onderwijs",
    tags: ["jeugdzorg", "leiderschap", "capaciteitsplanning"],
    introduction:
      "Ik ben teamleider Jeugd en Onderwijs. Als lijnmanager maak ik ruimte, zodat mijn mensen naast het reguliere werk aan opgaven kunnen werken.",
  },
  // ---- Omgeving / Openbare Werken ----
  {
    name: "Daan Mulder",
    team: "Team Duurzaamheid",
    tags: ["energietransitie", "subsidies", "programmamanagement"],
    introduction:
      "Ik werk als sturingsprofessional aan de warmtetransitie in Huizen. Subsidieaanvragen rond krijgen is mijn specialiteit.",
  },
  {
    name: "Eva Kok",
    team: "Team Vergunningen",
    tags: ["omgevingswet", "vergunningverlening", "participatie"],
    introduction:
      "Ik ben vergunningverlener en sinds de Omgevingswet veel bezig met participatie bij initiatieven. Ik deel graag wat we daarbij in de praktijk tegenkomen.",
  },
  {
    name: "Ruben de Graaf",
    team: "Team Wonen",
    tags: ["woningbouw", "gebiedsontwikkeling", "procesregie", "opgaveplan"],
    introduction:
      "Als opgaveregisseur werk ik aan de woningbouwopgave: meer betaalbare woningen voor jongeren en ouderen in Huizen.",
  },
  // ---- Openbare Orde en Veiligheid ----
  {
    name: "Noor Hendriks",
    team: "Team Openbare Orde en Veiligheid",
    tags: ["wijkveiligheid", "netwerksturing", "stakeholderanalyse"],
    introduction:
      "Ik ben adviseur wijkveiligheid en werk nauw samen met politie, woningcorporaties en welzijn. Netwerken in kaart brengen is mijn tweede natuur.",
  },
  {
    name: "Thijs van Dijk",
    team: "Team Crisisbeheersing",
    tags: ["crisisbeheersing", "leiderschap", "risicomanagement"],
    introduction:
      "Ik ben teamleider crisisbeheersing. In het gilde kijk ik vooral hoe we als lijn opgaven beter kunnen ondersteunen.",
  },
  {
    name: "Yasmina Bouzid",
    team: "Team Openbare Orde en Veiligheid",
    tags: ["ondermijning", "handhaving", "data-analyse"],
    introduction:
      "Ik werk aan de aanpak van ondermijning en maak de analyses waarmee we signalen uit verschillende bronnen bij elkaar brengen.",
  },
  // ---- Bestuurs- en Concernzaken ----
  {
    name: "Marieke Peters",
    team: "Team Concernstaf",
    tags: ["programmamanagement", "bestuursadvisering", "opgaveplan"],
    introduction:
      "Als concernmanager ben ik ambtelijk opdrachtgever voor de opgave Centrum Huizen. Ik let erop dat een opgave een heldere opdracht, een team en een budget heeft.",
  },
  {
    name: "Wouter Dekker",
    team: "College van burgemeester en wethouders",
    tags: ["bestuurlijk opdrachtgeverschap", "participatie"],
    introduction:
      "Als wethouder ben ik bestuurlijk opdrachtgever voor de opgave Centrum Huizen. In het gilde wil ik leren hoe bestuur en organisatie elkaar eerder vinden.",
  },
  {
    name: "Sophie Brouwer",
    team: "Team Communicatie",
    tags: ["communicatie", "participatie", "stakeholderanalyse"],
    introduction:
      "Ik ben communicatieadviseur en denk bij opgaven vanaf het begin mee over participatie. Hoe betrekken we inwoners, en wanneer?",
  },
  // ---- Financiën ----
  {
    name: "Jeroen de Boer",
    team: "Team Planning en Control",
    tags: ["planning en control", "begroting", "leiderschap"],
    introduction:
      "Ik ben teamleider Planning en Control. Ik wil dat opgaven ook in de begroting zichtbaar worden, niet alleen in de budgetten van afdelingen.",
  },
  {
    name: "Anouk Willems",
    team: "Team Financieel Advies",
    tags: ["begroting", "subsidies", "risicomanagement"],
    introduction:
      "Als financieel adviseur help ik opgaveteams met hun businesscase en met de verantwoording van subsidies.",
  },
  {
    name: "Kees Vermeulen",
    team: "Team Financieel Advies",
    tags: ["data-analyse", "planning en control", "monitoring"],
    introduction:
      "Ik maak dashboards en monitors voor opgaven. Zo zien we of we ook echt bereiken wat we ons voornemen.",
  },
  // ---- Informatievoorziening ----
  {
    name: "Priya Ramdin",
    team: "Team Data en Analyse",
    tags: ["data-analyse", "informatiebeheer", "privacy"],
    introduction:
      "Ik ben data-analist en zoek uit welke gegevens een opgave nodig heeft en hoe we die veilig gebruiken.",
  },
  {
    name: "Bas Schouten",
    team: "Team Informatiebeheer",
    tags: ["informatiebeheer", "archivering", "leiderschap"],
    introduction:
      "Ik ben teamleider Informatiebeheer. Ik zorg dat opgaveteams hun stukken en besluiten vanaf het begin goed vastleggen.",
  },
  {
    name: "Femke Hoekstra",
    team: "Team Digitale Dienstverlening",
    tags: ["procesregie", "digitale inclusie", "programmamanagement", "opgaveplan"],
    introduction:
      "Als opgaveregisseur werk ik aan de opgave digitale inclusie. Iedereen in Huizen moet mee kunnen doen, ook zonder computer.",
  },
  // ---- Personeel en Organisatie ----
  {
    name: "Martijn Verhoeven",
    team: "Team Organisatieontwikkeling",
    tags: ["organisatieontwikkeling", "verandermanagement", "programmamanagement"],
    introduction:
      "Ik ben ambtelijk opdrachtgever voor de invoering van opgavegericht werken in onze organisatie. Ik hoor graag waar collega’s in de praktijk tegenaan lopen.",
  },
  {
    name: "Esther Koster",
    team: "Team HR-advies",
    tags: ["verandermanagement", "gespreksvoering", "teamontwikkeling"],
    introduction:
      "Ik ben HR-adviseur en begeleid teams die anders gaan werken. Ik denk graag mee over hoe je een opgaveteam samenstelt.",
  },
  {
    name: "Gert-Jan Prins",
    team: "Team Leren en Ontwikkelen",
    tags: ["opleidingsadvies", "e-learning", "facilitering"],
    introduction:
      "Ik organiseer trainingen en kennissessies en help het gilde bij het opzetten van het opleidingsaanbod.",
  },
  // ---- Publiekszaken ----
  {
    name: "Linda Bos",
    team: "Team Klantcontactcentrum",
    tags: ["dienstverlening", "klantreis", "procesregie", "participatie"],
    introduction:
      "Als opgaveregisseur werk ik aan betere dienstverlening. We brengen de klantreis in kaart, samen met inwoners zelf.",
  },
  {
    name: "Hanneke van Leeuwen",
    team: "Team Burgerzaken",
    tags: ["dienstverlening", "programmamanagement", "kwaliteitszorg"],
    introduction:
      "Ik ben afdelingsmanager Publiekszaken en ambtelijk opdrachtgever van de opgave dienstverlening. Ik wil vooral leren hoe ik opgaveregisseurs goed ondersteun.",
  },
  {
    name: "Erik Meijer",
    team: "College van burgemeester en wethouders",
    tags: ["dienstverlening", "participatie", "bestuurlijk opdrachtgeverschap"],
    introduction:
      "Als wethouder ben ik bestuurlijk opdrachtgever voor de opgave dienstverlening. Via het gilde hoor ik wat de organisatie van het bestuur nodig heeft.",
  },
];

/**
 * Colleagues who may have left the guild, in order. The first ones without an upcoming enrolment
 * become the former members, so that nobody who left is still on a participant list.
 */
const formerMemberCandidates = [
  "Daan Mulder",
  "Wouter Dekker",
  "Noor Hendriks",
  "Erik Meijer",
  "Kees Vermeulen",
];

// ---- Dates (calendar days as YYYY-MM-DD, counted as whole UTC days) ----

const DAY_MS = 24 * 60 * 60 * 1000;

function dayOf(date: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function amsterdamDate(moment: Date | string): string {
  return utcToAmsterdamLocal(moment).slice(0, 10);
}

/** The same day a month earlier, or that month's last day (31 March → 28 or 29 February). */
function monthBefore(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const daysInPreviousMonth = new Date(Date.UTC(year, month - 1, 0)).getUTCDate();
  return dateOf(Date.UTC(year, month - 2, Math.min(day, daysInPreviousMonth)) / DAY_MS);
}

/** A fixed number in [0, 1) per name and purpose (FNV-1a), so every seed makes the same choices. */
function fraction(name: string, purpose: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${purpose}:${name}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 4_294_967_296;
}

/** A day in [from, to] (both inclusive) picked by `f`. */
function dayBetween(from: number, to: number, f: number): number {
  return to <= from ? from : from + Math.floor(f * (to - from + 1));
}

// ---- Seeding ----

function emailOf(name: string): string {
  const account = [...demoAccounts, secondDemoCoordinator].find((a) => a.name === name);
  return account ? account.email : colleagueEmail(name);
}

/** Nothing of their own profile is filled in yet. */
function hasEmptyProfile(db: Db, user: User): boolean {
  if (user.team?.trim() || user.introduction?.trim()) return false;
  const tag = db
    .select({ tag: memberExpertise.tag })
    .from(memberExpertise)
    .where(eq(memberExpertise.userId, user.id))
    .get();
  return tag === undefined;
}

/** What the seeded enrolments say about someone: when they first enrolled, last took part, and what is to come. */
function enrolmentHistory(db: Db, userId: number, now: Date) {
  const stamp = now.toISOString();
  const first = db
    .select({ at: min(enrolments.enrolledAt) })
    .from(enrolments)
    .where(eq(enrolments.memberId, userId))
    .get()?.at;
  const lastSession = db
    .select({ at: max(courseSessions.endsAt) })
    .from(enrolments)
    .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
    .where(and(eq(enrolments.memberId, userId), lt(courseSessions.endsAt, stamp)))
    .get()?.at;
  const upcoming = db
    .select({ id: enrolments.id })
    .from(enrolments)
    .innerJoin(courseSessions, eq(courseSessions.id, enrolments.sessionId))
    .where(
      and(
        eq(enrolments.memberId, userId),
        inArray(enrolments.status, ["confirmed", "waitlisted", "requested"]),
        gt(courseSessions.startsAt, stamp),
      ),
    )
    .get();
  return {
    firstEnrolledOn: first ? amsterdamDate(first) : null,
    lastSessionOn: lastSession ? amsterdamDate(lastSession) : null,
    hasUpcoming: upcoming !== undefined,
  };
}

/**
 * Idempotent: fills only the demo people whose team, introduction and expertise are all empty, so
 * a profile that someone edited stays theirs; membership dates a coordinator registered stay too.
 * Demo mode only: seed() decides that. Synchronous, in one transaction.
 */
export function seedProfiles(now = new Date()): ProfileSeedResult {
  const today = dayOf(amsterdamDate(now));
  const founded = dayOf(GUILD_FOUNDED_ON);
  // Everyone joined at least a month ago; on a very early date the guild's first day is the limit.
  const lastJoinDay = Math.max(founded, dayOf(monthBefore(dateOf(today))));

  return writeTransaction((tx) => {
    const people = demoProfiles.flatMap((profile) => {
      const user = findUserByEmail(tx, emailOf(profile.name));
      if (!user || user.anonymisedAt !== null || !hasEmptyProfile(tx, user)) return [];
      return [{ profile, user, history: enrolmentHistory(tx, user.id, now) }];
    });

    // Former members from an earlier seed count towards the two.
    const formerAlready = tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          inArray(
            users.email,
            demoProfiles.map((profile) => emailOf(profile.name)),
          ),
          isNotNull(users.guildLeftOn),
        ),
      )
      .all().length;
    const undated = people.filter(({ user }) => user.guildJoinedOn === null);
    const candidates = formerMemberCandidates.flatMap((name) => {
      const found = undated.find(({ profile }) => profile.name === name);
      return found ? [found] : [];
    });
    // Prefer colleagues with nothing to come; only when there are too few, the others in order.
    const former = new Set(
      [
        ...candidates.filter(({ history }) => !history.hasUpcoming),
        ...candidates.filter(({ history }) => history.hasUpcoming),
      ]
        .slice(0, Math.max(0, FORMER_MEMBERS - formerAlready))
        .map(({ user }) => user.id),
    );

    for (const { profile, user, history } of people) {
      let joinedOn = user.guildJoinedOn;
      let leftOn = user.guildLeftOn;
      if (joinedOn === null) {
        // Before their first enrolment: they signed up for sessions as members of the guild.
        const latest = history.firstEnrolledOn
          ? Math.max(founded, Math.min(lastJoinDay, dayOf(history.firstEnrolledOn)))
          : lastJoinDay;
        const joinedDay = profile.founder
          ? founded
          : dayBetween(founded, latest, fraction(profile.name, "joined"));
        joinedOn = dateOf(joinedDay);
        if (former.has(user.id)) {
          // After their last session and at least three months in; yesterday at the latest.
          const yesterday = today - 1;
          const earliest = Math.max(
            joinedDay + 90,
            history.lastSessionOn ? dayOf(history.lastSessionOn) + 1 : 0,
          );
          const leftDay = Math.max(
            joinedDay,
            Math.min(yesterday, dayBetween(earliest, yesterday, fraction(profile.name, "left"))),
          );
          leftOn = dateOf(leftDay);
        }
      }
      tx.update(users)
        .set({
          team: profile.team,
          introduction: profile.introduction,
          guildJoinedOn: joinedOn,
          guildLeftOn: leftOn,
          updatedAt: now.toISOString(),
        })
        .where(eq(users.id, user.id))
        .run();
      tx.insert(memberExpertise)
        .values(profile.tags.map((tag) => ({ userId: user.id, tag })))
        .onConflictDoNothing()
        .run();
    }
    return { profilesFilled: people.length };
  });
}
