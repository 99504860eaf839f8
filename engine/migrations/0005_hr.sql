-- Staff: person-month hours, absence spells and the working-day calendar.
-- Person ids are never stored in clear: `person` and `manager` are keyed
-- hashes (HMAC-SHA-256 with a key kept outside the database).
CREATE TABLE calendar (
    day     DATE PRIMARY KEY,
    working BOOLEAN NOT NULL,
    holiday VARCHAR
);

CREATE TABLE hr_key (
    fingerprint VARCHAR NOT NULL
);

CREATE TABLE person_months (
    period          DATE          NOT NULL,
    person          VARCHAR       NOT NULL,
    gender          VARCHAR       NOT NULL CHECK (gender IN ('K', 'M')),
    birth_year      INTEGER,
    cost_center     VARCHAR,
    employment_type VARCHAR       NOT NULL CHECK (employment_type IN ('tillsvidare', 'visstid', 'timavlönad')),
    employment_rate DECIMAL(6,2),
    scheduled_hours DECIMAL(10,2) NOT NULL CHECK (scheduled_hours >= 0),
    worked_hours    DECIMAL(10,2) NOT NULL CHECK (worked_hours >= 0),
    extra_hours     DECIMAL(10,2) NOT NULL CHECK (extra_hours >= 0),
    overtime_hours  DECIMAL(10,2) NOT NULL CHECK (overtime_hours >= 0),
    manager         VARCHAR,
    source          VARCHAR       NOT NULL,
    load_id         INTEGER       NOT NULL,
    line            INTEGER
);

CREATE TABLE absence_spells (
    person    VARCHAR NOT NULL,
    cause     VARCHAR NOT NULL,
    sick      BOOLEAN NOT NULL,
    first_day DATE    NOT NULL,
    last_day  DATE,
    extent    INTEGER NOT NULL CHECK (extent IN (25, 50, 75, 100)),
    source    VARCHAR NOT NULL,
    load_id   INTEGER NOT NULL,
    line      INTEGER
);

-- Sick hours as some HR systems report them, already per person-month and
-- spell-day class.
CREATE TABLE sick_hours_reported (
    period       DATE          NOT NULL,
    person       VARCHAR       NOT NULL,
    sick_hours   DECIMAL(10,2) NOT NULL,
    short_hours  DECIMAL(10,2) NOT NULL,
    long_hours   DECIMAL(10,2) NOT NULL,
    long60_hours DECIMAL(10,2) NOT NULL,
    source       VARCHAR       NOT NULL,
    load_id      INTEGER       NOT NULL,
    line         INTEGER
);

