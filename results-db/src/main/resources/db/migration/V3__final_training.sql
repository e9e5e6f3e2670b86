-- A run's final training: its chosen candidate trained again at a higher fidelity, measured on the test images and
-- kept as a model directory. Such an evaluation is the run's answer, not one of its candidates: the queries over a
-- run's candidates (best, Pareto, top-k, counts, resume) leave it out.
ALTER TABLE evaluations ADD COLUMN final_training BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE evaluations ADD COLUMN model_dir VARCHAR(4096);
