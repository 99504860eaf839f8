package charts

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMarkdown: whatever an economist's text holds, the HTML has only the
// renderer's own tags, each closed, and keeps the words of the text; an
// assignment's parts never panic and come from its lines.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"Personalkostnaderna genererar ett överskott på **5 mnkr**.\n\n- IT\n- MT\n",
		"# Rubrik\n<script>alert('x')</script> & **fet** *kursiv*\r\n* punkt\n\nNuläge: pågår",
		"**", "- ", "#", "a\n- b\nc", "NULÄGE: klart",
	} {
		f.Add(s)
	}
	tags := []string{"p", "ul", "li", "h4", "strong"}
	f.Fuzz(func(t *testing.T, md string) {
		out := string(Markdown(md))
		rest := out
		for _, tag := range tags {
			open, close := strings.Count(out, "<"+tag+">"), strings.Count(out, "</"+tag+">")
			if open != close {
				t.Fatalf("<%s> %d times, </%s> %d times in %q", tag, open, tag, close, out)
			}
			rest = strings.ReplaceAll(strings.ReplaceAll(rest, "<"+tag+">", " "), "</"+tag+">", " ")
		}
		if strings.ContainsAny(rest, "<>") {
			t.Fatalf("markup of the input in the HTML: %q from %q", out, md)
		}
		if !utf8.ValidString(md) || len(md) > 2000 {
			return // the word check is quadratic; texts are paragraphs
		}
		// Every word of the text is in the page, the markers (*, #, a
		// list's dash) aside, NUL as U+FFFD (as html/template writes it);
		// tags only ever add space.
		markers := strings.NewReplacer("*", "", "#", "", "\x00", "\uFFFD")
		text := markers.Replace(strings.Join(strings.Fields(html.UnescapeString(rest)), ""))
		for _, w := range strings.Fields(md) {
			if w = markers.Replace(w); w != "" && w != "-" && !strings.Contains(text, w) {
				t.Fatalf("word %q of %q missing from %q", w, md, out)
			}
		}
		a := ParseAssignment("uppdrag.md", md)
		if a.Title == "" && !strings.Contains(md, "#") {
			t.Fatalf("no title: %+v", a)
		}
		if a.Status != "" && !strings.Contains(md, a.Status) {
			t.Fatalf("status %q not in %q", a.Status, md)
		}
	})
}
