import type { ContractRow } from '../queries.ts';
import type { HealthContext } from '../context.ts';
import { personFields } from './refs.ts';

export const FamilyDoctorContract = {
  ...personFields,
  team: (contract: ContractRow, _: unknown, ctx: HealthContext) => ctx.loaders.team.load(contract.teamId),
  doctor: (contract: ContractRow, _: unknown, ctx: HealthContext) => (contract.doctorId ? ctx.loaders.doctor.load(contract.doctorId) : null),
};
