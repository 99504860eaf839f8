// Package engine is the domain and the pipeline of tertial: it opens the
// DuckDB store, loads extracts (SIE 4, Swedish CSV, XLSX, Parquet, mapping
// files) in all-or-nothing transactions, runs the SQL in package queries and
// returns plain values (Report, Table). It prints nothing and knows no HTML.
package engine
