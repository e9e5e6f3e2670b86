-- Fidelity rungs and inherited weights. A candidate promoted up the fidelity ladder has one evaluation per rung it was
-- measured on; the queries over a run's candidates read each candidate's evaluation on its highest rung. Each
-- evaluation names the checkpoint it left (its trained network, kept for the next rung or for children, deleted
-- when neither can use it), and the evaluation its training started from with how many exit groups it took from it
-- (every group for a promotion, the first columns a child shares with a parent).
ALTER TABLE evaluations ADD COLUMN rung INT DEFAULT 0 NOT NULL;
ALTER TABLE evaluations ADD COLUMN checkpoint VARCHAR(4096);
ALTER TABLE evaluations ADD COLUMN started_from BIGINT REFERENCES evaluations (id);
ALTER TABLE evaluations ADD COLUMN inherited_groups INT DEFAULT 0 NOT NULL;
CREATE INDEX evaluations_by_rung ON evaluations (run_id, rung);
