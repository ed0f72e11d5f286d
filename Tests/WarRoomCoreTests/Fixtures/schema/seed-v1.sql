-- Data written by a warroom at schema version 1 (make-fixture.sh applies it
-- right after migrating to v1). Times are milliseconds since 1970.
INSERT INTO incident(id, title, severity, status, commander, scribe, comms, impact, summary, declared_by, declared_at, started_at, detected_at, acknowledged_at, mitigated_at, resolved_at, last_update_at)
VALUES (1, 'Checkout 502s', 1, 'identified', 'alice', 'bob', NULL, 'EU customers cannot pay', NULL, 'alice', 1764650000000, 1764649900000, 1764649950000, 1764650010000, NULL, NULL, 1764650200000),
       (2, 'Slow search', 3, 'resolved', 'carol', NULL, NULL, NULL, 'cache warmed', 'carol', 1764640000000, 1764640000000, NULL, NULL, 1764641000000, 1764642000000, 1764642000000);
INSERT INTO event(id, incident_id, at, author, kind, body, details) VALUES
  (1, 1, 1764650000000, 'alice', 'declared', 'Checkout 502s (SEV1)', NULL),
  (2, 1, 1764650100000, 'bob', 'chat', 'rolling back payments-api to v41 — ünïcödé ok', NULL),
  (3, 1, 1764650200000, 'alice', 'status_changed', 'investigating → identified', '{"from":"investigating","to":"identified"}'),
  (4, NULL, 1764650300000, 'dave', 'note', 'a note outside any incident', NULL),
  (5, 2, 1764640000000, 'carol', 'declared', 'Slow search (SEV3)', NULL),
  (6, 2, 1764642000000, 'carol', 'resolved', 'cache warmed', NULL);
INSERT INTO task(id, incident_id, text, created_by, created_at, done_by, done_at) VALUES
  (1, 1, 'page the DBA', 'alice', 1764650050000, NULL, NULL),
  (2, 2, 'warm the cache', 'carol', 1764640100000, 'carol', 1764641900000);
INSERT INTO alert(id, fingerprint, source, name, severity, state, summary, labels, annotations, starts_at, ends_at, last_seen_at, acked_by, acked_at, silenced_until, incident_id) VALUES
  (1, 'fp-checkout', 'am', 'CheckoutErrors', 'critical', 'firing', '5xx above 5%', '{"alertname":"CheckoutErrors","service":"checkout","severity":"critical"}', '{"summary":"5xx above 5%"}', 1764649900000, NULL, 1764650300000, 'bob', 1764650020000, NULL, 1),
  (2, 'fp-disk', 'am', 'DiskFull', 'warning', 'resolved', 'disk 91%', '{"alertname":"DiskFull","severity":"warning"}', '{}', 1764630000000, 1764631000000, 1764631000000, NULL, NULL, NULL, NULL);
INSERT INTO service_check(id, name, source, state, output, perfdata, checked_at, changed_at) VALUES
  (1, 'http_checkout', 'nagios', 2, 'HTTP CRITICAL - 502 Bad Gateway', 'time=0.12s;1;2', 1764650300000, 1764649900000);
INSERT INTO log_line(id, source, at, level, text) VALUES
  (1, 'payments-api', 1764649901000, 3, 'upstream returned 502'),
  (2, 'payments-api', 1764649902000, 2, 'retrying in 1s'),
  (3, 'syslog', 1764649903000, 1, 'Dec  2 04:58:23 api-1 kernel: eth0 link up');
INSERT INTO setting(key, value) VALUES ('log.retention_lines', '500000'), ('cadence.SEV1', '900');
UPDATE change_counter SET version = version + 1;
