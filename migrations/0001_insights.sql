-- circuit_readings and the rollups are WITHOUT ROWID (hand-edited): they are only reached by (circuit_key, time) ranges.
CREATE TABLE `brands` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `circuit_readings` (
	`circuit_key` integer NOT NULL,
	`ts` integer NOT NULL,
	`power_watts` real NOT NULL,
	PRIMARY KEY(`circuit_key`, `ts`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `circuits` (
	`key` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`sensor_id` text NOT NULL,
	`circuit_number` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`sensor_id`) REFERENCES `electric_sensors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `circuits_id_unique` ON `circuits` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `circuits_sensor_number` ON `circuits` (`sensor_id`,`circuit_number`);--> statement-breakpoint
CREATE TABLE `electric_sensors` (
	`id` text PRIMARY KEY NOT NULL,
	`duid` text NOT NULL,
	`name` text NOT NULL,
	`location_id` text NOT NULL,
	`sample_interval_seconds` integer DEFAULT 60 NOT NULL,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `electric_sensors_duid_unique` ON `electric_sensors` (`duid`);--> statement-breakpoint
CREATE INDEX `electric_sensors_location` ON `electric_sensors` (`location_id`);--> statement-breakpoint
CREATE TABLE `locations` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `locations_organization` ON `locations` (`organization_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `organizations_brand` ON `organizations` (`brand_id`);--> statement-breakpoint
CREATE TABLE `rollup_day` (
	`circuit_key` integer NOT NULL,
	`bucket` integer NOT NULL,
	`sample_count` integer NOT NULL,
	`sum_watts` real NOT NULL,
	`max_watts` real NOT NULL,
	`max_at` integer NOT NULL,
	PRIMARY KEY(`circuit_key`, `bucket`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollup_hour` (
	`circuit_key` integer NOT NULL,
	`bucket` integer NOT NULL,
	`sample_count` integer NOT NULL,
	`sum_watts` real NOT NULL,
	`max_watts` real NOT NULL,
	`max_at` integer NOT NULL,
	PRIMARY KEY(`circuit_key`, `bucket`)
) WITHOUT ROWID;
