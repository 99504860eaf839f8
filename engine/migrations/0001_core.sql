-- Core tables: what was loaded, and the ledger and budget it brought.
CREATE SEQUENCE load_id_seq START 1;

CREATE TABLE loads (
    load_id      INTEGER PRIMARY KEY,
    kind         VARCHAR NOT NULL,
    file         VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    rows         BIGINT  NOT NULL,
    loaded_at    TIMESTAMP NOT NULL,
    source       VARCHAR NOT NULL,
    version      VARCHAR,
    first_period DATE,
    last_period  DATE,
    replaced     BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE ledger (
    period      DATE          NOT NULL,
    account     VARCHAR       NOT NULL,
    cost_center VARCHAR,
    project     VARCHAR,
    activity    VARCHAR,
    amount      DECIMAL(18,2) NOT NULL,
    text        VARCHAR,
    source      VARCHAR       NOT NULL,
    load_id     INTEGER       NOT NULL,
    line        INTEGER,
    voucher     VARCHAR
);

CREATE TABLE budget (
    version     VARCHAR       NOT NULL,
    period      DATE          NOT NULL,
    account     VARCHAR       NOT NULL,
    cost_center VARCHAR,
    project     VARCHAR,
    amount      DECIMAL(18,2) NOT NULL,
    source      VARCHAR       NOT NULL,
    load_id     INTEGER       NOT NULL,
    line        INTEGER
);

-- Forecast deviations per category against the annual budget, as the
-- economist reports them (positive = better than budget).
CREATE TABLE forecast (
    period      DATE          NOT NULL,
    category    VARCHAR       NOT NULL,
    cost_center VARCHAR,
    deviation   DECIMAL(18,2) NOT NULL,
    comment     VARCHAR,
    source      VARCHAR       NOT NULL,
    load_id     INTEGER       NOT NULL,
    line        INTEGER
);
