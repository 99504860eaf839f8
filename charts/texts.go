package charts

import (
	"html/template"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Texts are the economist's own words: Markdown files that replace a
// section's draft text (sammanfattning.md, resultat.md, prognos.md,
// kostnader.md, nettokostnad.md, medarbetare.md, investeringar.md,
// verksamhet.md, balanserad_styrning.md …) and the assignments reported back
// (uppdrag/*.md: a "# Title" line, the text, and a "Nuläge: …" status line).
// They are text only: nothing in them runs, and everything is escaped.
type Texts struct {
	Sections    map[string]string
	Assignments []Assignment
}

// Assignment is one entry of Återrapportering av uppdrag.
type Assignment struct {
	Title  string `json:"title"`
	Body   string `json:"-"`
	Status string `json:"status"`
}

// ReadTexts reads a texts folder: the folder named after the report month
// (2019-04/) when there is one, so that a monthly build keeps each month's
// words, else the folder itself.
func ReadTexts(fsys fs.FS, period string) (*Texts, error) {
	if info, err := fs.Stat(fsys, period); err == nil && info.IsDir() {
		sub, err := fs.Sub(fsys, period)
		if err != nil {
			return nil, err
		}
		fsys = sub
	}
	t := &Texts{Sections: map[string]string{}}
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		t.Sections[strings.TrimSuffix(n, ".md")] = string(b)
	}
	names, err = fs.Glob(fsys, "uppdrag/*.md")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		t.Assignments = append(t.Assignments, ParseAssignment(path.Base(n), string(b)))
	}
	return t, nil
}

// ReadTextsDir reads a texts folder on disk.
func ReadTextsDir(dir, period string) (*Texts, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	return ReadTexts(os.DirFS(dir), period)
}

// ParseAssignment reads "# Title", the text, and a "Nuläge:" status line.
func ParseAssignment(file, md string) Assignment {
	a := Assignment{Title: strings.TrimSuffix(file, ".md")}
	var body []string
	for _, line := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "# "):
			a.Title = strings.TrimSpace(trimmed[2:])
		case strings.HasPrefix(strings.ToLower(trimmed), "nuläge:"):
			a.Status = strings.TrimSpace(trimmed[len("nuläge:"):])
		default:
			body = append(body, line)
		}
	}
	a.Body = strings.TrimSpace(strings.Join(body, "\n"))
	return a
}

var boldRe = regexp.MustCompile(`\*\*([^*]+)\*\*`)

// Markdown renders the small Markdown economists write: paragraphs, "- "
// lists and **bold**. Everything else is text, escaped.
func Markdown(md string) template.HTML {
	var b strings.Builder
	inList := false
	inline := func(s string) string {
		return boldRe.ReplaceAllString(template.HTMLEscapeString(s), "<strong>$1</strong>")
	}
	var para []string
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + inline(strings.Join(para, " ")) + "</p>\n")
			para = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* "):
			flush()
			if !inList {
				b.WriteString("<ul>\n")
				inList = true
			}
			b.WriteString("<li>" + inline(t[2:]) + "</li>\n")
		case t == "":
			flush()
			if inList {
				b.WriteString("</ul>\n")
				inList = false
			}
		case strings.HasPrefix(t, "#"):
			flush()
			b.WriteString("<h4>" + inline(strings.TrimSpace(strings.TrimLeft(t, "#"))) + "</h4>\n")
		default:
			if inList {
				b.WriteString("</ul>\n")
				inList = false
			}
			para = append(para, t)
		}
	}
	flush()
	if inList {
		b.WriteString("</ul>\n")
	}
	return template.HTML(b.String())
}
