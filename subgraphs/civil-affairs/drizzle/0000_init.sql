CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text,
	CONSTRAINT "regions_code_is_12_digits" CHECK(length("regions"."code") = 12 AND "regions"."code" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "regions_level_valid" CHECK("regions"."level" IN ('PROVINCE','CITY','COUNTY','TOWNSHIP','VILLAGE'))
);
--> statement-breakpoint
CREATE INDEX `regions_parent_code_idx` ON `regions` (`parent_code`,`code`);--> statement-breakpoint
CREATE INDEX `regions_level_idx` ON `regions` (`level`,`code`);