import type { RuleOfLawModelVillageRow } from '../db/schema.ts';

const TITLES: Record<RuleOfLawModelVillageRow['level'], string> = {
  NATIONAL: '全国民主法治示范村',
  PROVINCIAL: '省级民主法治示范村',
  MUNICIPAL: '市级民主法治示范村',
};

export const RuleOfLawModelVillage = {
  village: (model: RuleOfLawModelVillageRow) => ({ code: model.villageCode }),
  title: (model: RuleOfLawModelVillageRow) => TITLES[model.level],
};
