-- A default account mapping, in force while no mapping file is loaded.
--
-- Without one every account was 'Ej mappat', and the period result summed
-- every unmapped account, the balance sheet's too: a whole SIE export, whose
-- vouchers balance, came out as a result of 0,0 mnkr "i nivå med
-- periodbudget". The default maps what every plan of the BAS family agrees
-- on (BAS, Kommun-Bas, Region-Bas): classes 1 and 2 are the balance sheet,
-- 3 the revenue, 4 to 7 the costs, 8 the financial and other items, and
-- 8990-8999 the year's result booked to equity at closing (counted, it
-- would cancel the result it closes). It names no personnel line, because
-- the plans put personnel in different classes. A mapping file replaces
-- the whole default; the report says which of the two is in force.
CREATE TABLE account_map_default (
    first_account VARCHAR NOT NULL,
    last_account  VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL CHECK (kind IN ('revenue', 'cost', 'financial', 'balance')),
    category      VARCHAR NOT NULL,
    subcategory   VARCHAR
);

INSERT INTO account_map_default VALUES
    ('1000', '1999', 'balance',   'Balansräkning',      'Tillgångar'),
    ('2000', '2999', 'balance',   'Balansräkning',      'Eget kapital och skulder'),
    ('3000', '3999', 'revenue',   'Intäkter',           NULL),
    ('4000', '7999', 'cost',      'Kostnader',          NULL),
    ('8000', '8989', 'financial', 'Finansiella poster', NULL),
    ('8990', '8999', 'balance',   'Årets resultat',     NULL);

-- The ranges in force: the loaded mapping, or the default while none is.
CREATE VIEW account_ranges AS
SELECT first_account, last_account, kind, category, subcategory, 'file' AS origin
FROM account_map
UNION ALL
SELECT first_account, last_account, kind, category, subcategory, 'default' AS origin
FROM account_map_default
WHERE NOT EXISTS (SELECT 1 FROM account_map);

CREATE OR REPLACE VIEW accounts AS
WITH seen AS (
    SELECT account, length(regexp_extract(account, '^[0-9]*')) AS digits
    FROM (
        SELECT account FROM ledger_month
        UNION SELECT account FROM budget
        UNION SELECT account FROM budget_decision_months
        UNION SELECT account FROM account_names
    )
),
ranked AS (
    SELECT s.account, m.kind, m.category, m.subcategory,
           row_number() OVER (PARTITION BY s.account
                              ORDER BY length(m.first_account) DESC,
                                       try_cast(m.last_account AS HUGEINT) - try_cast(m.first_account AS HUGEINT),
                                       m.first_account) AS rn
    FROM seen s
    LEFT JOIN account_ranges m
      ON length(m.first_account) <= s.digits
     AND left(s.account, length(m.first_account)) BETWEEN m.first_account AND m.last_account
)
SELECT r.account, n.name, r.category, r.subcategory, r.kind
FROM ranked r
LEFT JOIN account_names n USING (account)
WHERE r.rn = 1;

CREATE OR REPLACE VIEW report_lines AS
SELECT kind, category, coalesce(subcategory, category) AS subcategory, min(first_account) AS sort_key
FROM account_ranges
GROUP BY ALL;

COMMENT ON TABLE account_map_default IS 'Standardmappning per kontoklass, gäller när ingen kontomappning är inläst / the default mapping by account class, in force while no mapping file is loaded';
COMMENT ON COLUMN account_map_default.first_account IS 'Första kontot i intervallet (prefix) / first account of the range (prefix)';
COMMENT ON COLUMN account_map_default.last_account IS 'Sista kontot i intervallet (prefix) / last account of the range (prefix)';
COMMENT ON COLUMN account_map_default.kind IS 'revenue, cost, financial eller balance';
COMMENT ON COLUMN account_map_default.category IS 'Rapportrad / report line';
COMMENT ON COLUMN account_map_default.subcategory IS 'Underrad / report subline';
COMMENT ON VIEW account_ranges IS 'Kontointervallen som gäller: inläst mappning, annars standardmappningen / the ranges in force: the loaded mapping, or else the default';
COMMENT ON COLUMN account_ranges.first_account IS 'Första kontot i intervallet (prefix) / first account of the range (prefix)';
COMMENT ON COLUMN account_ranges.last_account IS 'Sista kontot i intervallet (prefix) / last account of the range (prefix)';
COMMENT ON COLUMN account_ranges.kind IS 'revenue, cost, financial eller balance';
COMMENT ON COLUMN account_ranges.category IS 'Rapportrad / report line';
COMMENT ON COLUMN account_ranges.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN account_ranges.origin IS 'file = inläst mappning, default = standardmappningen / loaded mapping or the default';
COMMENT ON VIEW accounts IS 'Alla konton med sin rapportrad (smalaste intervallet i account_ranges vinner, kontots första siffror); category NULL = ej mappat / every account with its report line (narrowest range over its leading digits)';
COMMENT ON COLUMN accounts.account IS 'Konto / account';
COMMENT ON COLUMN accounts.name IS 'Kontonamn / account name';
COMMENT ON COLUMN accounts.category IS 'Rapportrad / report line (NULL = no mapping)';
COMMENT ON COLUMN accounts.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN accounts.kind IS 'revenue, cost, financial eller balance';
COMMENT ON VIEW report_lines IS 'Rapportrader ur kontointervallen som gäller (account_ranges), i kontoordning / report lines from the ranges in force, in account order';
COMMENT ON COLUMN report_lines.kind IS 'Kontoslag: revenue, cost, financial, balance (unmapped = saknar mappning)';
COMMENT ON COLUMN report_lines.category IS 'Rapportrad / report line (Ej mappat = no mapping)';
COMMENT ON COLUMN report_lines.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN report_lines.sort_key IS 'Sorteringsnyckel (första kontot) / sort key (first account)';
