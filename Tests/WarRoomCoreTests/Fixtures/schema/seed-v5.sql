-- Written at schema version 5: an incident's service, and an alert unlinked by hand.
UPDATE incident SET service = 'checkout' WHERE id = 1;
INSERT INTO alert(id, fingerprint, source, name, severity, state, summary, labels, annotations, starts_at, ends_at, last_seen_at, acked_by, acked_at, silenced_until, incident_id, unlinked_from)
VALUES (3, 'fp-checkout-latency', 'am', 'CheckoutLatency', 'warning', 'firing', 'p99 above 2s', '{"alertname":"CheckoutLatency","service":"checkout","severity":"warning"}', '{}', 1764649950000, NULL, 1764650300000, NULL, NULL, NULL, NULL, 1);
