package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// nopBackend claims nothing and answers nothing: enough for a Server whose
// record a test fills itself.
type nopBackend struct{}

func (nopBackend) Name() string              { return "nop" }
func (nopBackend) Claims(*http.Request) bool { return false }
func (nopBackend) Serve(x *Exchange)         { x.Send(http.StatusNotFound, nil) }
func (nopBackend) Actions() []string         { return nil }

// PeakRate over synthetic arrival times.
func TestPeakRate(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(ms ...int) []time.Time {
		out := make([]time.Time, len(ms))
		for i, m := range ms {
			out[i] = t0.Add(time.Duration(m) * time.Millisecond)
		}
		return out
	}
	tests := []struct {
		name   string
		times  []time.Time
		window time.Duration
		want   int
	}{
		{"none", nil, time.Second, 0},
		{"one", at(5), time.Second, 1},
		{"all within a second", at(0, 100, 999), time.Second, 3},
		{"window is half-open", at(0, 1000), time.Second, 1},
		{"sliding, not aligned", at(0, 600, 1100, 1500, 1599, 2700), time.Second, 4},
		{"unsorted", at(1500, 0, 1599, 600, 1100), time.Second, 4},
		{"ties", at(10, 10, 10, 2000), time.Second, 3},
		{"short window", at(0, 10, 20, 30), 15 * time.Millisecond, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := peakCount(append([]time.Time(nil), tt.times...), tt.window); got != tt.want {
				t.Errorf("peakCount = %d, want %d", got, tt.want)
			}
		})
	}

	// Through the record, per action.
	s := New(Options{Backends: []Backend{nopBackend{}}})
	for i, tm := range at(0, 100, 200, 300, 1250, 1300) {
		action := "A"
		if i%2 == 1 {
			action = "B"
		}
		s.requests = append(s.requests, Request{Action: action, Time: tm})
	}
	for action, want := range map[string]int{"": 4, "A": 2, "B": 2} {
		if got := s.PeakRate(action, time.Second); got != want {
			t.Errorf("PeakRate(%q) = %d, want %d", action, got, want)
		}
	}
	if got := s.PeakRate("C", time.Second); got != 0 {
		t.Errorf("PeakRate(unknown) = %d", got)
	}
}

func TestParseFault(t *testing.T) {
	tests := []struct {
		spec    string
		action  string
		fault   Fault
		wantErr string // substring of the error; "" for success
	}{
		{spec: "ShowResourceQuotas:throttle:3", action: "ShowResourceQuotas", fault: Fault{Kind: FaultThrottle, Count: 3}},
		{spec: "GetAuthSummary:5xx:2", action: "GetAuthSummary", fault: Fault{Kind: FaultServer, Count: 2}},
		{spec: "DescribeImageAuthorizedInfo:drop", action: "DescribeImageAuthorizedInfo", fault: Fault{Kind: FaultDrop, Count: 1}},
		{spec: "A:malformed:1", action: "A", fault: Fault{Kind: FaultMalformed, Count: 1}},
		{spec: "A:TRUNCATED", action: "A", fault: Fault{Kind: FaultTruncated, Count: 1}},
		{spec: "DescribeImageAuthorizedInfo:latency:3:2s", action: "DescribeImageAuthorizedInfo", fault: Fault{Kind: FaultLatency, Count: 3, Delay: 2 * time.Second}},
		{spec: "A:latency::250ms", action: "A", fault: Fault{Kind: FaultLatency, Count: 1, Delay: 250 * time.Millisecond}},
		{spec: "GetAuthSummary:error:1:403/Forbidden.RAM/User not authorized: see https://x/y", action: "GetAuthSummary",
			fault: Fault{Kind: FaultError, Count: 1, Status: 403, Code: "Forbidden.RAM", Message: "User not authorized: see https://x/y"}},
		{spec: "A:error:2:200/InternalError", action: "A", fault: Fault{Kind: FaultError, Count: 2, Status: 200, Code: "InternalError"}},

		{spec: "", wantErr: "missing KIND"},
		{spec: "ShowResourceQuotas", wantErr: "missing KIND"},
		{spec: ":throttle", wantErr: "empty ACTION"},
		{spec: "A:explode", wantErr: `unknown KIND "explode"`},
		{spec: "A:throttle:0", wantErr: "COUNT"},
		{spec: "A:throttle:-2", wantErr: "COUNT"},
		{spec: "A:throttle:many", wantErr: "COUNT"},
		{spec: "A:throttle:1:extra", wantErr: "takes no ARG"},
		{spec: "A:latency", wantErr: "latency needs ARG"},
		{spec: "A:latency:1", wantErr: "latency needs ARG"},
		{spec: "A:latency:1:soon", wantErr: "not a positive duration"},
		{spec: "A:latency:1:-1s", wantErr: "not a positive duration"},
		{spec: "A:error:1", wantErr: "error needs ARG"},
		{spec: "A:error:1:500", wantErr: "not STATUS/CODE/MESSAGE"},
		{spec: "A:error:1:five/X/y", wantErr: "not an HTTP status"},
		{spec: "A:error:1:42/X/y", wantErr: "not an HTTP status"},
		{spec: "A:error:1:500//y", wantErr: "CODE is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			action, f, err := ParseFault(tt.spec, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "ACTION:KIND[:COUNT[:ARG]]") {
					t.Errorf("ParseFault(%q) = %q, %+v, %v; want error with %q", tt.spec, action, f, err, tt.wantErr)
				}
				return
			}
			if err != nil || action != tt.action || f != tt.fault {
				t.Errorf("ParseFault(%q) = %q, %+v, %v; want %q, %+v", tt.spec, action, f, err, tt.action, tt.fault)
			}
		})
	}
}
