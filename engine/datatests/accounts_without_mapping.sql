-- Accounts in the ledger or budget that no account range covers.
-- (ledger_month_report has every account, month and cost center the ledger has, summed.)
SELECT DISTINCT account, 'ledger' AS used_in FROM ledger_month_report WHERE category = 'Ej mappat'
UNION SELECT DISTINCT account, 'budget' FROM budget_report WHERE category = 'Ej mappat'
ORDER BY 1
