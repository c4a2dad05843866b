ALTER TABLE `farmer_trainings` ADD `grid_code` text;--> statement-breakpoint
CREATE INDEX `farmer_trainings_grid_code_idx` ON `farmer_trainings` (`grid_code`);--> statement-breakpoint
ALTER TABLE `land_contracts` ADD `grid_code` text;--> statement-breakpoint
CREATE INDEX `land_contracts_grid_code_idx` ON `land_contracts` (`grid_code`);