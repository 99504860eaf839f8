-- Reported sick hours (sick_hours_reported, per person and month) were
-- added to every person-month row of that person in the month, and on top
-- of the hours computed from the same person's sick spells. A person who
-- moved between cost centers in the month (two rows) had the hours twice;
-- one whose absence came both as spells and as reported hours had both.
-- Now a person-month with reported hours takes those, not its spells', and
-- a person's rows in a month share them by their scheduled hours (equally
-- when there are none): the month's sick hours are what HR reported, once.
-- The report warns where both kinds touch the same person-months.
CREATE OR REPLACE VIEW staff AS
WITH reported AS (
    SELECT period, person, sum(sick_hours)::DOUBLE AS sick_hours, sum(short_hours)::DOUBLE AS short_hours,
           sum(long_hours)::DOUBLE AS long_hours, sum(long60_hours)::DOUBLE AS long60_hours
    FROM sick_hours_reported GROUP BY ALL
),
-- the person's scheduled hours and rows in the month, which share them
split AS (
    SELECT r.period, r.person, any_value(r.sick_hours) AS sick_hours, any_value(r.short_hours) AS short_hours,
           any_value(r.long_hours) AS long_hours, any_value(r.long60_hours) AS long60_hours,
           sum(pm.scheduled_hours)::DOUBLE AS scheduled, count(*) AS n
    FROM reported r JOIN person_months pm USING (period, person)
    GROUP BY r.period, r.person
),
joined AS (
    SELECT b.*, sc.sick_hours AS sc_sick, sc.short_hours AS sc_short, sc.long_hours AS sc_long, sc.long60_hours AS sc_long60,
           r.person IS NOT NULL AS reported, r.sick_hours AS r_sick, r.short_hours AS r_short, r.long_hours AS r_long,
           r.long60_hours AS r_long60,
           CASE WHEN r.scheduled > 0 THEN b.scheduled_hours / r.scheduled ELSE 1.0 / r.n END AS share
    FROM staff_base b
    LEFT JOIN sick_hours_computed sc
           ON sc.period = b.period AND sc.person = b.person AND sc.cost_center IS NOT DISTINCT FROM b.cost_center
    LEFT JOIN split r
           ON r.period = b.period AND r.person = b.person
)
SELECT * EXCLUDE (sc_sick, sc_short, sc_long, sc_long60, reported, r_sick, r_short, r_long, r_long60, share),
       CASE WHEN reported THEN r_sick * share ELSE coalesce(sc_sick, 0) END     AS sick_hours,
       CASE WHEN reported THEN r_short * share ELSE coalesce(sc_short, 0) END   AS short_hours,
       CASE WHEN reported THEN r_long * share ELSE coalesce(sc_long, 0) END     AS long_hours,
       CASE WHEN reported THEN r_long60 * share ELSE coalesce(sc_long60, 0) END AS long60_hours
FROM joined;

COMMENT ON VIEW staff IS 'Personmånader med enhet, ålder och sjuktimmar / person-months with unit, age and sick hours';
COMMENT ON COLUMN staff.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN staff.person IS 'Nyckelhash av person-id (aldrig i klartext) / keyed hash of the person id';
COMMENT ON COLUMN staff.gender IS 'Kön: K = kvinna, M = man';
COMMENT ON COLUMN staff.birth_year IS 'Födelseår / birth year';
COMMENT ON COLUMN staff.age IS 'Ålder under året / age during the year';
COMMENT ON COLUMN staff.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN staff.unit IS 'Enhet / unit (Ej mappat = not in the organisation)';
COMMENT ON COLUMN staff.division IS 'Division';
COMMENT ON COLUMN staff.employment_type IS 'Anställningsform: tillsvidare, visstid, timavlönad';
COMMENT ON COLUMN staff.employment_rate IS 'Sysselsättningsgrad i procent / employment rate, percent';
COMMENT ON COLUMN staff.scheduled_hours IS 'Ordinarie arbetstid, timmar / scheduled hours';
COMMENT ON COLUMN staff.worked_hours IS 'Arbetad tid, timmar / worked hours';
COMMENT ON COLUMN staff.extra_hours IS 'Mertid/fyllnadstid, timmar / extra hours';
COMMENT ON COLUMN staff.overtime_hours IS 'Övertid, timmar / overtime hours';
COMMENT ON COLUMN staff.manager IS 'Närmaste chefs nyckelhash / manager (keyed hash)';
COMMENT ON COLUMN staff.sick_hours IS 'Sjuktimmar / sick hours';
COMMENT ON COLUMN staff.short_hours IS 'Sjuktimmar dag 1-14 / sick hours, day 1-14';
COMMENT ON COLUMN staff.long_hours IS 'Sjuktimmar dag 15- / sick hours, day 15 on';
COMMENT ON COLUMN staff.long60_hours IS 'Sjuktimmar i perioder om 60 dagar eller mer / sick hours in spells of 60+ days';