-- Sick hours from spells: each working day of a sick spell gets the day's
-- share of the person-month's scheduled hours (scheduled hours / the month's
-- working days) times the extent. Day 1-14 of the spell (calendar days, the
-- employer's sick-pay period) is short, day 15+ long; a spell of 60 calendar
-- days or more counts all its hours in long60. An open spell runs to the end
-- of the person's last month in person_months.
CREATE VIEW sick_hours_computed AS
WITH spells AS (
    SELECT s.person, s.first_day, s.extent,
           coalesce(s.last_day,
                    (SELECT last_day(max(pm.period)) FROM person_months pm WHERE pm.person = s.person)) AS last_day
    FROM absence_spells s
    WHERE s.sick
),
days AS (
    SELECT sp.person, c.day, sp.extent,
           (c.day - sp.first_day) + 1        AS spell_day,
           (sp.last_day - sp.first_day) + 1  AS spell_length
    FROM spells sp
    JOIN calendar c ON c.day BETWEEN sp.first_day AND sp.last_day AND c.working
),
month_days AS (
    SELECT date_trunc('month', day)::DATE AS period, count(*) AS working_days
    FROM calendar WHERE working GROUP BY 1
),
hours AS (
    SELECT pm.period, pm.person, pm.cost_center, d.spell_day, d.spell_length,
           pm.scheduled_hours::DOUBLE / md.working_days * d.extent / 100 AS h
    FROM days d
    JOIN person_months pm ON pm.person = d.person AND pm.period = date_trunc('month', d.day)::DATE
    JOIN month_days md ON md.period = pm.period
)
SELECT period, person, cost_center,
       sum(h)                                            AS sick_hours,
       coalesce(sum(h) FILTER (WHERE spell_day <= 14), 0) AS short_hours,
       coalesce(sum(h) FILTER (WHERE spell_day > 14), 0)  AS long_hours,
       coalesce(sum(h) FILTER (WHERE spell_length >= 60), 0) AS long60_hours
FROM hours
GROUP BY ALL;

-- One row per person-month row, with organisation, age and sick hours.
CREATE VIEW staff AS
WITH reported AS (
    SELECT period, person, sum(sick_hours)::DOUBLE AS sick_hours, sum(short_hours)::DOUBLE AS short_hours,
           sum(long_hours)::DOUBLE AS long_hours, sum(long60_hours)::DOUBLE AS long60_hours
    FROM sick_hours_reported GROUP BY ALL
)
SELECT pm.period,
       pm.person,
       pm.gender,
       pm.birth_year,
       year(pm.period) - pm.birth_year          AS age,
       pm.cost_center,
       coalesce(c.unit, 'Ej mappat')            AS unit,
       coalesce(c.division, 'Ej mappat')        AS division,
       pm.employment_type,
       pm.employment_rate,
       pm.scheduled_hours::DOUBLE               AS scheduled_hours,
       pm.worked_hours::DOUBLE                  AS worked_hours,
       pm.extra_hours::DOUBLE                   AS extra_hours,
       pm.overtime_hours::DOUBLE                AS overtime_hours,
       pm.manager,
       coalesce(sc.sick_hours, 0) + coalesce(r.sick_hours, 0)     AS sick_hours,
       coalesce(sc.short_hours, 0) + coalesce(r.short_hours, 0)   AS short_hours,
       coalesce(sc.long_hours, 0) + coalesce(r.long_hours, 0)     AS long_hours,
       coalesce(sc.long60_hours, 0) + coalesce(r.long60_hours, 0) AS long60_hours
FROM person_months pm
LEFT JOIN cost_centers c USING (cost_center)
LEFT JOIN sick_hours_computed sc
       ON sc.period = pm.period AND sc.person = pm.person AND sc.cost_center IS NOT DISTINCT FROM pm.cost_center
LEFT JOIN reported r
       ON r.period = pm.period AND r.person = pm.person;

COMMENT ON TABLE calendar IS 'Arbetsdagar: måndag-fredag utom helgdagar och midsommar-, jul- och nyårsafton / working days';
COMMENT ON TABLE person_months IS 'Personmånader ur HR-extrakt; person och manager är nyckelhashar, aldrig id i klartext / person-months; ids are keyed hashes';
COMMENT ON COLUMN person_months.person IS 'HMAC-SHA-256 av person-id med nyckel utanför databasen';
COMMENT ON COLUMN person_months.gender IS 'K = kvinna, M = man';
COMMENT ON COLUMN person_months.scheduled_hours IS 'Ordinarie (schemalagd) arbetstid, timmar';
COMMENT ON COLUMN person_months.worked_hours IS 'Arbetad tid inkl. mertid och övertid, exkl. all frånvaro, timmar';
COMMENT ON COLUMN person_months.extra_hours IS 'Mertid/fyllnadstid, timmar';
COMMENT ON COLUMN person_months.overtime_hours IS 'Övertid, timmar';
COMMENT ON COLUMN person_months.manager IS 'Närmaste chefs nyckelhash';
COMMENT ON TABLE absence_spells IS 'Frånvaroperioder; sick = sjukfrånvaro; last_day NULL = pågående; extent i procent';
COMMENT ON TABLE sick_hours_reported IS 'Sjuktimmar per personmånad med dagklasser, ur HR-system som redan räknat dem';
COMMENT ON VIEW sick_hours_computed IS 'Sjuktimmar ur frånvaroperioder: dag 1-14 kort, dag 15+ lång, perioder om 60 dagar eller mer i long60';
COMMENT ON VIEW staff IS 'Personmånader med enhet, ålder och sjuktimmar / person-months with unit, age and sick hours';
