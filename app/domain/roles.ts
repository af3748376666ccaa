// App roles (permissions) and OGW roles (the way of working) are separate vocabularies.

export const appRoles = ["member", "coordinator", "hr", "admin"] as const;
export type AppRole = (typeof appRoles)[number];

export const appRoleLabels: Record<AppRole, string> = {
  member: "Medewerker",
  coordinator: "Gilde-coördinator",
  hr: "P&O",
  admin: "Beheerder",
};

export const ogwRoles = [
  "political_principal",
  "official_principal",
  "opgave_director",
  "steering_professional",
  "line_manager",
  "employee",
] as const;
export type OgwRole = (typeof ogwRoles)[number];

export const ogwRoleLabels: Record<OgwRole, string> = {
  political_principal: "Bestuurlijk opdrachtgever",
  official_principal: "Ambtelijk opdrachtgever",
  opgave_director: "Opgaveregisseur",
  steering_professional: "Sturingsprofessional",
  line_manager: "Lijnmanager",
  employee: "Medewerker",
};

export const userStatuses = ["invited", "active", "deactivated"] as const;
export type UserStatus = (typeof userStatuses)[number];

export const userStatusLabels: Record<UserStatus, string> = {
  invited: "Uitgenodigd",
  active: "Actief",
  deactivated: "Gedeactiveerd",
};
