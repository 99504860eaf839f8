-- @title: Budgetbeslut
-- @description: Budgetbeslut (omfördelningar) fattade under året till och med rapportmånaden, och tidigare
-- @description: beslut som får effekt under året: referens, datum, från, till, belopp och effekten på
-- @description: enhetens nettokostnadsram hittills i år och för helåret (positiv = mer budget att använda).
-- @unit: kr
-- @params: period, unit, division
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division
),
labelled AS (
    -- a cost center is shown with its name: "Strategiska budgetmedel (9000)"
    SELECT d.*,
           coalesce(f.name || ' (' || d.from_label || ')', d.from_label) AS from_text,
           coalesce(t.name || ' (' || d.to_label || ')', d.to_label)     AS to_text
    FROM budget_decisions d
    LEFT JOIN cost_centers f ON f.cost_center = d.from_label
    LEFT JOIN cost_centers t ON t.cost_center = d.to_label
),
decisions AS (
    SELECT d.reference,
           min(d.decided)     AS decided,
           min(d.decided_by)  AS decided_by,
           string_agg(DISTINCT d.from_text, ', ') AS from_label,
           string_agg(DISTINCT d.to_text, ', ')   AS to_label,
           sum(CASE WHEN d.from_label IS NOT NULL THEN d.amount ELSE 0 END) AS amount,
           min(d.effective)   AS effective,
           string_agg(d.text, '; ' ORDER BY d.line) AS text
    FROM labelled d
    GROUP BY d.reference
),
effects AS (
    SELECT m.reference,
           sum(m.amount) FILTER (WHERE m.period <= p.period) AS effect_period,
           sum(m.amount)                                     AS effect_year
    FROM budget_decision_months m
    JOIN cost_centers c USING (cost_center), p
    WHERE year(m.period) = year(p.period)
      AND (p.unit IS NULL OR c.unit = p.unit)
      AND (p.division IS NULL OR c.division = p.division)
    GROUP BY m.reference
)
SELECT d.reference,
       d.decided,
       d.decided_by,
       d.from_label,
       d.to_label,
       d.amount,
       strftime(d.effective, '%Y-%m')                   AS effective,
       d.text,
       coalesce(e.effect_period, 0)::DECIMAL(18,2)      AS effect_period,
       coalesce(e.effect_year, 0)::DECIMAL(18,2)        AS effect_year
FROM decisions d
CROSS JOIN p
LEFT JOIN effects e USING (reference)
WHERE ((d.decided BETWEEN p.year_start AND last_day(p.period)) OR year(d.effective) = year(p.period))
  AND (e.reference IS NOT NULL OR (p.unit IS NULL AND p.division IS NULL))
ORDER BY d.decided, d.reference;
