CREATE TABLE `cooperatives` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`member_count` integer NOT NULL,
	`is_model_cooperative` integer NOT NULL,
	CONSTRAINT "cooperatives_code_is_12_digits" CHECK(length("cooperatives"."village_code") = 12),
	CONSTRAINT "cooperatives_type_valid" CHECK("cooperatives"."type" IN ('PLANTING','LIVESTOCK','FISHERY','MACHINERY','TOURISM','PROCESSING')),
	CONSTRAINT "cooperatives_members" CHECK("cooperatives"."member_count" >= 5)
);
--> statement-breakpoint
CREATE INDEX `cooperatives_village_code_idx` ON `cooperatives` (`village_code`,`id`);