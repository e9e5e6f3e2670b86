-- A fidelity of equal time: the seconds every candidate of the fidelity trains for, the learning-rate schedule on time
-- (epochs is then the most passes it may take); 0 for a fidelity of epochs alone, as every evaluation stored before.
ALTER TABLE evaluations ADD COLUMN seconds INT DEFAULT 0 NOT NULL;
