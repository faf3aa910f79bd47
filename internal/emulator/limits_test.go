package emulator

import (
	"strings"
	"testing"
	"time"
)

func TestParseLimit(t *testing.T) {
	for in, want := range map[string]Limit{
		"5/1m": {5, time.Minute}, "20/1s": {20, time.Second}, " 100 / 500ms ": {100, 500 * time.Millisecond}, "1/1h30m": {1, 90 * time.Minute}, "3/10s": {3, 10 * time.Second}, "2/1h": {2, time.Hour},
	} {
		got, err := ParseLimit(in)
		if err != nil || got != want {
			t.Errorf("ParseLimit(%q) = %v, %v; want %v", in, got, err, want)
		}
		if back, err := ParseLimit(got.String()); err != nil || back != got {
			t.Errorf("%v.String() = %q does not parse back: %v, %v", got, got.String(), back, err)
		}
	}
	for _, in := range []string{"", "5", "5/", "/1s", "0/1s", "-1/1s", "x/1s", "5/0s", "5/-1s", "5/soon"} {
		if _, err := ParseLimit(in); err == nil {
			t.Errorf("ParseLimit(%q) accepted", in)
		}
	}
	if s := (Limit{5, time.Minute}).String(); s != "5/1m" {
		t.Errorf("String = %q", s)
	}
}

func TestParseSpecsCheckActions(t *testing.T) {
	actions := []string{"DescribeImageAuthorizedInfo", "GetAuthSummary", "ShowResourceQuotas"}
	_, _, err := ParseFault("ShowResourceQuota:throttle:3", actions)
	if err == nil || !strings.Contains(err.Error(), `unknown ACTION "ShowResourceQuota" (did you mean ShowResourceQuotas?)`) ||
		!strings.Contains(err.Error(), "DescribeImageAuthorizedInfo, GetAuthSummary, ShowResourceQuotas") {
		t.Errorf("misspelt action: %v", err)
	}
	if _, _, err := ParseFault("Nothing:throttle", actions); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("unknown action: %v", err)
	}
	if a, f, err := ParseFault("ShowResourceQuotas:throttle:3", actions); err != nil || a != "ShowResourceQuotas" || f.Count != 3 {
		t.Errorf("good spec: %q %+v %v", a, f, err)
	}
	if _, _, err := ParseFault("ShowResourceQuotas:explode", actions); err == nil || !strings.Contains(err.Error(), "error, throttle, 5xx, drop, malformed, truncated, latency") {
		t.Errorf("unknown kind: %v", err)
	}

	a, l, err := ParseLimitSpec("ShowResourceQuotas=100/1s", actions)
	if err != nil || a != "ShowResourceQuotas" || l != (Limit{100, time.Second}) {
		t.Errorf("limit spec: %q %v %v", a, l, err)
	}
	for _, spec := range []string{"ShowResourceQuota=1/1s", "ShowResourceQuotas", "=1/1s", "ShowResourceQuotas=0/1s", "ShowResourceQuotas=1"} {
		if _, _, err := ParseLimitSpec(spec, actions); err == nil {
			t.Errorf("ParseLimitSpec(%q) accepted", spec)
		}
	}
}

// admit counts per access key and action, in a sliding window of arrivals it
// let through.
func TestAdmitPerKeySliding(t *testing.T) {
	s := New(Options{Backends: []Backend{nopBackend{}}, Limits: map[string]Limit{"A": {N: 2, Window: 200 * time.Millisecond}}})
	want := func(ak, action string, ok bool) {
		t.Helper()
		if _, got := s.admit(ak, action); got != ok {
			t.Errorf("admit(%s, %s) = %v, want %v", ak, action, got, ok)
		}
	}
	want("k1", "A", true)
	want("k1", "A", true)
	want("k1", "A", false) // third within the window
	want("k2", "A", true)  // another key's own budget
	want("k1", "B", true)  // an action without a limit
	if n := s.Throttled("A"); n != 1 {
		t.Errorf("Throttled = %d", n)
	}
	time.Sleep(250 * time.Millisecond)
	want("k1", "A", true)
	want("k1", "A", true)
	want("k1", "A", false)

	s.SetLimit("A", Limit{})
	want("k1", "A", true)
	s.SetRateLimit(1) // one a second, every action
	want("k1", "B", true)
	want("k1", "B", false)
	if len(s.Limits()) != 0 {
		t.Errorf("SetRateLimit kept per-action limits: %v", s.Limits())
	}
}

func TestResolveTime(t *testing.T) {
	start := time.Date(2026, 12, 2, 6, 30, 0, 0, time.UTC)
	beijing := time.FixedZone("CST", 8*3600)
	for _, tt := range []struct {
		in, layout string
		loc        *time.Location
		want       string
	}{
		{"now", time.RFC3339, time.UTC, "2026-12-02T06:30:00Z"},
		{"now+720h", time.RFC3339, time.UTC, "2027-01-01T06:30:00Z"},
		{" now - 24h ", time.RFC3339, time.UTC, "2026-12-01T06:30:00Z"},
		{"now+90m", "2006-01-02 15:04:05", beijing, "2026-12-02 16:00:00"},
		{"2024-12-24 13:01:18", "2006-01-02 15:04:05", beijing, "2024-12-24 13:01:18"},
		{"", time.RFC3339, time.UTC, ""},
	} {
		got, err := ResolveTime(tt.in, start, tt.layout, tt.loc)
		if err != nil || got != tt.want {
			t.Errorf("ResolveTime(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"now+", "now+soon", "now*2h", "now720h", "now+-1h", "nowadays"} {
		if _, err := ResolveTime(bad, start, time.RFC3339, time.UTC); err == nil {
			t.Errorf("ResolveTime(%q) accepted", bad)
		}
	}
}
