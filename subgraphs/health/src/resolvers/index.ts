import { ChronicFollowUp } from './chronic-follow-up.ts';
import { ChronicPatient } from './chronic-patient.ts';
import { ElderlyCare } from './elderly-care.ts';
import { FamilyDoctorContract } from './family-doctor-contract.ts';
import { FamilyDoctorTeam } from './family-doctor-team.ts';
import { HealthRecord } from './health-record.ts';
import { Household } from './household.ts';
import { MentalHealthManagement } from './mental-health-management.ts';
import { PublicHealthCommittee } from './public-health-committee.ts';
import { Query } from './query.ts';
import { Region } from './region.ts';
import { Resident } from './resident.ts';
import { VillageClinic } from './village-clinic.ts';
import { VillageDoctor } from './village-doctor.ts';

/** Every resolver of the health subgraph, one file per GraphQL type. */
export const resolvers = {
  Query,
  Region,
  Household,
  Resident,
  VillageClinic,
  VillageDoctor,
  FamilyDoctorTeam,
  PublicHealthCommittee,
  HealthRecord,
  ChronicFollowUp,
  ChronicPatient,
  MentalHealthManagement,
  ElderlyCare,
  FamilyDoctorContract,
};
