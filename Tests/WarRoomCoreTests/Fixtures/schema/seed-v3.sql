-- Written at schema version 3: where a log file collector had read to.
INSERT INTO collector_position(name, device, inode, read_to, updated_at) VALUES ('syslog', 2049, 131077, 40960, 1764650300000);
