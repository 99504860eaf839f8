-- What a load said about its file, kept with the load. A file that
-- contradicts itself (a SIE export whose vouchers do not add up to its own
-- year figures), one read in a way that changes its figures (object
-- balances read as parts, annual budget rows spread evenly) or one with rows
-- skipped loaded with a warning in the load's log only; whoever builds the
-- report later, from the database, never saw it. The report now repeats the
-- warnings of the loads behind its months.
CREATE TABLE load_warnings (
    load_id INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    message VARCHAR NOT NULL
);

COMMENT ON TABLE load_warnings IS 'Varningar från inläsningen av en fil / the warnings a load gave about its file, in order';
COMMENT ON COLUMN load_warnings.load_id IS 'Inläsningen (loads.load_id) / the load';
COMMENT ON COLUMN load_warnings.seq IS 'Ordning, från 1 / order, from 1';
COMMENT ON COLUMN load_warnings.message IS 'Varningen som inläsningen gav / the warning as the load gave it';
