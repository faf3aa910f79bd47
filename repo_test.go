package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// `make help` shows each target's `## ` line: every target has one.
func TestEveryMakeTargetHasHelp(t *testing.T) {
	f, err := os.Open("GNUmakefile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	target := regexp.MustCompile(`^([a-zA-Z0-9_-]+):`)
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); {
		line := sc.Text()
		m := target.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n++
		if i := strings.Index(line, "## "); i < 0 || strings.TrimSpace(line[i+3:]) == "" {
			t.Errorf("GNUmakefile: target %s has no `## ` help text", m[1])
		}
	}
	if n < 10 {
		t.Errorf("found %d targets in GNUmakefile; the pattern no longer matches them", n)
	}
}

// Every relative link of the README and the guides names a file of the repository. A guide's
// links are read where tfplugindocs writes it, docs/guides/, which is where users follow them.
func TestDocsLinksExist(t *testing.T) {
	link := regexp.MustCompile(`\]\(([^)#\s]+)(#[^)]*)?\)`)
	files := []string{"README.md", "CHANGELOG.md"}
	guides, _ := filepath.Glob(filepath.Join("templates", "guides", "*.md.tmpl"))
	files = append(files, guides...)
	checked := 0
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Dir(name)
		if strings.HasPrefix(name, filepath.Join("templates", "guides")) {
			dir = filepath.Join("docs", "guides")
		}
		for _, m := range link.FindAllStringSubmatch(string(raw), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			checked++
			if _, err := os.Stat(filepath.Join(dir, target)); err != nil {
				t.Errorf("%s links to %s, which does not exist", name, target)
			}
		}
	}
	if checked < 10 {
		t.Errorf("checked %d links; the pattern no longer matches them", checked)
	}
}
