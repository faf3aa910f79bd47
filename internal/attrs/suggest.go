package attrs

import (
	"fmt"
	"strings"
)

// Nearest is the entry of known closest to s by edit distance (case-insensitive), "" when
// none is close enough to be a likely typo: at most a third of s's length away, and at
// least one edit.
func Nearest(s string, known []string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	best, bestD := "", -1
	for _, k := range known {
		d := levenshtein(s, strings.ToLower(k))
		if bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	if bestD < 0 || bestD > max(1, len([]rune(s))/3) {
		return ""
	}
	return best
}

// Suggest is the "Did you mean ...? " sentence (with its trailing space, to prefix the next
// one) for s among known (regions, endpoints keys), "" when nothing is close. Every cloud's
// unknown-region error and the endpoints keys' check use it.
func Suggest(s string, known []string) string {
	if n := Nearest(s, known); n != "" && n != s {
		return fmt.Sprintf("Did you mean %q? ", n)
	}
	return ""
}

// levenshtein is the edit distance between a and b (insertions, deletions, substitutions).
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
