-- Cost centers in the ledger or budget that the organisation does not have.
-- (ledger_month has every cost center the ledger has, summed by month.)
SELECT DISTINCT cost_center, 'ledger' AS used_in FROM ledger_month WHERE cost_center IS NOT NULL AND cost_center NOT IN (SELECT cost_center FROM cost_centers)
UNION SELECT DISTINCT cost_center, 'budget' FROM budget WHERE cost_center IS NOT NULL AND cost_center NOT IN (SELECT cost_center FROM cost_centers)
ORDER BY 1
