// Package charts is everything visual: Swedish number formatting, one
// builder per figure (go-echarts, with fixed chart IDs), and the report's
// self-contained HTML page with ECharts embedded.
package charts
