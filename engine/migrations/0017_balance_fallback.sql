-- The balance sheet stays out of the result with a mapping file too.
--
-- A mapping file replaced the whole default mapping, so a region's chart
-- that maps only its report lines (classes 3-8, as a kontoplan for the
-- tertial report does) left every balance account 'Ej mappat' — and the
-- period result summed them: a SIE export's bank and supplier postings, the
-- other half of every voucher, cancelled its costs and revenues. Every plan
-- of the BAS family (BAS, Kommun-Bas, Region-Bas) has its balance sheet in
-- classes 1 and 2, and 8990-8999 books the year's result to equity; so the
-- default's balance ranges stay in force beside a file, for the accounts no
-- range of the file covers (origin 'default balance'). Any range of the file
-- that covers an account wins over them, however wide.
CREATE OR REPLACE VIEW account_ranges AS
SELECT first_account, last_account, kind, category, subcategory, 'file' AS origin
FROM account_map
UNION ALL
SELECT first_account, last_account, kind, category, subcategory,
       CASE WHEN EXISTS (SELECT 1 FROM account_map) THEN 'default balance' ELSE 'default' END AS origin
FROM account_map_default
WHERE kind = 'balance' OR NOT EXISTS (SELECT 1 FROM account_map);

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
    SELECT s.account, m.kind, m.category, m.subcategory, m.origin,
           row_number() OVER (PARTITION BY s.account
                              ORDER BY m.origin = 'default balance',
                                       length(m.first_account) DESC,
                                       try_cast(m.last_account AS HUGEINT) - try_cast(m.first_account AS HUGEINT),
                                       m.first_account) AS rn
    FROM seen s
    LEFT JOIN account_ranges m
      ON length(m.first_account) <= s.digits
     AND left(s.account, length(m.first_account)) BETWEEN m.first_account AND m.last_account
)
SELECT r.account, n.name, r.category, r.subcategory, r.kind, r.origin
FROM ranked r
LEFT JOIN account_names n USING (account)
WHERE r.rn = 1;

COMMENT ON VIEW account_ranges IS 'Kontointervallen som gäller: inläst mappning och standardmappningens balansintervall för konton den inte täcker, annars hela standardmappningen / the ranges in force: the loaded mapping and the default''s balance ranges for accounts it does not cover, or else the whole default';
COMMENT ON COLUMN account_ranges.first_account IS 'Första kontot i intervallet (prefix) / first account of the range (prefix)';
COMMENT ON COLUMN account_ranges.last_account IS 'Sista kontot i intervallet (prefix) / last account of the range (prefix)';
COMMENT ON COLUMN account_ranges.kind IS 'revenue, cost, financial eller balance';
COMMENT ON COLUMN account_ranges.category IS 'Rapportrad / report line';
COMMENT ON COLUMN account_ranges.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN account_ranges.origin IS 'file = inläst mappning, default = standardmappningen (ingen fil), default balance = standardmappningens balansintervall bredvid en fil / loaded mapping, the default, or the default''s balance ranges beside a file';
COMMENT ON VIEW accounts IS 'Alla konton med sin rapportrad (filens intervall före standardmappningens balansintervall, sedan smalaste intervallet över kontots första siffror); category NULL = ej mappat / every account with its report line (a range of the file first, then the narrowest over its leading digits)';
COMMENT ON COLUMN accounts.account IS 'Konto / account';
COMMENT ON COLUMN accounts.name IS 'Kontonamn / account name';
COMMENT ON COLUMN accounts.category IS 'Rapportrad / report line (NULL = no mapping)';
COMMENT ON COLUMN accounts.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN accounts.kind IS 'revenue, cost, financial eller balance';
COMMENT ON COLUMN accounts.origin IS 'Intervallets ursprung (account_ranges.origin); NULL = ej mappat / where the range comes from';
