-- SIE vouchers whose rows do not sum to zero.
SELECT source, voucher, strftime(period, '%Y-%m') AS period, sum(amount) AS sum
FROM ledger
WHERE voucher IS NOT NULL AND source LIKE 'sie:%'
GROUP BY ALL HAVING sum(amount) <> 0
ORDER BY 1, 2
