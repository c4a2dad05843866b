CREATE TABLE `village_clinics` (
	`village_code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`standardized` integer NOT NULL,
	`area_square_meters` real NOT NULL,
	`doctor_count` integer NOT NULL,
	CONSTRAINT "village_clinics_code_is_12_digits" CHECK(length("village_clinics"."village_code") = 12),
	CONSTRAINT "village_clinics_area_positive" CHECK("village_clinics"."area_square_meters" > 0),
	CONSTRAINT "village_clinics_doctor_count" CHECK("village_clinics"."doctor_count" >= 0)
);
