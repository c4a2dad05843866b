import type { TeamRow } from '../queries.ts';
import { regionRef } from './refs.ts';

export const FamilyDoctorTeam = {
  township: (team: TeamRow) => regionRef(team.townshipCode),
};
