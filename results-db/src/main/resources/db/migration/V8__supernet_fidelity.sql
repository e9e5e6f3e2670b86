-- A network cut out of a supernet: the id of the supernet its weights came from (epochs 0: not trained after); empty
-- for a network trained from scratch, as every evaluation stored before.
ALTER TABLE evaluations ADD COLUMN supernet VARCHAR(64) DEFAULT '' NOT NULL;
