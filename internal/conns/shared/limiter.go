package shared

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Window is a documented rate limit: at most N calls in any window of length Per.
type Window struct {
	N   int
	Per time.Duration
}

func (w Window) String() string {
	return fmt.Sprintf("%d per %s", w.N, w.Per)
}

// span is how far back a call still counts: the window plus a margin for clock and network
// jitter, since the cloud counts arrivals with its own clock and a call sent one window after
// another may arrive a little sooner than that.
func (w Window) span() time.Duration {
	return w.Per + min(max(w.Per/10, 50*time.Millisecond), 2*time.Second)
}

// Clock is the time source; tests replace it.
type Clock interface {
	Now() time.Time
	// Sleep waits d or until ctx ends, reporting ctx's error then.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// RealClock is the wall clock, which every process on the machine shares.
var RealClock Clock = realClock{}

// Warn reports a problem with the shared state that the caller worked around.
type Warn func(ctx context.Context, msg string, err error)

// Limiter admits calls so that no window of a budget's documented length ever holds more
// than its N calls, counted by every process that uses the same directory. Each budget is a
// sliding log of the times its calls were sent: unlike a token bucket, whose burst plus
// refill lets 2N through in the first window, a log never admits an (N+1)th call until the
// oldest of the last N has left the window.
type Limiter struct {
	dir   *Dir // nil: this process only
	warn  Warn
	clock Clock

	mu     sync.Mutex
	mem    map[string][]int64 // this process's own log of each budget; the whole log without a file
	noFile map[string]bool    // budgets whose file failed: in-process from then on
	swept  sync.Once
}

// NewLimiter returns a limiter sharing its budgets through dir (nil = this process only).
func NewLimiter(dir *Dir, clock Clock, warn Warn) *Limiter {
	if clock == nil {
		clock = RealClock
	}
	if warn == nil {
		warn = func(context.Context, string, error) {}
	}
	return &Limiter{dir: dir, warn: warn, clock: clock, mem: map[string][]int64{}, noFile: map[string]bool{}}
}

// Wait blocks until budget key (a Key of cloud, account and action) admits one more call
// under w, and records it. It returns how long it waited, and ctx's error if ctx ended first.
func (l *Limiter) Wait(ctx context.Context, key string, w Window) (time.Duration, error) {
	return l.WaitNotify(ctx, key, w, nil)
}

// WaitNotify is Wait, calling notify (when not nil) with each wait before it starts, so that
// the caller can say why it waits while it does.
func (l *Limiter) WaitNotify(ctx context.Context, key string, w Window, notify func(time.Duration)) (time.Duration, error) {
	if w.N <= 0 || w.Per <= 0 {
		return 0, nil
	}
	start := l.clock.Now()
	for {
		wait, err := l.admit(ctx, key, w, false)
		if err != nil {
			return l.clock.Now().Sub(start), err
		}
		if wait <= 0 {
			return l.clock.Now().Sub(start), nil
		}
		if notify != nil {
			notify(wait)
		}
		if err := l.clock.Sleep(ctx, wait); err != nil {
			return l.clock.Now().Sub(start), err
		}
	}
}

// Throttled records that the cloud refused a call of budget key for its rate: the cloud's
// window is full whatever the log says (another tool may share the account), so the budget
// is marked full from now, and every process waits a whole window before its next call.
func (l *Limiter) Throttled(ctx context.Context, key string, w Window) {
	if w.N <= 0 || w.Per <= 0 {
		return
	}
	_, _ = l.admit(ctx, key, w, true)
}

// Next is how long until budget key admits another call; 0 = now. It records nothing.
func (l *Limiter) Next(key string, w Window) time.Duration {
	if w.N <= 0 || w.Per <= 0 {
		return 0
	}
	l.mu.Lock()
	calls := slices.Clone(l.mem[key])
	l.mu.Unlock()
	if l.dir != nil && !l.fileFailed(key) {
		if b, err := l.dir.read(l.file(key)); err == nil {
			if fromFile, err := decodeLog(b); err == nil {
				calls = fromFile
			}
		}
	}
	now := l.clock.Now()
	return waitFor(prune(calls, now, w), now, w)
}

func (l *Limiter) file(key string) string {
	return filepath.Join(l.dir.path, "limits", key+".json")
}

func (l *Limiter) fileFailed(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.noFile[key]
}

// admit records a call of budget key if w allows one now (or, full, marks the window full)
// and returns 0; otherwise it returns how long until it would.
func (l *Limiter) admit(ctx context.Context, key string, w Window, full bool) (time.Duration, error) {
	l.swept.Do(func() {
		if l.dir != nil {
			l.dir.sweep("limits", 24*time.Hour, false)
		}
	})
	if l.dir == nil || l.fileFailed(key) {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.admitLog(key, w, full), nil
	}
	var wait time.Duration
	file := l.file(key)
	err := l.dir.withLock(ctx, file, func() error {
		b, err := l.dir.read(file)
		if err != nil {
			return err
		}
		calls, err := decodeLog(b)
		corrupt := err != nil
		l.mu.Lock()
		defer l.mu.Unlock()
		if corrupt {
			l.warn(ctx, "a rate-limit file of the shared cache directory is corrupt; starting it afresh "+
				"from this process's own calls", fmt.Errorf("%s: %w", file, err))
			calls = l.mem[key]
		}
		now := l.clock.Now()
		calls = prune(calls, now, w)
		wait = l.record(key, &calls, now, w, full)
		if wait > 0 && !corrupt {
			return nil // nothing changed
		}
		out, _ := json.Marshal(logFile{V: 1, Calls: calls})
		return l.dir.write(file, out)
	})
	if err != nil {
		if errors.Is(err, errLockTimeout) && ctx.Err() != nil {
			return 0, ctx.Err()
		}
		// The directory stopped working: this budget is this process's alone from now on.
		l.warn(ctx, "the shared cache directory cannot be used for rate limits; this process keeps its own", err)
		l.mu.Lock()
		l.noFile[key] = true
		l.mu.Unlock()
		return l.admit(ctx, key, w, full)
	}
	return wait, nil
}

// admitLog decides on this process's own log alone (no shared file), under l.mu.
func (l *Limiter) admitLog(key string, w Window, full bool) time.Duration {
	now := l.clock.Now()
	calls := prune(l.mem[key], now, w)
	return l.record(key, &calls, now, w, full)
}

// record admits one call into the sorted log calls if w allows it at now (or, full, fills
// the window), keeping this process's own log in step for a later fallback; otherwise it
// returns how long until w would allow one. Called under l.mu.
func (l *Limiter) record(key string, calls *[]int64, now time.Time, w Window, full bool) time.Duration {
	n := 1
	if full {
		n = w.N
	} else if wait := waitFor(*calls, now, w); wait > 0 {
		return wait
	}
	own := prune(l.mem[key], now, w)
	for range n {
		*calls = append(*calls, now.UnixNano())
		own = append(own, now.UnixNano())
	}
	l.mem[key] = own
	return 0
}

// prune keeps the calls still inside w's span at now, sorted. A call in the future (a clock
// that was set back) is dropped: waiting on it could last for as long as the clock moved.
func prune(calls []int64, now time.Time, w Window) []int64 {
	from := now.Add(-w.span()).UnixNano()
	to := now.Add(time.Second).UnixNano()
	out := make([]int64, 0, len(calls))
	for _, c := range calls {
		if c > from && c <= to {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// waitFor is how long until the sorted log calls admits one more call under w.
func waitFor(calls []int64, now time.Time, w Window) time.Duration {
	if len(calls) < w.N {
		return 0
	}
	// The call that must leave the span first for one more to fit.
	oldest := time.Unix(0, calls[len(calls)-w.N])
	if d := oldest.Add(w.span()).Sub(now); d > 0 {
		return d
	}
	return 0
}

type logFile struct {
	V     int     `json:"v"`
	Calls []int64 `json:"calls"`
}

func decodeLog(b []byte) ([]int64, error) {
	if len(b) == 0 {
		return nil, nil
	}
	var f logFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	if f.V != 1 {
		return nil, fmt.Errorf("unknown format version %d", f.V)
	}
	return f.Calls, nil
}

// ParseWindow reads a rate_limits value, "N/DURATION" such as "5/1m" or "20/1s": N a whole
// number of calls from 1, DURATION a Go duration from 1ms.
func ParseWindow(s string) (Window, error) {
	n, per, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Window{}, fmt.Errorf("%q is not of the form N/DURATION, such as \"5/1m\"", s)
	}
	count, err := strconv.Atoi(strings.TrimSpace(n))
	if err != nil || count < 1 {
		return Window{}, fmt.Errorf("%q: the number of calls must be a whole number from 1, such as the 5 of \"5/1m\"", s)
	}
	d, err := time.ParseDuration(strings.TrimSpace(per))
	if err != nil || d < time.Millisecond {
		return Window{}, fmt.Errorf("%q: the window must be a duration from 1ms, such as the 1m of \"5/1m\" (units ms, s, m, h)", s)
	}
	return Window{N: count, Per: d}, nil
}
