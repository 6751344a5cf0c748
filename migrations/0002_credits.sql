CREATE TABLE `billing_periods` (
	`name` text PRIMARY KEY NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`start_ms` integer NOT NULL,
	`end_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `data_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`timestamp` text NOT NULL,
	`ts` integer NOT NULL,
	`text` text NOT NULL,
	`report_id` integer,
	`text_credits` integer NOT NULL,
	`credits` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `messages_time` ON `messages` (`ts`,`id`);--> statement-breakpoint
CREATE INDEX `messages_report` ON `messages` (`report_id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`credit_cost` integer NOT NULL
);
