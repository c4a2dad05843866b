CREATE TABLE `collective_economy_incomes` (
	`village_code` text NOT NULL,
	`year` integer NOT NULL,
	`total_income` real NOT NULL,
	`operating_income` real NOT NULL,
	PRIMARY KEY(`village_code`, `year`),
	FOREIGN KEY (`village_code`) REFERENCES `village_agriculture`(`village_code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "collective_economy_incomes_amounts" CHECK("collective_economy_incomes"."total_income" >= 0 AND "collective_economy_incomes"."operating_income" >= 0 AND "collective_economy_incomes"."operating_income" <= "collective_economy_incomes"."total_income"),
	CONSTRAINT "collective_economy_incomes_year" CHECK("collective_economy_incomes"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE INDEX `collective_economy_incomes_year_idx` ON `collective_economy_incomes` (`year`,`village_code`);--> statement-breakpoint
CREATE TABLE `cooperative_members` (
	`cooperative_id` text NOT NULL,
	`household_id` text NOT NULL,
	`village_code` text NOT NULL,
	`role` text NOT NULL,
	`joined_on` text NOT NULL,
	`capital_contribution` integer NOT NULL,
	PRIMARY KEY(`cooperative_id`, `household_id`),
	FOREIGN KEY (`cooperative_id`) REFERENCES `cooperatives`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cooperative_members_role_valid" CHECK("cooperative_members"."role" IN ('CHAIR','BOARD_MEMBER','MEMBER')),
	CONSTRAINT "cooperative_members_joined_on_date" CHECK("cooperative_members"."joined_on" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "cooperative_members_contribution" CHECK("cooperative_members"."capital_contribution" >= 0)
);
--> statement-breakpoint
CREATE INDEX `cooperative_members_household_idx` ON `cooperative_members` (`household_id`);--> statement-breakpoint
CREATE INDEX `cooperative_members_village_code_idx` ON `cooperative_members` (`village_code`);--> statement-breakpoint
CREATE TABLE `farmer_trainings` (
	`id` text PRIMARY KEY NOT NULL,
	`resident_id` text NOT NULL,
	`village_code` text NOT NULL,
	`type` text NOT NULL,
	`course` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`hours` integer NOT NULL,
	`certified` integer NOT NULL,
	CONSTRAINT "farmer_trainings_code_is_12_digits" CHECK(length("farmer_trainings"."village_code") = 12 AND "farmer_trainings"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "farmer_trainings_type_valid" CHECK("farmer_trainings"."type" IN ('BUSINESS_MANAGEMENT','PRODUCTION','SKILL_SERVICE','INDUSTRY_LEADER')),
	CONSTRAINT "farmer_trainings_dates" CHECK("farmer_trainings"."start_date" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "farmer_trainings"."end_date" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "farmer_trainings"."start_date" <= "farmer_trainings"."end_date"),
	CONSTRAINT "farmer_trainings_hours" CHECK("farmer_trainings"."hours" > 0)
);
--> statement-breakpoint
CREATE INDEX `farmer_trainings_village_code_idx` ON `farmer_trainings` (`village_code`,`id`);--> statement-breakpoint
CREATE INDEX `farmer_trainings_resident_idx` ON `farmer_trainings` (`resident_id`);--> statement-breakpoint
CREATE INDEX `farmer_trainings_start_date_idx` ON `farmer_trainings` (`start_date`);--> statement-breakpoint
CREATE TABLE `household_incomes` (
	`household_id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`person_count` integer NOT NULL,
	`per_capita_income_2022` real NOT NULL,
	`per_capita_income_2021` real NOT NULL,
	CONSTRAINT "household_incomes_code_is_12_digits" CHECK(length("household_incomes"."village_code") = 12 AND "household_incomes"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "household_incomes_persons" CHECK("household_incomes"."person_count" >= 1),
	CONSTRAINT "household_incomes_non_negative" CHECK("household_incomes"."per_capita_income_2022" >= 0 AND "household_incomes"."per_capita_income_2021" >= 0)
);
--> statement-breakpoint
CREATE INDEX `household_incomes_village_code_idx` ON `household_incomes` (`village_code`);--> statement-breakpoint
CREATE TABLE `land_contract_members` (
	`contract_number` text NOT NULL,
	`resident_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`contract_number`, `resident_id`),
	FOREIGN KEY (`contract_number`) REFERENCES `land_contracts`(`contract_number`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "land_contract_members_position" CHECK("land_contract_members"."position" >= 1)
);
--> statement-breakpoint
CREATE INDEX `land_contract_members_resident_idx` ON `land_contract_members` (`resident_id`);--> statement-breakpoint
CREATE TABLE `land_contracts` (
	`contract_number` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`household_id` text NOT NULL,
	`issuer` text NOT NULL,
	`group_number` integer NOT NULL,
	`term_start` text NOT NULL,
	`term_end` text NOT NULL,
	`total_area_mu` real NOT NULL,
	CONSTRAINT "land_contracts_code_is_12_digits" CHECK(length("land_contracts"."village_code") = 12 AND "land_contracts"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "land_contracts_number_in_village" CHECK(substr("land_contracts"."contract_number", 1, 12) = "land_contracts"."village_code" AND "land_contracts"."contract_number" GLOB '*J'),
	CONSTRAINT "land_contracts_term" CHECK("land_contracts"."term_start" < "land_contracts"."term_end"),
	CONSTRAINT "land_contracts_term_dates" CHECK("land_contracts"."term_start" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "land_contracts"."term_end" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "land_contracts_area" CHECK("land_contracts"."total_area_mu" > 0),
	CONSTRAINT "land_contracts_group" CHECK("land_contracts"."group_number" BETWEEN 1 AND 99)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `land_contracts_household_idx` ON `land_contracts` (`household_id`);--> statement-breakpoint
CREATE INDEX `land_contracts_village_code_idx` ON `land_contracts` (`village_code`,`contract_number`);--> statement-breakpoint
CREATE TABLE `model_cooperative_ratings` (
	`cooperative_id` text NOT NULL,
	`level` text NOT NULL,
	`rated_year` integer NOT NULL,
	PRIMARY KEY(`cooperative_id`, `level`),
	FOREIGN KEY (`cooperative_id`) REFERENCES `cooperatives`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "model_cooperative_ratings_level_valid" CHECK("model_cooperative_ratings"."level" IN ('NATIONAL','PROVINCIAL','CITY','COUNTY')),
	CONSTRAINT "model_cooperative_ratings_year" CHECK("model_cooperative_ratings"."rated_year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE `plots` (
	`contract_number` text NOT NULL,
	`plot_serial` integer NOT NULL,
	`name` text NOT NULL,
	`area_mu` real NOT NULL,
	`land_use` text NOT NULL,
	`is_basic_farmland` integer NOT NULL,
	FOREIGN KEY (`contract_number`) REFERENCES `land_contracts`(`contract_number`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "plots_area" CHECK("plots"."area_mu" > 0),
	CONSTRAINT "plots_land_use_valid" CHECK("plots"."land_use" IN ('DRY_LAND','PADDY_FIELD','IRRIGATED_LAND')),
	CONSTRAINT "plots_serial" CHECK("plots"."plot_serial" BETWEEN 1 AND 99999)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plots_contract_serial_idx` ON `plots` (`contract_number`,`plot_serial`);--> statement-breakpoint
CREATE TABLE `poverty_monitoring` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`village_code` text NOT NULL,
	`grid_code` text NOT NULL,
	`type` text NOT NULL,
	`main_risk` text NOT NULL,
	`since` text NOT NULL,
	`person_count` integer NOT NULL,
	CONSTRAINT "poverty_monitoring_code_is_12_digits" CHECK(length("poverty_monitoring"."village_code") = 12 AND "poverty_monitoring"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "poverty_monitoring_grid_in_village" CHECK(length("poverty_monitoring"."grid_code") = 15 AND substr("poverty_monitoring"."grid_code", 1, 12) = "poverty_monitoring"."village_code"),
	CONSTRAINT "poverty_monitoring_type_valid" CHECK("poverty_monitoring"."type" IN ('UNSTABLE_LIFTED_OUT','MARGINAL_PRONE','SUDDEN_HARDSHIP')),
	CONSTRAINT "poverty_monitoring_risk_valid" CHECK("poverty_monitoring"."main_risk" IN ('ILLNESS','DISABILITY','EDUCATION','ACCIDENT','UNEMPLOYMENT','NATURAL_DISASTER','OTHER')),
	CONSTRAINT "poverty_monitoring_since_date" CHECK("poverty_monitoring"."since" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "poverty_monitoring_persons" CHECK("poverty_monitoring"."person_count" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `poverty_monitoring_household_idx` ON `poverty_monitoring` (`household_id`);--> statement-breakpoint
CREATE INDEX `poverty_monitoring_village_code_idx` ON `poverty_monitoring` (`village_code`,`id`);--> statement-breakpoint
CREATE INDEX `poverty_monitoring_grid_code_idx` ON `poverty_monitoring` (`grid_code`);--> statement-breakpoint
CREATE TABLE `region_statistics` (
	`region_code` text PRIMARY KEY NOT NULL,
	`village_count` integer NOT NULL,
	`household_count` integer NOT NULL,
	`person_count` integer NOT NULL,
	`income_person_sum_2022` real NOT NULL,
	`income_person_sum_2021` real NOT NULL,
	`cultivated_area_mu` real NOT NULL,
	`grain_sown_area_mu` real NOT NULL,
	`rice_fish_area_mu` real NOT NULL,
	`greenhouse_area_mu` real NOT NULL,
	`land_contract_count` integer NOT NULL,
	`contracted_area_mu` real NOT NULL,
	`plot_count` integer NOT NULL,
	`certificate_member_count` integer NOT NULL,
	`cooperative_count` integer NOT NULL,
	`model_cooperative_count` integer NOT NULL,
	`cooperative_member_count` integer NOT NULL,
	`cooperative_member_household_count` integer NOT NULL,
	`farmer_training_count` integer NOT NULL,
	`poverty_monitored_household_count` integer NOT NULL,
	`poverty_monitored_person_count` integer NOT NULL,
	`toilet_renovations_planned_2023` integer NOT NULL,
	`toilet_renovations_completed` integer NOT NULL,
	`toilet_record_count` integer NOT NULL,
	`collective_economy_income` real NOT NULL,
	`collective_assets_value` real NOT NULL,
	`villages_with_collective_income_over_100k` integer NOT NULL,
	CONSTRAINT "region_statistics_code_is_12_digits" CHECK(length("region_statistics"."region_code") = 12 AND "region_statistics"."region_code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE TABLE `toilet_renovations` (
	`household_id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`status` text NOT NULL,
	`technology` text,
	`completed_year` integer,
	`planned_year` integer,
	CONSTRAINT "toilet_renovations_code_is_12_digits" CHECK(length("toilet_renovations"."village_code") = 12 AND "toilet_renovations"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "toilet_renovations_status_valid" CHECK("toilet_renovations"."status" IN ('COMPLETED','PLANNED','NOT_PLANNED')),
	CONSTRAINT "toilet_renovations_technology_valid" CHECK("toilet_renovations"."technology" IS NULL OR "toilet_renovations"."technology" IN ('THREE_COMPARTMENT_SEPTIC','DOUBLE_URN','SEWER_CONNECTED','BIOGAS')),
	CONSTRAINT "toilet_renovations_consistent" CHECK(("toilet_renovations"."status" = 'COMPLETED' AND "toilet_renovations"."completed_year" IS NOT NULL AND "toilet_renovations"."planned_year" IS NULL AND "toilet_renovations"."technology" IS NOT NULL)
       OR ("toilet_renovations"."status" = 'PLANNED' AND "toilet_renovations"."completed_year" IS NULL AND "toilet_renovations"."planned_year" IS NOT NULL AND "toilet_renovations"."technology" IS NOT NULL)
       OR ("toilet_renovations"."status" = 'NOT_PLANNED' AND "toilet_renovations"."completed_year" IS NULL AND "toilet_renovations"."planned_year" IS NULL AND "toilet_renovations"."technology" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `toilet_renovations_village_code_idx` ON `toilet_renovations` (`village_code`,`status`);--> statement-breakpoint
CREATE TABLE `village_agriculture` (
	`village_code` text PRIMARY KEY NOT NULL,
	`cultivated_area_mu` real NOT NULL,
	`grain_sown_area_mu` real NOT NULL,
	`rice_fish_area_mu` real NOT NULL,
	`greenhouse_area_mu` real NOT NULL,
	`collective_funds` real NOT NULL,
	`collective_fixed_assets` real NOT NULL,
	`collective_resource_area_mu` real NOT NULL,
	CONSTRAINT "village_agriculture_code_is_12_digits" CHECK(length("village_agriculture"."village_code") = 12 AND "village_agriculture"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "village_agriculture_areas" CHECK("village_agriculture"."cultivated_area_mu" >= 0 AND "village_agriculture"."grain_sown_area_mu" >= 0 AND "village_agriculture"."rice_fish_area_mu" >= 0 AND "village_agriculture"."greenhouse_area_mu" >= 0
       AND "village_agriculture"."rice_fish_area_mu" <= "village_agriculture"."cultivated_area_mu"),
	CONSTRAINT "village_agriculture_assets" CHECK("village_agriculture"."collective_funds" >= 0 AND "village_agriculture"."collective_fixed_assets" >= 0 AND "village_agriculture"."collective_resource_area_mu" >= 0)
);
--> statement-breakpoint
ALTER TABLE `cooperatives` ADD `registered_on` text;