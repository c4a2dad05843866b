CREATE TABLE `community_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`resident_id` text NOT NULL,
	`household_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	CONSTRAINT "community_corrections_village_code" CHECK(length("community_corrections"."village_code") = 12 AND "community_corrections"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "community_corrections_id_prefix" CHECK(substr("community_corrections"."id", 1, 12) = "community_corrections"."village_code"),
	CONSTRAINT "community_corrections_type_valid" CHECK("community_corrections"."type" IN ('CONTROL', 'PROBATION', 'PAROLE', 'TEMPORARY_SERVICE_OUTSIDE_PRISON')),
	CONSTRAINT "community_corrections_status_valid" CHECK("community_corrections"."status" IN ('ACTIVE', 'COMPLETED', 'REVOKED')),
	CONSTRAINT "community_corrections_dates" CHECK("community_corrections"."starts_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "community_corrections"."ends_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "community_corrections"."ends_on" > "community_corrections"."starts_on")
);
--> statement-breakpoint
CREATE INDEX `community_corrections_village_code_idx` ON `community_corrections` (`village_code`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `community_corrections_resident_id_unique` ON `community_corrections` (`resident_id`);--> statement-breakpoint
CREATE INDEX `community_corrections_household_id_idx` ON `community_corrections` (`household_id`);--> statement-breakpoint
CREATE TABLE `dispute_parties` (
	`dispute_id` text NOT NULL,
	`resident_id` text NOT NULL,
	`household_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`dispute_id`, `resident_id`),
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dispute_parties_role_valid" CHECK("dispute_parties"."role" IN ('APPLICANT', 'RESPONDENT'))
);
--> statement-breakpoint
CREATE INDEX `dispute_parties_resident_id_idx` ON `dispute_parties` (`resident_id`,`dispute_id`);--> statement-breakpoint
CREATE INDEX `dispute_parties_household_id_idx` ON `dispute_parties` (`household_id`,`dispute_id`);--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`grid_code` text NOT NULL,
	`type` text NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`received_on` text NOT NULL,
	`mediator_id` text,
	`summary` text NOT NULL,
	`closed_on` text,
	`agreement_text` text,
	`agreement_amount_yuan` integer,
	`referred_to` text,
	`followed_up_on` text,
	`follow_up_outcome` text,
	FOREIGN KEY (`mediator_id`) REFERENCES `mediators`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "disputes_village_code" CHECK(length("disputes"."village_code") = 12 AND "disputes"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "disputes_id_is_case_number" CHECK("disputes"."id" GLOB ("disputes"."village_code" || '-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]*')),
	CONSTRAINT "disputes_grid_in_village" CHECK(length("disputes"."grid_code") = 15 AND substr("disputes"."grid_code", 1, 12) = "disputes"."village_code"),
	CONSTRAINT "disputes_type_valid" CHECK("disputes"."type" IN ('MARRIAGE_FAMILY', 'NEIGHBOUR', 'HOUSING_HOMESTEAD', 'LAND_CONTRACT', 'CONTRACT', 'DAMAGES', 'LABOUR', 'OTHER')),
	CONSTRAINT "disputes_source_valid" CHECK("disputes"."source" IN ('PARTY_APPLICATION', 'PROACTIVE_SCREENING', 'REFERRED_BY_AGENCY', 'COURT_ENTRUSTED')),
	CONSTRAINT "disputes_status_valid" CHECK("disputes"."status" IN ('RECEIVED', 'MEDIATING', 'RESOLVED', 'FAILED', 'REFERRED')),
	CONSTRAINT "disputes_received_on" CHECK("disputes"."received_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "disputes"."received_on" BETWEEN '2020-01-01' AND '2022-12-31'),
	CONSTRAINT "disputes_mediator_once_mediating" CHECK("disputes"."status" = 'RECEIVED' OR "disputes"."mediator_id" IS NOT NULL),
	CONSTRAINT "disputes_closed_iff_not_open" CHECK(("disputes"."closed_on" IS NULL) = ("disputes"."status" IN ('RECEIVED', 'MEDIATING'))),
	CONSTRAINT "disputes_closed_after_received" CHECK("disputes"."closed_on" IS NULL OR ("disputes"."closed_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "disputes"."closed_on" >= "disputes"."received_on")),
	CONSTRAINT "disputes_agreement_iff_resolved" CHECK(("disputes"."agreement_text" IS NOT NULL) = ("disputes"."status" = 'RESOLVED')),
	CONSTRAINT "disputes_amount_with_agreement" CHECK("disputes"."agreement_amount_yuan" IS NULL OR ("disputes"."agreement_text" IS NOT NULL AND "disputes"."agreement_amount_yuan" >= 0)),
	CONSTRAINT "disputes_referral_iff_referred" CHECK(("disputes"."referred_to" IS NOT NULL) = ("disputes"."status" = 'REFERRED')),
	CONSTRAINT "disputes_referral_target_valid" CHECK("disputes"."referred_to" IS NULL OR "disputes"."referred_to" IN ('PEOPLES_COURT', 'PUBLIC_SECURITY', 'GOVERNMENT_DEPARTMENT', 'ARBITRATION')),
	CONSTRAINT "disputes_follow_up_complete" CHECK(("disputes"."followed_up_on" IS NULL) = ("disputes"."follow_up_outcome" IS NULL)),
	CONSTRAINT "disputes_follow_up_after_agreement" CHECK("disputes"."followed_up_on" IS NULL OR ("disputes"."status" = 'RESOLVED' AND "disputes"."followed_up_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "disputes"."followed_up_on" >= "disputes"."closed_on")),
	CONSTRAINT "disputes_follow_up_outcome_valid" CHECK("disputes"."follow_up_outcome" IS NULL OR "disputes"."follow_up_outcome" IN ('FULFILLED', 'PARTIALLY_FULFILLED', 'NOT_FULFILLED'))
);
--> statement-breakpoint
CREATE INDEX `disputes_village_code_idx` ON `disputes` (`village_code`,`id`);--> statement-breakpoint
CREATE INDEX `disputes_open_idx` ON `disputes` (`village_code`,`id`) WHERE status IN ('RECEIVED', 'MEDIATING');--> statement-breakpoint
CREATE INDEX `disputes_grid_code_idx` ON `disputes` (`grid_code`,`id`);--> statement-breakpoint
CREATE INDEX `disputes_mediator_id_idx` ON `disputes` (`mediator_id`);--> statement-breakpoint
CREATE TABLE `legal_advisers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`law_firm` text NOT NULL,
	`county_code` text NOT NULL,
	CONSTRAINT "legal_advisers_county_code" CHECK(length("legal_advisers"."county_code") = 12 AND "legal_advisers"."county_code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE INDEX `legal_advisers_county_code_idx` ON `legal_advisers` (`county_code`,`id`);--> statement-breakpoint
CREATE TABLE `legal_aid_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`township_code` text NOT NULL,
	`resident_id` text NOT NULL,
	`household_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`accepted_on` text NOT NULL,
	`closed_on` text,
	FOREIGN KEY (`township_code`) REFERENCES `legal_aid_contact_points`(`township_code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "legal_aid_cases_village_code" CHECK(length("legal_aid_cases"."village_code") = 12 AND "legal_aid_cases"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "legal_aid_cases_village_in_township" CHECK(substr("legal_aid_cases"."village_code", 1, 9) = substr("legal_aid_cases"."township_code", 1, 9)),
	CONSTRAINT "legal_aid_cases_id_prefix" CHECK(substr("legal_aid_cases"."id", 1, 12) = "legal_aid_cases"."village_code"),
	CONSTRAINT "legal_aid_cases_type_valid" CHECK("legal_aid_cases"."type" IN ('WAGE_ARREARS', 'MARRIAGE_FAMILY', 'SUPPORT_PAYMENTS', 'PERSONAL_INJURY', 'TRAFFIC_ACCIDENT', 'LAND_CONTRACT', 'CRIMINAL_DEFENCE', 'OTHER')),
	CONSTRAINT "legal_aid_cases_status_valid" CHECK("legal_aid_cases"."status" IN ('ACCEPTED', 'IN_PROGRESS', 'CLOSED')),
	CONSTRAINT "legal_aid_cases_accepted_on" CHECK("legal_aid_cases"."accepted_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "legal_aid_cases"."accepted_on" BETWEEN '2020-01-01' AND '2022-12-31'),
	CONSTRAINT "legal_aid_cases_closed_iff_closed" CHECK(("legal_aid_cases"."closed_on" IS NOT NULL) = ("legal_aid_cases"."status" = 'CLOSED')),
	CONSTRAINT "legal_aid_cases_closed_after_accepted" CHECK("legal_aid_cases"."closed_on" IS NULL OR ("legal_aid_cases"."closed_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "legal_aid_cases"."closed_on" >= "legal_aid_cases"."accepted_on"))
);
--> statement-breakpoint
CREATE INDEX `legal_aid_cases_village_code_idx` ON `legal_aid_cases` (`village_code`,`id`);--> statement-breakpoint
CREATE INDEX `legal_aid_cases_township_code_idx` ON `legal_aid_cases` (`township_code`);--> statement-breakpoint
CREATE INDEX `legal_aid_cases_resident_id_idx` ON `legal_aid_cases` (`resident_id`,`id`);--> statement-breakpoint
CREATE INDEX `legal_aid_cases_household_id_idx` ON `legal_aid_cases` (`household_id`);--> statement-breakpoint
CREATE TABLE `legal_aid_contact_points` (
	`township_code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`established_year` integer NOT NULL,
	CONSTRAINT "legal_aid_contact_points_township_code" CHECK(length("legal_aid_contact_points"."township_code") = 12 AND "legal_aid_contact_points"."township_code" NOT GLOB '*[^0-9]*' AND substr("legal_aid_contact_points"."township_code", 10, 3) = '000'),
	CONSTRAINT "legal_aid_contact_points_year" CHECK("legal_aid_contact_points"."established_year" BETWEEN 2000 AND 2022)
);
--> statement-breakpoint
CREATE TABLE `mediators` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`appointed_year` integer NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `mediation_committees`(`village_code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mediators_role_valid" CHECK("mediators"."role" IN ('CHAIR', 'MEMBER')),
	CONSTRAINT "mediators_appointed_year" CHECK("mediators"."appointed_year" BETWEEN 1980 AND 2022)
);
--> statement-breakpoint
CREATE INDEX `mediators_village_code_idx` ON `mediators` (`village_code`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `mediators_one_chair_per_committee` ON `mediators` (`village_code`) WHERE role = 'CHAIR';--> statement-breakpoint
CREATE TABLE `post_release_placements` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`resident_id` text NOT NULL,
	`household_id` text NOT NULL,
	`released_on` text NOT NULL,
	`assistance_ends_on` text NOT NULL,
	`placement_status` text NOT NULL,
	CONSTRAINT "post_release_placements_village_code" CHECK(length("post_release_placements"."village_code") = 12 AND "post_release_placements"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "post_release_placements_id_prefix" CHECK(substr("post_release_placements"."id", 1, 12) = "post_release_placements"."village_code"),
	CONSTRAINT "post_release_placements_status_valid" CHECK("post_release_placements"."placement_status" IN ('PLACED', 'PENDING', 'LOST_CONTACT')),
	CONSTRAINT "post_release_placements_dates" CHECK("post_release_placements"."released_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "post_release_placements"."assistance_ends_on" GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND "post_release_placements"."assistance_ends_on" > "post_release_placements"."released_on")
);
--> statement-breakpoint
CREATE INDEX `post_release_placements_village_code_idx` ON `post_release_placements` (`village_code`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `post_release_placements_resident_id_unique` ON `post_release_placements` (`resident_id`);--> statement-breakpoint
CREATE INDEX `post_release_placements_household_id_idx` ON `post_release_placements` (`household_id`);--> statement-breakpoint
CREATE TABLE `region_statistics` (
	`region_code` text PRIMARY KEY NOT NULL,
	`villages_with_mediation_committee` integer NOT NULL,
	`mediator_count` integer NOT NULL,
	`dispute_count` integer NOT NULL,
	`open_dispute_count` integer NOT NULL,
	`resolved_dispute_count` integer NOT NULL,
	`failed_dispute_count` integer NOT NULL,
	`referred_dispute_count` integer NOT NULL,
	`marriage_family_dispute_count` integer NOT NULL,
	`neighbour_dispute_count` integer NOT NULL,
	`housing_homestead_dispute_count` integer NOT NULL,
	`land_contract_dispute_count` integer NOT NULL,
	`contract_dispute_count` integer NOT NULL,
	`damages_dispute_count` integer NOT NULL,
	`labour_dispute_count` integer NOT NULL,
	`other_dispute_count` integer NOT NULL,
	`followed_up_dispute_count` integer NOT NULL,
	`agreement_amount_yuan` real NOT NULL,
	`villages_with_legal_adviser` integer NOT NULL,
	`legal_aid_contact_point_count` integer NOT NULL,
	`legal_aid_case_count` integer NOT NULL,
	`community_correction_count` integer NOT NULL,
	`active_community_correction_count` integer NOT NULL,
	`post_release_placement_count` integer NOT NULL,
	`placed_post_release_count` integer NOT NULL,
	`rule_of_law_model_village_count` integer NOT NULL,
	`national_rule_of_law_model_village_count` integer NOT NULL,
	`provincial_rule_of_law_model_village_count` integer NOT NULL,
	`municipal_rule_of_law_model_village_count` integer NOT NULL,
	CONSTRAINT "region_statistics_region_code" CHECK(length("region_statistics"."region_code") = 12 AND "region_statistics"."region_code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE TABLE `rule_of_law_model_villages` (
	`village_code` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`year` integer NOT NULL,
	CONSTRAINT "rule_of_law_model_villages_village_code" CHECK(length("rule_of_law_model_villages"."village_code") = 12 AND "rule_of_law_model_villages"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "rule_of_law_model_villages_level_valid" CHECK("rule_of_law_model_villages"."level" IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL')),
	CONSTRAINT "rule_of_law_model_villages_year" CHECK("rule_of_law_model_villages"."year" BETWEEN 2003 AND 2022)
);
--> statement-breakpoint
CREATE TABLE `village_legal_advisers` (
	`village_code` text PRIMARY KEY NOT NULL,
	`adviser_id` text NOT NULL,
	`contracted_year` integer NOT NULL,
	FOREIGN KEY (`adviser_id`) REFERENCES `legal_advisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "village_legal_advisers_village_code" CHECK(length("village_legal_advisers"."village_code") = 12 AND "village_legal_advisers"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "village_legal_advisers_year" CHECK("village_legal_advisers"."contracted_year" BETWEEN 2014 AND 2022)
);
--> statement-breakpoint
CREATE INDEX `village_legal_advisers_adviser_id_idx` ON `village_legal_advisers` (`adviser_id`,`village_code`);