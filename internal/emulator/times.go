package emulator

import (
	"fmt"
	"strings"
	"time"
)

// Times in the data file may be relative to the emulator's start, so that
// data never rots: "now", "now+720h", "now-24h" (now plus or minus a Go
// duration). Each cloud resolves its time fields when it is built and writes
// them in its API's own format.

// ResolveTime resolves a data-file time v against start: a relative one
// becomes start plus its offset, written in layout in loc; any other value
// is kept as it is (the data file may hold what the real API would send).
func ResolveTime(v string, start time.Time, layout string, loc *time.Location) (string, error) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(v), "now")
	if !ok {
		return v, nil
	}
	var offset time.Duration
	if rest = strings.TrimSpace(rest); rest != "" {
		sign := rest[0]
		d, err := time.ParseDuration(strings.TrimSpace(rest[1:]))
		if (sign != '+' && sign != '-') || err != nil || strings.HasPrefix(strings.TrimSpace(rest[1:]), "-") {
			return "", fmt.Errorf("time %q: want now, now+DURATION or now-DURATION with a Go duration such as 720h or 90m", v)
		}
		if offset = d; sign == '-' {
			offset = -d
		}
	}
	return start.Add(offset).In(loc).Format(layout), nil
}

// ResolveTimeField resolves *p in place (nil: nothing to do).
func ResolveTimeField(p *string, start time.Time, layout string, loc *time.Location) error {
	if p == nil {
		return nil
	}
	v, err := ResolveTime(*p, start, layout, loc)
	if err != nil {
		return err
	}
	*p = v
	return nil
}
