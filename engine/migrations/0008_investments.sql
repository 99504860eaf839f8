-- Investments: decided frames, outcome (on this year's and earlier years'
-- decisions) and full-year forecasts, per category.
CREATE TABLE investments (
    kind          VARCHAR       NOT NULL CHECK (kind IN ('ram', 'utfall', 'prognos')),
    period        DATE          NOT NULL,
    category      VARCHAR       NOT NULL,
    decision_year INTEGER,
    cost_center   VARCHAR,
    division      VARCHAR,
    amount        DECIMAL(18,2) NOT NULL,
    text          VARCHAR,
    source        VARCHAR       NOT NULL,
    load_id       INTEGER       NOT NULL,
    line          INTEGER
);
COMMENT ON TABLE investments IS 'Investeringar: ram (beslutad för året), utfall (per månad och beslutsår) och prognos (helår, per prognosmånad)';
COMMENT ON COLUMN investments.kind IS 'ram, utfall eller prognos';
COMMENT ON COLUMN investments.period IS 'Ram: årets första månad; utfall: månaden; prognos: månaden prognosen lämnades';
COMMENT ON COLUMN investments.category IS 'Investeringskategori, t.ex. IT eller MT';
COMMENT ON COLUMN investments.decision_year IS 'Året investeringsbeslutet (ramen) fattades, för utfall';
COMMENT ON COLUMN investments.cost_center IS 'Ansvar/kostnadsställe, om angivet';
COMMENT ON COLUMN investments.division IS 'Division, om angiven i stället för kostnadsställe';
COMMENT ON COLUMN investments.amount IS 'Belopp i kronor (investeringsutgift, positiv)';
COMMENT ON COLUMN investments.text IS 'Text';
COMMENT ON COLUMN investments.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN investments.load_id IS 'Inläsningen raden kom från (loads)';
COMMENT ON COLUMN investments.line IS 'Rad i källfilen / line in the source file';
