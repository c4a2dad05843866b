CREATE TABLE `garbage_services` (
	`village_code` text PRIMARY KEY NOT NULL,
	`covered` integer NOT NULL,
	`bin_count` integer NOT NULL,
	`vehicle_count` integer NOT NULL,
	`collections_per_week` integer NOT NULL,
	CONSTRAINT "garbage_services_code_is_12_digits" CHECK(length("garbage_services"."village_code") = 12),
	CONSTRAINT "garbage_services_counts" CHECK("garbage_services"."bin_count" >= 0 AND "garbage_services"."vehicle_count" >= 0 AND "garbage_services"."collections_per_week" BETWEEN 0 AND 14)
);
