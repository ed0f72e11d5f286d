-- Written at schema version 2: a collector's health (and an expired lease).
INSERT INTO collector_health(name, kind, holder, interval_ms, last_run_at, last_success_at, last_error, last_error_at, consecutive_failures, runs, next_run_at, last_summary)
VALUES ('alertmanager', 'alertmanager', 'bastion-1:4242', 15000, 1764650300000, 1764650300000, NULL, NULL, 0, 120, 1764650315000, '2 alerts');
INSERT INTO collector_lease(id, holder, acquired_at, heartbeat_at, expires_at) VALUES (1, 'bastion-1:4242', 1764640000000, 1764650300000, 1764650330000);
