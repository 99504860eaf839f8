-- A range covers the accounts whose first digits fall in it. Until now the
-- prefix was compared as text, so an account with a letter among its first
-- digits ('40A0', as a typing error or a system's own code) sorted between
-- '4000' and '4999' and was counted as personnel. Real exports do carry
-- accounts that are not numbers (SIE files with 'FEL' or 'DIFF'); those were
-- never covered, and now neither is any account whose prefix of the range's
-- length is not all digits: it shows as 'Ej mappat' and is warned of, as a
-- mapping gap should be. Prefix semantics are unchanged: '4010.1' and '4010A'
-- are still 4010's.
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
    LEFT JOIN account_map m
      ON length(m.first_account) <= s.digits
     AND left(s.account, length(m.first_account)) BETWEEN m.first_account AND m.last_account
)
SELECT r.account, n.name, r.category, r.subcategory, r.kind
FROM ranked r
LEFT JOIN account_names n USING (account)
WHERE r.rn = 1;

COMMENT ON VIEW accounts IS 'Alla konton med sin rapportrad (smalaste intervallet vinner, kontots första siffror); category NULL = ej mappat / every account with its report line (narrowest range over its leading digits)';
COMMENT ON COLUMN accounts.account IS 'Konto / account';
COMMENT ON COLUMN accounts.name IS 'Kontonamn / account name';
COMMENT ON COLUMN accounts.category IS 'Rapportrad / report line (NULL = no mapping)';
COMMENT ON COLUMN accounts.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN accounts.kind IS 'revenue, cost, financial eller balance';
