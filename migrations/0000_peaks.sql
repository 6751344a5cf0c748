-- readings and peaks are WITHOUT ROWID (hand-edited): they are only ever reached by their primary key or rank index.
CREATE TABLE `markets` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`reading_count` integer DEFAULT 0 NOT NULL,
	`first_ts` text,
	`last_ts` text,
	`data_version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `markets_name_unique` ON `markets` (`name`);--> statement-breakpoint
CREATE TABLE `peaks` (
	`market_id` integer NOT NULL,
	`ts` text NOT NULL,
	`usage_kw` real NOT NULL,
	PRIMARY KEY(`market_id`, `ts`),
	FOREIGN KEY (`market_id`) REFERENCES `markets`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `peaks_rank` ON `peaks` (`market_id`,"usage_kw" desc,`ts`);--> statement-breakpoint
CREATE TABLE `readings` (
	`market_id` integer NOT NULL,
	`ts` text NOT NULL,
	`usage_kw` real NOT NULL,
	PRIMARY KEY(`market_id`, `ts`),
	FOREIGN KEY (`market_id`) REFERENCES `markets`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `readings_rank` ON `readings` (`market_id`,"usage_kw" desc,`ts`);