/** Stubs for entities other departments own: the gateway resolves their facts by key. */
export const regionRef = (code: string) => ({ code });
export const residentRef = (id: string) => ({ id });
export const householdRef = (id: string) => ({ id });

/** Field resolvers for rows about one resident (record, contract, elderly care, mental health…). */
export const personFields = {
  resident: (row: { residentId: string }) => residentRef(row.residentId),
  household: (row: { householdId: string }) => householdRef(row.householdId),
  village: (row: { villageCode: string }) => regionRef(row.villageCode),
};
