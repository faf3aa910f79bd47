package emulator

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Limit is a rate limit: at most N requests within any Window (a sliding
// window over the requests' arrival times, not a token bucket: a bucket of N
// refilled at N a window would let 2N through in the first window).
type Limit struct {
	N      int
	Window time.Duration
}

// IsZero reports whether l is no limit.
func (l Limit) IsZero() bool { return l.N <= 0 || l.Window <= 0 }

// String is the "N/DURATION" form ParseLimit reads, e.g. "5/1m", "20/1s".
func (l Limit) String() string {
	d := l.Window.String() // "1m0s", "1h0m0s", "10s", "500ms"
	if strings.HasSuffix(d, "m0s") {
		d = strings.TrimSuffix(d, "0s")
	}
	if strings.HasSuffix(d, "h0m") {
		d = strings.TrimSuffix(d, "0m")
	}
	return strconv.Itoa(l.N) + "/" + d
}

// ParseLimit parses "N/DURATION": N a positive whole number, DURATION a
// positive Go duration such as 1s, 500ms or 1m.
func ParseLimit(s string) (Limit, error) {
	n, d, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Limit{}, fmt.Errorf("limit %q is not N/DURATION, such as 5/1m or 20/1s", s)
	}
	count, err := strconv.Atoi(strings.TrimSpace(n))
	if err != nil || count < 1 {
		return Limit{}, fmt.Errorf("limit %q: N %q is not a positive whole number", s, n)
	}
	window, err := time.ParseDuration(strings.TrimSpace(d))
	if err != nil || window <= 0 {
		return Limit{}, fmt.Errorf("limit %q: DURATION %q is not a positive duration such as 1s or 1m", s, d)
	}
	return Limit{N: count, Window: window}, nil
}

// ParseLimitSpec parses the command line form "ACTION=N/DURATION", e.g.
// "ShowResourceQuotas=100/1s". When actions is not nil, ACTION must be one
// of them.
func ParseLimitSpec(spec string, actions []string) (action string, l Limit, err error) {
	action, rest, ok := strings.Cut(spec, "=")
	action = strings.TrimSpace(action)
	if !ok || action == "" {
		return "", Limit{}, fmt.Errorf("limit %q: want ACTION=N/DURATION, such as ShowResourceQuotas=100/1s", spec)
	}
	if err := checkAction(action, actions); err != nil {
		return "", Limit{}, fmt.Errorf("limit %q: %w", spec, err)
	}
	l, err = ParseLimit(rest)
	return action, l, err
}

// checkAction refuses an action that is not one of actions (nil: any),
// naming the valid ones and the nearest.
func checkAction(action string, actions []string) error {
	if actions == nil || slices.Contains(actions, action) {
		return nil
	}
	hint := ""
	if near := nearest(action, actions); near != "" {
		hint = fmt.Sprintf(" (did you mean %s?)", near)
	}
	return fmt.Errorf("unknown ACTION %q%s; the emulator serves %s", action, hint, strings.Join(actions, ", "))
}

// nearest returns the action within a few edits of s, "" if none.
func nearest(s string, actions []string) string {
	best, bestD := "", 4
	for _, a := range actions {
		if d := editDistance(strings.ToLower(s), strings.ToLower(a)); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// rateLimit is Options.RateLimit as a Limit: n = max(1, floor(r)) requests
// within n/r seconds (for whole r: any sliding second).
func rateLimit(perSecond float64) Limit {
	if perSecond <= 0 {
		return Limit{}
	}
	n := max(1, int(perSecond))
	return Limit{N: n, Window: time.Duration(float64(n) / perSecond * float64(time.Second))}
}

// limitKey is what a limit counts per: one access key's requests to one action.
type limitKey struct{ accessKey, action string }

// SetRateLimit replaces every limit with one of perSecond requests a second
// per access key and action, as Options.RateLimit; 0 lifts every limit.
func (s *Server) SetRateLimit(perSecond float64) {
	s.mu.Lock()
	s.limits = nil
	s.rate = rateLimit(perSecond)
	s.mu.Unlock()
}

// SetLimit sets action's limit per access key, as one of Options.Limits; a
// zero Limit removes it (the action then falls back to the RateLimit, if
// any).
func (s *Server) SetLimit(action string, l Limit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l.IsZero() {
		delete(s.limits, action)
		return
	}
	if s.limits == nil {
		s.limits = map[string]Limit{}
	}
	s.limits[action] = l
}

// Limits returns the per-action limits in force (not the RateLimit).
func (s *Server) Limits() map[string]Limit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.limits)
}

// limitFor is action's limit, zero for none; s.mu is held.
func (s *Server) limitFor(action string) Limit {
	if l, ok := s.limits[action]; ok {
		return l
	}
	return s.rate
}

// admit applies action's limit to a request signed by accessKey: it is
// refused, and counted, when the access key's requests to action that the
// limit let through within the trailing window already number N. Only
// requests let through use up the limit. It returns the limit applied.
func (s *Server) admit(accessKey, action string) (Limit, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.limitFor(action)
	if l.IsZero() {
		return l, true
	}
	now := time.Now() // under the lock, so each key's times stay in order
	key := limitKey{accessKey, action}
	times := s.served[key]
	i := 0
	for i < len(times) && !times[i].After(now.Add(-l.Window)) {
		i++
	}
	times = times[i:]
	if len(times) >= l.N {
		s.served[key] = times
		s.throttled[action]++
		return l, false
	}
	s.served[key] = append(times, now)
	return l, true
}

// Throttled returns how many requests for action ("" = all) the rate limit
// refused since New or the last Reset. Injected throttle faults are not
// counted.
func (s *Server) Throttled(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if action != "" {
		return s.throttled[action]
	}
	n := 0
	for _, c := range s.throttled {
		n += c
	}
	return n
}

// PeakRate is the largest number of recorded requests for action ("" = all)
// whose Time (arrival) falls within one interval [t, t+window), e.g. with
// window time.Second the peak request rate the emulator saw. It counts every
// recorded request, whatever its answer, including throttled ones; a client
// that keeps under the limit has a peak rate at or below it.
func (s *Server) PeakRate(action string, window time.Duration) int {
	s.mu.Lock()
	var times []time.Time
	for _, rq := range s.requests {
		if action == "" || rq.Action == action {
			times = append(times, rq.Time)
		}
	}
	s.mu.Unlock()
	return peakCount(times, window)
}

// peakCount is the largest number of times within one [t, t+window).
func peakCount(times []time.Time, window time.Duration) int {
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	peak, lo := 0, 0
	for hi := range times {
		for times[hi].Sub(times[lo]) >= window {
			lo++
		}
		peak = max(peak, hi-lo+1)
	}
	return peak
}
