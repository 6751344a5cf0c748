CREATE TABLE `write_guard` (
	`reason` text,
	CONSTRAINT "write_conflict" CHECK(0)
);
