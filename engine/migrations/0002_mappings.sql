-- Mappings: account ranges to report lines, and the organisation.
CREATE TABLE account_map (
    first_account VARCHAR NOT NULL,
    last_account  VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL CHECK (kind IN ('revenue', 'cost', 'financial', 'balance')),
    category      VARCHAR NOT NULL,
    subcategory   VARCHAR,
    load_id       INTEGER NOT NULL,
    line          INTEGER
);

-- Account names as the extracts give them (#KONTO in SIE, or a name column).
CREATE TABLE account_names (
    account VARCHAR PRIMARY KEY,
    name    VARCHAR NOT NULL,
    load_id INTEGER NOT NULL
);

CREATE TABLE cost_centers (
    cost_center VARCHAR PRIMARY KEY,
    name        VARCHAR,
    unit        VARCHAR NOT NULL,
    division    VARCHAR NOT NULL,
    load_id     INTEGER NOT NULL,
    line        INTEGER
);

-- Every account that occurs anywhere, with the narrowest range that covers it.
-- A range is a pair of equal-length prefixes: 4000-4999 covers 4000 and 40111.
-- Accounts no range covers keep a NULL category: queries show them as
-- 'Ej mappat' so that nothing is silently dropped.
CREATE VIEW accounts AS
WITH seen AS (
    SELECT account FROM ledger
    UNION SELECT account FROM budget
    UNION SELECT account FROM account_names
),
ranked AS (
    SELECT s.account, m.kind, m.category, m.subcategory,
           row_number() OVER (PARTITION BY s.account
                              ORDER BY length(m.first_account) DESC,
                                       try_cast(m.last_account AS HUGEINT) - try_cast(m.first_account AS HUGEINT),
                                       m.first_account) AS rn
    FROM seen s
    LEFT JOIN account_map m
      ON left(s.account, length(m.first_account)) BETWEEN m.first_account AND m.last_account
)
SELECT r.account, n.name, r.category, r.subcategory, r.kind
FROM ranked r
LEFT JOIN account_names n USING (account)
WHERE r.rn = 1;
