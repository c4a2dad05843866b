CREATE TABLE `mediation_committees` (
	`village_code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`mediator_count` integer NOT NULL,
	`established_year` integer NOT NULL,
	CONSTRAINT "mediation_committees_code_is_12_digits" CHECK(length("mediation_committees"."village_code") = 12),
	CONSTRAINT "mediation_committees_size" CHECK("mediation_committees"."mediator_count" >= 3)
);
