import type { ContractRow } from '../queries.ts';
import type { HealthContext } from '../context.ts';
import { personFields } from './refs.ts';
import { sensitive } from './sensitive.ts';

export const FamilyDoctorContract = {
  ...personFields,
  ...sensitive<ContractRow>('familyDoctorContract', {
    signedOn: null,
    teamName: null,
    keyPopulation: null,
    team: (contract, _: unknown, ctx: HealthContext) => ctx.loaders.team.load(contract.teamId),
    doctor: (contract, _: unknown, ctx: HealthContext) => (contract.doctorId ? ctx.loaders.doctor.load(contract.doctorId) : null),
  }),
};
