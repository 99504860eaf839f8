-- Accounts in the ledger or budget that no account range covers.
SELECT DISTINCT account, 'ledger' AS used_in FROM ledger_report WHERE category = 'Ej mappat'
UNION SELECT DISTINCT account, 'budget' FROM budget_report WHERE category = 'Ej mappat'
ORDER BY 1
