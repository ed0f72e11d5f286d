-- Written at schema version 4: a position read on a named machine.
INSERT INTO collector_position(name, device, inode, read_to, updated_at, host) VALUES ('app-log', 2049, 131099, 1024, 1764650300000, 'bastion-1');
