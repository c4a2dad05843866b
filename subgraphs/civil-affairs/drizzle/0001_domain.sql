CREATE TABLE `child_directors` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`concurrently_committee_member` integer NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "child_directors_sex_valid" CHECK("child_directors"."sex" IN ('MALE','FEMALE')),
	CONSTRAINT "child_directors_flag" CHECK("child_directors"."concurrently_committee_member" IN (0, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `child_directors_village_code_uq` ON `child_directors` (`village_code`);--> statement-breakpoint
CREATE TABLE `child_supervisors` (
	`id` text PRIMARY KEY NOT NULL,
	`township_code` text NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	FOREIGN KEY (`township_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "child_supervisors_sex_valid" CHECK("child_supervisors"."sex" IN ('MALE','FEMALE'))
);
--> statement-breakpoint
CREATE INDEX `child_supervisors_township_code_idx` ON `child_supervisors` (`township_code`,`id`);--> statement-breakpoint
CREATE TABLE `committee_members` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`role` text NOT NULL,
	`age` integer NOT NULL,
	`education` text NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "committee_members_role_valid" CHECK("committee_members"."role" IN ('SECRETARY_AND_DIRECTOR','DIRECTOR','DEPUTY_DIRECTOR','MEMBER')),
	CONSTRAINT "committee_members_sex_valid" CHECK("committee_members"."sex" IN ('MALE','FEMALE')),
	CONSTRAINT "committee_members_education_valid" CHECK("committee_members"."education" IN ('PRIMARY_OR_BELOW','JUNIOR_SECONDARY','SENIOR_SECONDARY','COLLEGE','BACHELOR_OR_ABOVE')),
	CONSTRAINT "committee_members_age" CHECK("committee_members"."age" BETWEEN 18 AND 80)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `committee_members_village_ordinal_uq` ON `committee_members` (`village_code`,`ordinal`);--> statement-breakpoint
CREATE UNIQUE INDEX `committee_members_one_head_uq` ON `committee_members` (`village_code`) WHERE "committee_members"."role" IN ('SECRETARY_AND_DIRECTOR','DIRECTOR');--> statement-breakpoint
CREATE TABLE `deliberation_pilot_villages` (
	`village_code` text PRIMARY KEY NOT NULL,
	`designated_year` integer NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deliberation_pilot_villages_year" CHECK("deliberation_pilot_villages"."designated_year" BETWEEN 2015 AND 2022)
);
--> statement-breakpoint
CREATE TABLE `deliberations` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`held_on` text NOT NULL,
	`topic` text NOT NULL,
	`form` text NOT NULL,
	`subject` text NOT NULL,
	`participant_count` integer NOT NULL,
	`outcome` text NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deliberations_topic_valid" CHECK("deliberations"."topic" IN ('INFRASTRUCTURE','LAND','COLLECTIVE_ECONOMY','PUBLIC_SERVICES','ENVIRONMENT','SOCIAL_ASSISTANCE','OTHER')),
	CONSTRAINT "deliberations_form_valid" CHECK("deliberations"."form" IN ('VILLAGERS_ASSEMBLY','REPRESENTATIVES_MEETING','DELIBERATION_COUNCIL','HEARING')),
	CONSTRAINT "deliberations_outcome_valid" CHECK("deliberations"."outcome" IN ('AGREED','AGREED_WITH_CHANGES','DEFERRED','REJECTED')),
	CONSTRAINT "deliberations_held_on_iso" CHECK("deliberations"."held_on" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "deliberations_participants" CHECK("deliberations"."participant_count" >= 3)
);
--> statement-breakpoint
CREATE INDEX `deliberations_village_code_idx` ON `deliberations` (`village_code`,`id`);--> statement-breakpoint
CREATE TABLE `disclosures` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`published_on` text NOT NULL,
	`category` text NOT NULL,
	`channel` text NOT NULL,
	`title` text NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "disclosures_category_valid" CHECK("disclosures"."category" IN ('FINANCE','COLLECTIVE_ASSETS','PROJECTS','SOCIAL_ASSISTANCE','POLICIES','DECISIONS','OTHER')),
	CONSTRAINT "disclosures_channel_valid" CHECK("disclosures"."channel" IN ('NOTICE_BOARD','ONLINE','VILLAGERS_MEETING')),
	CONSTRAINT "disclosures_published_on_iso" CHECK("disclosures"."published_on" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `disclosures_village_code_idx` ON `disclosures` (`village_code`,`id`);--> statement-breakpoint
CREATE TABLE `elderly_facilities` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`region_code` text NOT NULL,
	`township_code` text NOT NULL,
	`name` text NOT NULL,
	`capacity` integer NOT NULL,
	`opened_year` integer NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`township_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "elderly_facilities_type_valid" CHECK("elderly_facilities"."type" IN ('ELDERLY_COURTYARD','MUTUAL_AID_STATION','RURAL_WELFARE_CENTRE')),
	CONSTRAINT "elderly_facilities_owner_level" CHECK(("elderly_facilities"."type" = 'RURAL_WELFARE_CENTRE') = (substr("elderly_facilities"."region_code", 10, 3) = '000') AND substr("elderly_facilities"."region_code", 1, 9) || '000' = "elderly_facilities"."township_code"),
	CONSTRAINT "elderly_facilities_capacity" CHECK("elderly_facilities"."capacity" >= 1),
	CONSTRAINT "elderly_facilities_year" CHECK("elderly_facilities"."opened_year" BETWEEN 1980 AND 2022)
);
--> statement-breakpoint
CREATE INDEX `elderly_facilities_region_code_idx` ON `elderly_facilities` (`region_code`,`id`);--> statement-breakpoint
CREATE INDEX `elderly_facilities_township_code_idx` ON `elderly_facilities` (`township_code`,`type`,`id`);--> statement-breakpoint
CREATE TABLE `grid_workers` (
	`id` text PRIMARY KEY NOT NULL,
	`grid_code` text NOT NULL,
	`village_code` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	FOREIGN KEY (`grid_code`) REFERENCES `grids`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "grid_workers_role_valid" CHECK("grid_workers"."role" IN ('LEADER','WORKER')),
	CONSTRAINT "grid_workers_sex_valid" CHECK("grid_workers"."sex" IN ('MALE','FEMALE')),
	CONSTRAINT "grid_workers_village_matches_grid" CHECK(substr("grid_workers"."grid_code", 1, 12) = "grid_workers"."village_code")
);
--> statement-breakpoint
CREATE INDEX `grid_workers_grid_code_idx` ON `grid_workers` (`grid_code`,`role`,`id`);--> statement-breakpoint
CREATE INDEX `grid_workers_village_code_idx` ON `grid_workers` (`village_code`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `grid_workers_one_leader_uq` ON `grid_workers` (`grid_code`) WHERE "grid_workers"."role" = 'LEADER';--> statement-breakpoint
CREATE TABLE `grids` (
	`code` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`serial` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "grids_code_shape" CHECK(length("grids"."code") = 15 AND "grids"."code" NOT GLOB '*[^0-9]*' AND substr("grids"."code", 1, 12) = "grids"."village_code"),
	CONSTRAINT "grids_serial_matches_code" CHECK("grids"."serial" BETWEEN 1 AND 999 AND CAST(substr("grids"."code", 13, 3) AS INTEGER) = "grids"."serial")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grids_village_serial_uq` ON `grids` (`village_code`,`serial`);--> statement-breakpoint
CREATE INDEX `grids_village_code_idx` ON `grids` (`village_code`,`code`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`grid_code` text NOT NULL,
	`assistance` text,
	`member_count` integer NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`grid_code`) REFERENCES `grids`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "households_assistance_valid" CHECK("households"."assistance" IS NULL OR "households"."assistance" IN ('SUBSISTENCE_ALLOWANCE','EXTREME_POVERTY_DISPERSED','EXTREME_POVERTY_CENTRALIZED','LOW_INCOME_MARGINAL')),
	CONSTRAINT "households_member_count" CHECK("households"."member_count" >= 1),
	CONSTRAINT "households_village_matches_grid" CHECK(substr("households"."grid_code", 1, 12) = "households"."village_code")
);
--> statement-breakpoint
CREATE INDEX `households_village_code_idx` ON `households` (`village_code`,`id`);--> statement-breakpoint
CREATE INDEX `households_grid_code_idx` ON `households` (`grid_code`,`id`);--> statement-breakpoint
CREATE INDEX `households_assistance_idx` ON `households` (`assistance`,`village_code`) WHERE "households"."assistance" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `region_statistics` (
	`region_code` text PRIMARY KEY NOT NULL,
	`rural_village_count` integer NOT NULL,
	`township_count` integer NOT NULL,
	`household_count` integer NOT NULL,
	`resident_count` integer NOT NULL,
	`residents_aged_60_or_over` integer NOT NULL,
	`child_count` integer NOT NULL,
	`working_away_count` integer NOT NULL,
	`committee_member_count` integer NOT NULL,
	`committee_members_under_55` integer NOT NULL,
	`committee_member_age_sum` integer NOT NULL,
	`committee_members_with_college_education` integer NOT NULL,
	`committee_members_female` integer NOT NULL,
	`villages_with_all_four_subcommittees` integer NOT NULL,
	`villages_with_exactly_one_village_rule` integer NOT NULL,
	`grid_count` integer NOT NULL,
	`grid_worker_count` integer NOT NULL,
	`service_centre_count` integer NOT NULL,
	`service_centre_area_square_meters` integer NOT NULL,
	`villages_with_service_centre_of_200_square_meters` integer NOT NULL,
	`villages_meeting_service_area_norm` integer NOT NULL,
	`township_child_supervisor_count` integer NOT NULL,
	`village_child_director_count` integer NOT NULL,
	`social_work_station_count` integer NOT NULL,
	`left_behind_child_count` integer NOT NULL,
	`distressed_child_count` integer NOT NULL,
	`defacto_unsupported_child_count` integer NOT NULL,
	`left_behind_woman_count` integer NOT NULL,
	`left_behind_elderly_count` integer NOT NULL,
	`solitary_elderly_count` integer NOT NULL,
	`mutual_aid_station_count` integer NOT NULL,
	`elderly_courtyard_count` integer NOT NULL,
	`rural_welfare_centre_count` integer NOT NULL,
	`community_social_organisation_count` integer NOT NULL,
	`registered_volunteer_count` integer NOT NULL,
	`deliberation_pilot_village_count` integer NOT NULL,
	`disclosure_count` integer NOT NULL,
	`deliberation_count` integer NOT NULL,
	`subsistence_allowance_household_count` integer NOT NULL,
	`extreme_poverty_household_count` integer NOT NULL,
	`extreme_poverty_person_count` integer NOT NULL,
	`low_income_marginal_household_count` integer NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "region_statistics_code" CHECK(length("region_statistics"."region_code") = 12 AND "region_statistics"."region_code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE TABLE `resident_care_categories` (
	`resident_id` text NOT NULL,
	`category` text NOT NULL,
	`village_code` text NOT NULL,
	PRIMARY KEY(`resident_id`, `category`),
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "resident_care_categories_valid" CHECK("resident_care_categories"."category" IN ('LEFT_BEHIND_CHILD','DISTRESSED_CHILD','DEFACTO_UNSUPPORTED_CHILD','LEFT_BEHIND_WOMAN','LEFT_BEHIND_ELDERLY','SOLITARY_ELDERLY')),
	CONSTRAINT "resident_care_categories_village_code" CHECK(length("resident_care_categories"."village_code") = 12 AND "resident_care_categories"."village_code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE INDEX `resident_care_categories_village_code_idx` ON `resident_care_categories` (`category`,`village_code`,`resident_id`);--> statement-breakpoint
CREATE TABLE `residents` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`village_code` text NOT NULL,
	`grid_code` text NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`birth_date` text NOT NULL,
	`id_number` text NOT NULL,
	`ethnicity` text NOT NULL,
	`relation` text NOT NULL,
	`working_away` integer NOT NULL,
	`disabled` integer NOT NULL,
	`registered_volunteer` integer NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residents_sex_valid" CHECK("residents"."sex" IN ('MALE','FEMALE')),
	CONSTRAINT "residents_ethnicity_valid" CHECK("residents"."ethnicity" IN ('HAN','KOREAN','MANCHU','MONGOL','HUI','OTHER')),
	CONSTRAINT "residents_relation_valid" CHECK("residents"."relation" IN ('HEAD','SPOUSE','CHILD','CHILD_IN_LAW','GRANDCHILD','PARENT','SIBLING','OTHER')),
	CONSTRAINT "residents_birth_date_iso" CHECK("residents"."birth_date" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "residents_id_number_shape" CHECK(length("residents"."id_number") = 18 AND substr("residents"."id_number", 1, 17) NOT GLOB '*[^0-9]*'),
	CONSTRAINT "residents_flags" CHECK("residents"."working_away" IN (0, 1) AND "residents"."disabled" IN (0, 1) AND "residents"."registered_volunteer" IN (0, 1)),
	CONSTRAINT "residents_village_matches_grid" CHECK(substr("residents"."grid_code", 1, 12) = "residents"."village_code")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `residents_household_ordinal_uq` ON `residents` (`household_id`,`ordinal`);--> statement-breakpoint
CREATE UNIQUE INDEX `residents_id_number_uq` ON `residents` (`id_number`);--> statement-breakpoint
CREATE INDEX `residents_village_code_idx` ON `residents` (`village_code`,`id`);--> statement-breakpoint
CREATE INDEX `residents_grid_code_idx` ON `residents` (`grid_code`,`id`);--> statement-breakpoint
CREATE TABLE `service_centres` (
	`village_code` text PRIMARY KEY NOT NULL,
	`area_square_meters` integer NOT NULL,
	`built_year` integer NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_centres_area" CHECK("service_centres"."area_square_meters" > 0),
	CONSTRAINT "service_centres_year" CHECK("service_centres"."built_year" BETWEEN 1980 AND 2022)
);
--> statement-breakpoint
CREATE TABLE `social_organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`member_count` integer NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "social_organisations_type_valid" CHECK("social_organisations"."type" IN ('ELDERLY_ASSOCIATION','VOLUNTEER_SERVICE','CULTURE_AND_SPORTS','CHARITY','CUSTOMS_COUNCIL','MUTUAL_AID','OTHER')),
	CONSTRAINT "social_organisations_members" CHECK("social_organisations"."member_count" >= 3)
);
--> statement-breakpoint
CREATE INDEX `social_organisations_village_code_idx` ON `social_organisations` (`village_code`,`id`);--> statement-breakpoint
CREATE TABLE `social_work_stations` (
	`id` text PRIMARY KEY NOT NULL,
	`township_code` text NOT NULL,
	`name` text NOT NULL,
	`social_worker_count` integer NOT NULL,
	`opened_year` integer NOT NULL,
	FOREIGN KEY (`township_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "social_work_stations_workers" CHECK("social_work_stations"."social_worker_count" >= 1),
	CONSTRAINT "social_work_stations_year" CHECK("social_work_stations"."opened_year" BETWEEN 2000 AND 2022)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `social_work_stations_township_code_uq` ON `social_work_stations` (`township_code`);--> statement-breakpoint
CREATE TABLE `subcommittees` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`type` text NOT NULL,
	`chair_name` text NOT NULL,
	`member_count` integer NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subcommittees_type_valid" CHECK("subcommittees"."type" IN ('MEDIATION','PUBLIC_HEALTH','SECURITY','WOMEN_AND_CHILDREN')),
	CONSTRAINT "subcommittees_member_count" CHECK("subcommittees"."member_count" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subcommittees_village_type_uq` ON `subcommittees` (`village_code`,`type`);--> statement-breakpoint
CREATE TABLE `village_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`title` text NOT NULL,
	`adopted_on` text NOT NULL,
	`revised_on` text,
	`article_count` integer NOT NULL,
	`filed_with_township` integer NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "village_rules_dates" CHECK("village_rules"."adopted_on" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND ("village_rules"."revised_on" IS NULL OR ("village_rules"."revised_on" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "village_rules"."revised_on" >= "village_rules"."adopted_on"))),
	CONSTRAINT "village_rules_articles" CHECK("village_rules"."article_count" >= 1),
	CONSTRAINT "village_rules_filed" CHECK("village_rules"."filed_with_township" IN (0, 1))
);
--> statement-breakpoint
CREATE INDEX `village_rules_village_code_idx` ON `village_rules` (`village_code`,`id`);