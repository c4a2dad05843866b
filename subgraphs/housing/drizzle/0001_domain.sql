CREATE TABLE `dwellings` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`village_code` text NOT NULL,
	`grid_code` text NOT NULL,
	`is_main` integer NOT NULL,
	`structure` text NOT NULL,
	`build_year` integer NOT NULL,
	`floor_area_square_meters` real NOT NULL,
	`safety_grade` text NOT NULL,
	`assessed_on` text NOT NULL,
	CONSTRAINT "dwellings_village_code" CHECK(length("dwellings"."village_code") = 12 AND "dwellings"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "dwellings_grid_in_village" CHECK(length("dwellings"."grid_code") = 15 AND substr("dwellings"."grid_code", 1, 12) = "dwellings"."village_code"),
	CONSTRAINT "dwellings_id_in_village" CHECK(substr("dwellings"."id", 1, 12) = "dwellings"."village_code"),
	CONSTRAINT "dwellings_structure_valid" CHECK("dwellings"."structure" IN ('BRICK_CONCRETE','BRICK_WOOD','EARTH_WOOD','STEEL_FRAME','OTHER')),
	CONSTRAINT "dwellings_grade_valid" CHECK("dwellings"."safety_grade" IN ('A','B','C','D')),
	CONSTRAINT "dwellings_build_year" CHECK("dwellings"."build_year" BETWEEN 1900 AND 2100),
	CONSTRAINT "dwellings_floor_area" CHECK("dwellings"."floor_area_square_meters" > 0 AND "dwellings"."floor_area_square_meters" < 2000),
	CONSTRAINT "dwellings_assessed_on" CHECK("dwellings"."assessed_on" IS NULL OR date("dwellings"."assessed_on") = "dwellings"."assessed_on")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dwellings_household_main_idx` ON `dwellings` (`household_id`,`is_main`);--> statement-breakpoint
CREATE INDEX `dwellings_village_code_idx` ON `dwellings` (`village_code`,`id`);--> statement-breakpoint
CREATE INDEX `dwellings_grade_village_idx` ON `dwellings` (`safety_grade`,`village_code`);--> statement-breakpoint
CREATE TABLE `region_statistics` (
	`region_code` text PRIMARY KEY NOT NULL,
	`rural_villages` integer NOT NULL,
	`villages_with_garbage_collection` integer NOT NULL,
	`garbage_bins` integer NOT NULL,
	`garbage_vehicles` integer NOT NULL,
	`transfer_stations` integer NOT NULL,
	`villages_with_sewage_facility` integer NOT NULL,
	`villages_with_sewage_treatment` integer NOT NULL,
	`villages_with_appearance` integer NOT NULL,
	`greening_rate_sum` real NOT NULL,
	`clean_villages_passed` integer NOT NULL,
	`dwellings` integer NOT NULL,
	`floor_area_sum` real NOT NULL,
	`grade_a` integer NOT NULL,
	`grade_b` integer NOT NULL,
	`grade_c` integer NOT NULL,
	`grade_d` integer NOT NULL,
	`renovation_applications` integer NOT NULL,
	`renovations_applied` integer NOT NULL,
	`renovations_approved` integer NOT NULL,
	`renovations_in_progress` integer NOT NULL,
	`renovations_completed` integer NOT NULL,
	`renovations_rejected` integer NOT NULL,
	`renovation_subsidy_total` real NOT NULL,
	CONSTRAINT "region_statistics_code" CHECK(length("region_statistics"."region_code") = 12 AND "region_statistics"."region_code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE TABLE `renovation_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`dwelling_id` text NOT NULL,
	`household_id` text NOT NULL,
	`village_code` text NOT NULL,
	`grid_code` text NOT NULL,
	`priority_group` text NOT NULL,
	`grade_at_application` text NOT NULL,
	`method` text NOT NULL,
	`status` text NOT NULL,
	`subsidy_yuan` real,
	`applied_on` text NOT NULL,
	`decided_on` text,
	`completed_on` text,
	FOREIGN KEY (`dwelling_id`) REFERENCES `dwellings`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "renovation_applications_village_code" CHECK(length("renovation_applications"."village_code") = 12 AND "renovation_applications"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "renovation_applications_id_in_village" CHECK(substr("renovation_applications"."id", 1, 12) = "renovation_applications"."village_code"),
	CONSTRAINT "renovation_applications_grid_in_village" CHECK(length("renovation_applications"."grid_code") = 15 AND substr("renovation_applications"."grid_code", 1, 12) = "renovation_applications"."village_code"),
	CONSTRAINT "renovation_applications_priority_group_valid" CHECK("renovation_applications"."priority_group" IN ('SUBSISTENCE_ALLOWANCE','EXTREME_POVERTY','LOW_INCOME_MARGINAL','POVERTY_MONITORED','POOR_DISABLED','OTHER')),
	CONSTRAINT "renovation_applications_grade_dangerous" CHECK("renovation_applications"."grade_at_application" IN ('C','D')),
	CONSTRAINT "renovation_applications_method_valid" CHECK("renovation_applications"."method" IN ('REPAIR','REBUILD')),
	CONSTRAINT "renovation_applications_status_valid" CHECK("renovation_applications"."status" IN ('APPLIED','APPROVED','IN_PROGRESS','COMPLETED','REJECTED')),
	CONSTRAINT "renovation_applications_dates" CHECK(date("renovation_applications"."applied_on") = "renovation_applications"."applied_on" AND ("renovation_applications"."decided_on" IS NULL OR date("renovation_applications"."decided_on") = "renovation_applications"."decided_on") AND ("renovation_applications"."completed_on" IS NULL OR date("renovation_applications"."completed_on") = "renovation_applications"."completed_on")
      AND ("renovation_applications"."decided_on" IS NULL OR "renovation_applications"."decided_on" >= "renovation_applications"."applied_on") AND ("renovation_applications"."completed_on" IS NULL OR "renovation_applications"."completed_on" >= "renovation_applications"."decided_on")),
	CONSTRAINT "renovation_applications_subsidy" CHECK("renovation_applications"."subsidy_yuan" IS NULL OR "renovation_applications"."subsidy_yuan" > 0),
	CONSTRAINT "renovation_applications_progress" CHECK(CASE "renovation_applications"."status"
        WHEN 'APPLIED' THEN "renovation_applications"."decided_on" IS NULL AND "renovation_applications"."completed_on" IS NULL AND "renovation_applications"."subsidy_yuan" IS NULL
        WHEN 'REJECTED' THEN "renovation_applications"."decided_on" IS NOT NULL AND "renovation_applications"."completed_on" IS NULL AND "renovation_applications"."subsidy_yuan" IS NULL
        WHEN 'COMPLETED' THEN "renovation_applications"."decided_on" IS NOT NULL AND "renovation_applications"."completed_on" IS NOT NULL AND "renovation_applications"."subsidy_yuan" IS NOT NULL
        ELSE "renovation_applications"."decided_on" IS NOT NULL AND "renovation_applications"."completed_on" IS NULL AND "renovation_applications"."subsidy_yuan" IS NOT NULL END)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `renovation_applications_dwelling_id_idx` ON `renovation_applications` (`dwelling_id`);--> statement-breakpoint
CREATE INDEX `renovation_applications_household_id_idx` ON `renovation_applications` (`household_id`);--> statement-breakpoint
CREATE INDEX `renovation_applications_village_code_idx` ON `renovation_applications` (`village_code`,`id`);--> statement-breakpoint
CREATE INDEX `renovation_applications_status_village_idx` ON `renovation_applications` (`status`,`village_code`);--> statement-breakpoint
CREATE INDEX `renovation_applications_grid_code_idx` ON `renovation_applications` (`grid_code`);--> statement-breakpoint
CREATE INDEX `renovation_applications_applied_on_idx` ON `renovation_applications` (`applied_on`);--> statement-breakpoint
CREATE TABLE `sewage_facilities` (
	`village_code` text PRIMARY KEY NOT NULL,
	`has_facility` integer NOT NULL,
	`facility_type` text,
	`capacity_cubic_meters_per_day` real,
	`commissioned_year` integer,
	`working` integer NOT NULL,
	CONSTRAINT "sewage_facilities_code" CHECK(length("sewage_facilities"."village_code") = 12 AND "sewage_facilities"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "sewage_facilities_type_valid" CHECK("sewage_facilities"."facility_type" IS NULL OR "sewage_facilities"."facility_type" IN ('TOWN_NETWORK','VILLAGE_STATION','CONSTRUCTED_WETLAND','OXIDATION_POND','OTHER')),
	CONSTRAINT "sewage_facilities_consistent" CHECK(("sewage_facilities"."has_facility" = 1 AND "sewage_facilities"."facility_type" IS NOT NULL AND "sewage_facilities"."capacity_cubic_meters_per_day" > 0 AND "sewage_facilities"."commissioned_year" IS NOT NULL)
        OR ("sewage_facilities"."has_facility" = 0 AND "sewage_facilities"."facility_type" IS NULL AND "sewage_facilities"."capacity_cubic_meters_per_day" IS NULL AND "sewage_facilities"."commissioned_year" IS NULL AND "sewage_facilities"."working" = 0))
);
--> statement-breakpoint
CREATE TABLE `transfer_stations` (
	`id` text PRIMARY KEY NOT NULL,
	`township_code` text NOT NULL,
	`name` text NOT NULL,
	`capacity_tons_per_day` real NOT NULL,
	`commissioned_year` integer NOT NULL,
	CONSTRAINT "transfer_stations_township_code" CHECK(length("transfer_stations"."township_code") = 12 AND "transfer_stations"."township_code" NOT GLOB '*[^0-9]*' AND "transfer_stations"."township_code" LIKE '%000'),
	CONSTRAINT "transfer_stations_id_in_township" CHECK(substr("transfer_stations"."id", 1, 12) = "transfer_stations"."township_code"),
	CONSTRAINT "transfer_stations_capacity" CHECK("transfer_stations"."capacity_tons_per_day" > 0),
	CONSTRAINT "transfer_stations_year" CHECK("transfer_stations"."commissioned_year" BETWEEN 1990 AND 2100)
);
--> statement-breakpoint
CREATE INDEX `transfer_stations_township_code_idx` ON `transfer_stations` (`township_code`,`id`);--> statement-breakpoint
CREATE TABLE `village_appearances` (
	`village_code` text PRIMARY KEY NOT NULL,
	`greening_rate` real NOT NULL,
	`clean_village_status` text NOT NULL,
	`inspected_on` text NOT NULL,
	CONSTRAINT "village_appearances_code" CHECK(length("village_appearances"."village_code") = 12 AND "village_appearances"."village_code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "village_appearances_greening_rate" CHECK("village_appearances"."greening_rate" BETWEEN 0 AND 1),
	CONSTRAINT "village_appearances_status_valid" CHECK("village_appearances"."clean_village_status" IN ('MODEL','PASSED','IN_PROGRESS','FAILED')),
	CONSTRAINT "village_appearances_inspected_on" CHECK("village_appearances"."inspected_on" IS NULL OR date("village_appearances"."inspected_on") = "village_appearances"."inspected_on")
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_garbage_services` (
	`village_code` text PRIMARY KEY NOT NULL,
	`covered` integer NOT NULL,
	`bin_count` integer NOT NULL,
	`vehicle_count` integer NOT NULL,
	`collections_per_week` integer NOT NULL,
	CONSTRAINT "garbage_services_code_is_12_digits" CHECK(length("__new_garbage_services"."village_code") = 12),
	CONSTRAINT "garbage_services_counts" CHECK("__new_garbage_services"."bin_count" >= 0 AND "__new_garbage_services"."vehicle_count" >= 0 AND "__new_garbage_services"."collections_per_week" BETWEEN 0 AND 14),
	CONSTRAINT "garbage_services_uncovered_not_collected" CHECK("__new_garbage_services"."covered" = 1 OR ("__new_garbage_services"."vehicle_count" = 0 AND "__new_garbage_services"."collections_per_week" = 0))
);
--> statement-breakpoint
INSERT INTO `__new_garbage_services`("village_code", "covered", "bin_count", "vehicle_count", "collections_per_week") SELECT "village_code", "covered", "bin_count", "vehicle_count", "collections_per_week" FROM `garbage_services`;--> statement-breakpoint
DROP TABLE `garbage_services`;--> statement-breakpoint
ALTER TABLE `__new_garbage_services` RENAME TO `garbage_services`;--> statement-breakpoint
PRAGMA foreign_keys=ON;