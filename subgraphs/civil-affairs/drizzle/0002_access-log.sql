CREATE TABLE `access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`request_id` text NOT NULL,
	`actor` text NOT NULL,
	`role` text NOT NULL,
	`purpose` text,
	`case_reference` text,
	`resident_id` text NOT NULL,
	`fields` text NOT NULL,
	`previous_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_log_hash_unique` ON `access_log` (`hash`);--> statement-breakpoint
CREATE INDEX `access_log_resident_idx` ON `access_log` (`resident_id`,`id`);