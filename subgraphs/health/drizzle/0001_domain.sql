CREATE TABLE `chronic_conditions` (
	`resident_id` text NOT NULL,
	`condition` text NOT NULL,
	`village_code` text NOT NULL,
	`diagnosed_year` integer NOT NULL,
	PRIMARY KEY(`resident_id`, `condition`),
	FOREIGN KEY (`resident_id`) REFERENCES `health_records`(`resident_id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "chronic_conditions_code_is_12_digits" CHECK(length("chronic_conditions"."village_code") = 12 AND "chronic_conditions"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "chronic_conditions_condition_valid" CHECK("chronic_conditions"."condition" IN ('HYPERTENSION','TYPE2_DIABETES','CORONARY_HEART_DISEASE','STROKE','COPD')),
	CONSTRAINT "chronic_conditions_diagnosed_year" CHECK("chronic_conditions"."diagnosed_year" BETWEEN 1950 AND 2100)
);
--> statement-breakpoint
CREATE INDEX `chronic_conditions_village_code_idx` ON `chronic_conditions` (`village_code`,`resident_id`,`condition`);--> statement-breakpoint
CREATE TABLE `chronic_follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` text NOT NULL,
	`condition` text NOT NULL,
	`visited_on` text NOT NULL,
	`method` text NOT NULL,
	`doctor_id` text,
	`systolic_pressure` integer,
	`diastolic_pressure` integer,
	`fasting_glucose` real,
	FOREIGN KEY (`doctor_id`) REFERENCES `village_doctors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`,`condition`) REFERENCES `chronic_conditions`(`resident_id`,`condition`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "chronic_follow_ups_condition_valid" CHECK("chronic_follow_ups"."condition" IN ('HYPERTENSION','TYPE2_DIABETES')),
	CONSTRAINT "chronic_follow_ups_visited_on" CHECK(date("chronic_follow_ups"."visited_on") IS "chronic_follow_ups"."visited_on"),
	CONSTRAINT "chronic_follow_ups_method_valid" CHECK("chronic_follow_ups"."method" IN ('CLINIC','HOME')),
	CONSTRAINT "chronic_follow_ups_blood_pressure" CHECK(("chronic_follow_ups"."systolic_pressure" IS NULL AND "chronic_follow_ups"."diastolic_pressure" IS NULL) OR ("chronic_follow_ups"."systolic_pressure" BETWEEN 60 AND 260 AND "chronic_follow_ups"."diastolic_pressure" BETWEEN 30 AND 160 AND "chronic_follow_ups"."diastolic_pressure" < "chronic_follow_ups"."systolic_pressure")),
	CONSTRAINT "chronic_follow_ups_glucose" CHECK("chronic_follow_ups"."fasting_glucose" IS NULL OR "chronic_follow_ups"."fasting_glucose" BETWEEN 1 AND 35),
	CONSTRAINT "chronic_follow_ups_hypertension_measured" CHECK("chronic_follow_ups"."condition" <> 'HYPERTENSION' OR "chronic_follow_ups"."systolic_pressure" IS NOT NULL),
	CONSTRAINT "chronic_follow_ups_diabetes_measured" CHECK("chronic_follow_ups"."condition" <> 'TYPE2_DIABETES' OR "chronic_follow_ups"."fasting_glucose" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `chronic_follow_ups_resident_idx` ON `chronic_follow_ups` (`resident_id`,`condition`,`visited_on`);--> statement-breakpoint
CREATE INDEX `chronic_follow_ups_doctor_id_idx` ON `chronic_follow_ups` (`doctor_id`);--> statement-breakpoint
CREATE TABLE `elderly_care` (
	`resident_id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`village_code` text NOT NULL,
	`dependency_level` text NOT NULL,
	`last_check_on` text,
	FOREIGN KEY (`resident_id`) REFERENCES `health_records`(`resident_id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "elderly_care_code_is_12_digits" CHECK(length("elderly_care"."village_code") = 12 AND "elderly_care"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "elderly_care_dependency_level_valid" CHECK("elderly_care"."dependency_level" IN ('INDEPENDENT','PARTIALLY_DEPENDENT','FULLY_DEPENDENT')),
	CONSTRAINT "elderly_care_last_check_on" CHECK("elderly_care"."last_check_on" IS NULL OR date("elderly_care"."last_check_on") IS "elderly_care"."last_check_on")
);
--> statement-breakpoint
CREATE INDEX `elderly_care_village_code_idx` ON `elderly_care` (`village_code`,`resident_id`,`last_check_on`,`dependency_level`);--> statement-breakpoint
CREATE TABLE `family_doctor_contracts` (
	`resident_id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`village_code` text NOT NULL,
	`team_id` text NOT NULL,
	`doctor_id` text,
	`signed_on` text NOT NULL,
	`key_population` integer NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `health_records`(`resident_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `family_doctor_teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`doctor_id`) REFERENCES `village_doctors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "family_doctor_contracts_code_is_12_digits" CHECK(length("family_doctor_contracts"."village_code") = 12 AND "family_doctor_contracts"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "family_doctor_contracts_signed_on" CHECK(date("family_doctor_contracts"."signed_on") IS "family_doctor_contracts"."signed_on")
);
--> statement-breakpoint
CREATE INDEX `family_doctor_contracts_village_code_idx` ON `family_doctor_contracts` (`village_code`,`resident_id`,`signed_on`,`key_population`);--> statement-breakpoint
CREATE INDEX `family_doctor_contracts_household_id_idx` ON `family_doctor_contracts` (`household_id`);--> statement-breakpoint
CREATE INDEX `family_doctor_contracts_team_id_idx` ON `family_doctor_contracts` (`team_id`);--> statement-breakpoint
CREATE INDEX `family_doctor_contracts_doctor_id_idx` ON `family_doctor_contracts` (`doctor_id`);--> statement-breakpoint
CREATE TABLE `family_doctor_teams` (
	`id` text PRIMARY KEY NOT NULL,
	`township_code` text NOT NULL,
	`name` text NOT NULL,
	`member_count` integer NOT NULL,
	CONSTRAINT "family_doctor_teams_township_code" CHECK(length("family_doctor_teams"."township_code") = 12 AND "family_doctor_teams"."township_code" NOT GLOB '*[^0-9]*' AND "family_doctor_teams"."township_code" GLOB '*000'),
	CONSTRAINT "family_doctor_teams_members" CHECK("family_doctor_teams"."member_count" BETWEEN 2 AND 12)
);
--> statement-breakpoint
CREATE INDEX `family_doctor_teams_township_code_idx` ON `family_doctor_teams` (`township_code`,`id`);--> statement-breakpoint
CREATE TABLE `health_records` (
	`resident_id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`village_code` text NOT NULL,
	`established_on` text NOT NULL,
	`blood_type` text NOT NULL,
	`allergies` text DEFAULT '[]' NOT NULL,
	CONSTRAINT "health_records_code_is_12_digits" CHECK(length("health_records"."village_code") = 12 AND "health_records"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "health_records_established_on" CHECK(date("health_records"."established_on") IS "health_records"."established_on"),
	CONSTRAINT "health_records_blood_type_valid" CHECK("health_records"."blood_type" IN ('A','B','AB','O','UNKNOWN')),
	CONSTRAINT "health_records_allergies_array" CHECK(json_valid("health_records"."allergies") AND json_type("health_records"."allergies") = 'array')
);
--> statement-breakpoint
CREATE INDEX `health_records_village_code_idx` ON `health_records` (`village_code`,`resident_id`);--> statement-breakpoint
CREATE INDEX `health_records_household_id_idx` ON `health_records` (`household_id`);--> statement-breakpoint
CREATE TABLE `mental_health_patients` (
	`resident_id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`village_code` text NOT NULL,
	`diagnosis` text NOT NULL,
	`risk_grade` integer NOT NULL,
	`registered_on` text NOT NULL,
	`last_visit_on` text,
	`next_visit_due` text NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `health_records`(`resident_id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mental_health_patients_code_is_12_digits" CHECK(length("mental_health_patients"."village_code") = 12 AND "mental_health_patients"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "mental_health_patients_diagnosis_valid" CHECK("mental_health_patients"."diagnosis" IN ('SCHIZOPHRENIA','BIPOLAR','SCHIZOAFFECTIVE','PARANOID_PSYCHOSIS','EPILEPTIC_PSYCHOSIS','INTELLECTUAL_DISABILITY_PSYCHOSIS')),
	CONSTRAINT "mental_health_patients_risk_grade" CHECK("mental_health_patients"."risk_grade" BETWEEN 0 AND 5),
	CONSTRAINT "mental_health_patients_registered_on" CHECK(date("mental_health_patients"."registered_on") IS "mental_health_patients"."registered_on"),
	CONSTRAINT "mental_health_patients_last_visit_on" CHECK("mental_health_patients"."last_visit_on" IS NULL OR (date("mental_health_patients"."last_visit_on") IS "mental_health_patients"."last_visit_on" AND "mental_health_patients"."last_visit_on" >= "mental_health_patients"."registered_on")),
	CONSTRAINT "mental_health_patients_next_visit_due" CHECK(date("mental_health_patients"."next_visit_due") IS "mental_health_patients"."next_visit_due" AND "mental_health_patients"."next_visit_due" > coalesce("mental_health_patients"."last_visit_on", "mental_health_patients"."registered_on"))
);
--> statement-breakpoint
CREATE INDEX `mental_health_patients_village_code_idx` ON `mental_health_patients` (`village_code`,`resident_id`);--> statement-breakpoint
CREATE TABLE `public_health_committees` (
	`village_code` text PRIMARY KEY NOT NULL,
	`established_on` text NOT NULL,
	`member_count` integer NOT NULL,
	`village_doctor_is_member` integer NOT NULL,
	CONSTRAINT "public_health_committees_code_is_12_digits" CHECK(length("public_health_committees"."village_code") = 12 AND "public_health_committees"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "public_health_committees_established_on" CHECK(date("public_health_committees"."established_on") IS "public_health_committees"."established_on"),
	CONSTRAINT "public_health_committees_members" CHECK("public_health_committees"."member_count" BETWEEN 3 AND 9)
);
--> statement-breakpoint
CREATE TABLE `region_statistics` (
	`region_code` text PRIMARY KEY NOT NULL,
	`clinic_count` integer DEFAULT 0 NOT NULL,
	`standardized_clinic_count` integer DEFAULT 0 NOT NULL,
	`clinic_area_square_meters` real DEFAULT 0 NOT NULL,
	`village_doctor_count` integer DEFAULT 0 NOT NULL,
	`licensed_doctor_count` integer DEFAULT 0 NOT NULL,
	`family_doctor_team_count` integer DEFAULT 0 NOT NULL,
	`health_record_count` integer DEFAULT 0 NOT NULL,
	`hypertension_patient_count` integer DEFAULT 0 NOT NULL,
	`diabetes_patient_count` integer DEFAULT 0 NOT NULL,
	`chronic_patient_count` integer DEFAULT 0 NOT NULL,
	`chronic_follow_up_visit_count` integer DEFAULT 0 NOT NULL,
	`chronic_follow_up_compliant_count` integer DEFAULT 0 NOT NULL,
	`severe_mental_disorder_patient_count` integer DEFAULT 0 NOT NULL,
	`mental_health_high_risk_count` integer DEFAULT 0 NOT NULL,
	`key_population_count` integer DEFAULT 0 NOT NULL,
	`family_doctor_contract_count` integer DEFAULT 0 NOT NULL,
	`key_population_contract_count` integer DEFAULT 0 NOT NULL,
	`elderly_65_plus_count` integer DEFAULT 0 NOT NULL,
	`elderly_checked_in_2022_count` integer DEFAULT 0 NOT NULL,
	`fully_dependent_elderly_count` integer DEFAULT 0 NOT NULL,
	`partially_dependent_elderly_count` integer DEFAULT 0 NOT NULL,
	`villages_with_public_health_committee` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "region_statistics_code_is_12_digits" CHECK(length("region_statistics"."region_code") = 12 AND "region_statistics"."region_code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE TABLE `village_doctors` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`age` integer NOT NULL,
	`qualification` text NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `village_clinics`(`village_code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "village_doctors_code_is_12_digits" CHECK(length("village_doctors"."village_code") = 12 AND "village_doctors"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "village_doctors_sex_valid" CHECK("village_doctors"."sex" IN ('MALE','FEMALE')),
	CONSTRAINT "village_doctors_age_range" CHECK("village_doctors"."age" BETWEEN 18 AND 85),
	CONSTRAINT "village_doctors_qualification_valid" CHECK("village_doctors"."qualification" IN ('RURAL_DOCTOR_CERTIFICATE','ASSISTANT_PHYSICIAN','PHYSICIAN'))
);
--> statement-breakpoint
CREATE INDEX `village_doctors_village_code_idx` ON `village_doctors` (`village_code`,`id`);