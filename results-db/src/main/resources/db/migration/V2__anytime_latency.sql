-- Anytime inference: the expected latency under a network's calibrated exit policy, and which latency a run's time
-- target is set on.
ALTER TABLE evaluations ADD COLUMN anytime_latency_ms DOUBLE PRECISION;
ALTER TABLE runs ADD COLUMN latency_mode VARCHAR(20) DEFAULT 'last-exit' NOT NULL;
