-- Accounts that only budget decisions use must be mapped too (found by the
-- accounts_without_mapping data test).
CREATE OR REPLACE VIEW accounts AS
WITH seen AS (
    SELECT account FROM ledger
    UNION SELECT account FROM budget
    UNION SELECT account FROM budget_decision_months
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
COMMENT ON VIEW accounts IS 'Alla konton med sin rapportrad (smalaste intervallet vinner); category NULL = ej mappat / every account with its report line';
COMMENT ON COLUMN accounts.account IS 'Konto / account';
COMMENT ON COLUMN accounts.name IS 'Kontonamn / account name';
COMMENT ON COLUMN accounts.category IS 'Rapportrad / report line (NULL = no mapping)';
COMMENT ON COLUMN accounts.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN accounts.kind IS 'revenue, cost, financial eller balance';
