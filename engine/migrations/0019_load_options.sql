-- The options that shape what a load made of its file: an annual budget's
-- spread, the XLSX sheet, a column mapping. A file whose content was loaded
-- before was skipped whatever the options, so the same budget could not be
-- spread again by last year's pattern, nor an extract read again with a
-- corrected --column, short of changing its bytes. A load is now skipped
-- when its content and these options are the same; NULL is the defaults
-- (and every load made before this).
ALTER TABLE loads ADD COLUMN options VARCHAR;

COMMENT ON COLUMN loads.options IS 'Inläsningens val som formar raderna (spread=, sheet=, column:FÄLT=RUBRIK), NULL = standardvalen / the options that shaped the rows, NULL = the defaults';
