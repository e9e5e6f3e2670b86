-- Learned connections: after training, how much the network uses each of its inputs and each layer of its Smart
-- Blocks, as JSON ({"connections": [{"cell", "from", "structural", "value"}], "layers": [{"cell", "layer",
-- "value"}]}); null for an evaluation that did not end ok, or one stored before this was measured.
ALTER TABLE evaluations ADD COLUMN importance CLOB;
