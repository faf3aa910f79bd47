package shared

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type fakeClock = ManualClock

func newFakeClock() *fakeClock { return NewManualClock() }

// maxInWindow is the most calls any window of length per holds.
func maxInWindow(calls []time.Time, per time.Duration) int {
	slices.SortFunc(calls, func(a, b time.Time) int { return a.Compare(b) })
	most := 0
	for i := range calls {
		n := 0
		for j := i; j < len(calls) && calls[j].Sub(calls[i]) < per; j++ {
			n++
		}
		most = max(most, n)
	}
	return most
}

func openDir(t *testing.T) *Dir {
	t.Helper()
	d, err := Open(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLimiterNeverExceedsAnyWindow(t *testing.T) {
	w := Window{N: 5, Per: time.Minute}
	for _, tc := range []struct {
		name string
		dir  bool
	}{{"in-process", false}, {"shared directory", true}} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFakeClock()
			var dir *Dir
			if tc.dir {
				dir = openDir(t)
			}
			l := NewLimiter(dir, clock, nil)
			var calls []time.Time
			for i := range 23 {
				if _, err := l.Wait(context.Background(), "k", w); err != nil {
					t.Fatal(err)
				}
				calls = append(calls, clock.Now())
				clock.Advance(time.Duration(i%4) * 7 * time.Second) // irregular gaps
			}
			if got := maxInWindow(calls, w.Per); got > w.N {
				t.Fatalf("a window of %s held %d calls, want at most %d", w.Per, got, w.N)
			}
			// Not a token bucket: 5 at once, and the 6th only after the first left the window.
			first := NewLimiter(nil, newFakeClock(), nil)
			start := first.clock.Now()
			var sixth time.Time
			for range 6 {
				if _, err := first.Wait(context.Background(), "k", w); err != nil {
					t.Fatal(err)
				}
				sixth = first.clock.Now()
			}
			if d := sixth.Sub(start); d < w.Per {
				t.Fatalf("6th call %s after the first, want at least %s", d, w.Per)
			}
		})
	}
}

func TestLimiterSharedBetweenInstances(t *testing.T) {
	// Two limiters on one directory are two processes: one budget between them.
	dir := openDir(t)
	clock := newFakeClock()
	w := Window{N: 5, Per: time.Minute}
	a, b := NewLimiter(dir, clock, nil), NewLimiter(dir, clock, nil)
	var calls []time.Time
	for i := range 12 {
		l := a
		if i%2 == 1 {
			l = b
		}
		if _, err := l.Wait(context.Background(), "k", w); err != nil {
			t.Fatal(err)
		}
		calls = append(calls, clock.Now())
	}
	if got := maxInWindow(calls, w.Per); got > w.N {
		t.Fatalf("a window held %d calls from two limiters, want at most %d", got, w.N)
	}
	// Other budgets are not affected.
	if d := a.Next("other", w); d != 0 {
		t.Fatalf("an unused budget waits %s", d)
	}
}

func TestLimiterThrottledFillsWindow(t *testing.T) {
	dir := openDir(t)
	clock := newFakeClock()
	w := Window{N: 5, Per: time.Minute}
	l := NewLimiter(dir, clock, nil)
	if _, err := l.Wait(context.Background(), "k", w); err != nil {
		t.Fatal(err)
	}
	l.Throttled(context.Background(), "k", w)
	other := NewLimiter(dir, clock, nil) // another process sees it too
	if d := other.Next("k", w); d < w.Per {
		t.Fatalf("after a throttle the next call may go in %s, want a whole window (%s)", d, w.Per)
	}
	waited, err := other.Wait(context.Background(), "k", w)
	if err != nil || waited < w.Per {
		t.Fatalf("Wait after a throttle waited %s (err %v), want at least %s", waited, err, w.Per)
	}
}

func TestLimiterContextEnds(t *testing.T) {
	l := NewLimiter(nil, RealClock, nil)
	w := Window{N: 1, Per: time.Hour}
	if _, err := l.Wait(context.Background(), "k", w); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := l.Wait(ctx, "k", w); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait on a full budget returned %v, want the context's deadline", err)
	}
}

func TestLimiterFallbacks(t *testing.T) {
	w := Window{N: 2, Per: time.Minute}
	t.Run("corrupt file is warned about and repaired", func(t *testing.T) {
		dir := openDir(t)
		clock := newFakeClock()
		var warnings []string
		l := NewLimiter(dir, clock, func(_ context.Context, msg string, _ error) { warnings = append(warnings, msg) })
		key := Key("cloud", "account", "Action")
		if err := os.WriteFile(filepath.Join(dir.Path(), "limits", key+".json"), []byte("{not json"), 0o600); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if _, err := l.Wait(context.Background(), key, w); err != nil {
				t.Fatal(err)
			}
		}
		if len(warnings) != 1 || !strings.Contains(warnings[0], "corrupt") {
			t.Fatalf("warnings = %q, want one about the corrupt file", warnings)
		}
		b, _ := os.ReadFile(filepath.Join(dir.Path(), "limits", key+".json"))
		if _, err := decodeLog(b); err != nil {
			t.Fatalf("the file was not repaired: %v", err)
		}
	})
	t.Run("directory that stops working: in-process limits", func(t *testing.T) {
		dir := openDir(t)
		clock := newFakeClock()
		var warned atomic.Int32
		l := NewLimiter(dir, clock, func(context.Context, string, error) { warned.Add(1) })
		if _, err := l.Wait(context.Background(), "k", w); err != nil {
			t.Fatal(err)
		}
		// Replace the limits directory with a file: every open fails from now on.
		if err := os.RemoveAll(filepath.Join(dir.Path(), "limits")); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir.Path(), "limits"), nil, 0o600); err != nil {
			t.Fatal(err)
		}
		var calls []time.Time
		calls = append(calls, clock.Now())
		for range 4 {
			if _, err := l.Wait(context.Background(), "k", w); err != nil {
				t.Fatal(err)
			}
			calls = append(calls, clock.Now())
		}
		if warned.Load() == 0 {
			t.Fatal("no warning about the unusable directory")
		}
		if got := maxInWindow(calls, w.Per); got > w.N {
			t.Fatalf("after the fallback a window held %d calls, want at most %d", got, w.N)
		}
	})
}

func TestOpen(t *testing.T) {
	t.Run("owner-only modes", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("Windows has no Unix permission bits; the user profile's ACLs apply")
		}
		path := filepath.Join(t.TempDir(), "cache")
		if err := os.MkdirAll(path, 0o755); err != nil { // an existing, too open directory
			t.Fatal(err)
		}
		d, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		l := NewLimiter(d, nil, nil)
		if _, err := l.Wait(context.Background(), Key("a"), Window{N: 1, Per: time.Second}); err != nil {
			t.Fatal(err)
		}
		a := NewAnswers(d, nil, nil)
		if _, _, err := a.Do(context.Background(), Key("b"), time.Minute, func(context.Context) ([]byte, error) {
			return []byte(`{"x":1}`), nil
		}); err != nil {
			t.Fatal(err)
		}
		err = filepath.WalkDir(path, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := e.Info()
			if err != nil {
				return err
			}
			if info.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s has mode %s: group or other bits", p, info.Mode().Perm())
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Run("unusable path", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(file, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(filepath.Join(file, "cache")); err == nil {
			t.Fatal("Open under a regular file succeeded")
		}
	})
}

func TestAnswers(t *testing.T) {
	ctx := context.Background()
	ok := func(calls *int, body string) func(context.Context) ([]byte, error) {
		return func(context.Context) ([]byte, error) { *calls++; return []byte(body), nil }
	}
	t.Run("hit within the TTL, miss after it", func(t *testing.T) {
		dir, clock := openDir(t), newFakeClock()
		a, b := NewAnswers(dir, clock, nil), NewAnswers(dir, clock, nil)
		calls := 0
		if body, hit, err := a.Do(ctx, "k", time.Minute, ok(&calls, `{"n":1}`)); err != nil || hit || string(body) != `{"n":1}` {
			t.Fatalf("first read: %s %v %v", body, hit, err)
		}
		if body, hit, err := b.Do(ctx, "k", time.Minute, ok(&calls, `{"n":2}`)); err != nil || !hit || string(body) != `{"n":1}` {
			t.Fatalf("second read: %s %v %v, want the first answer from the cache", body, hit, err)
		}
		clock.Advance(time.Minute)
		if body, hit, _ := b.Do(ctx, "k", time.Minute, ok(&calls, `{"n":3}`)); hit || string(body) != `{"n":3}` {
			t.Fatalf("read after the TTL: %s hit=%v, want a new call", body, hit)
		}
		if calls != 2 {
			t.Fatalf("%d API calls, want 2", calls)
		}
	})
	t.Run("a shorter TTL of the reader wins", func(t *testing.T) {
		dir, clock := openDir(t), newFakeClock()
		a := NewAnswers(dir, clock, nil)
		calls := 0
		_, _, _ = a.Do(ctx, "k", time.Hour, ok(&calls, `1`))
		clock.Advance(2 * time.Minute)
		if _, hit, _ := a.Do(ctx, "k", time.Minute, ok(&calls, `2`)); hit {
			t.Fatal("an answer older than the reader's TTL was served")
		}
	})
	t.Run("failures are never kept", func(t *testing.T) {
		dir := openDir(t)
		a := NewAnswers(dir, nil, nil)
		boom := errors.New("boom")
		if _, _, err := a.Do(ctx, "k", time.Minute, func(context.Context) ([]byte, error) { return nil, boom }); !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		calls := 0
		if _, hit, _ := a.Do(ctx, "k", time.Minute, ok(&calls, `1`)); hit || calls != 1 {
			t.Fatal("a failure was served from the cache")
		}
	})
	t.Run("corrupt file: warned, API called, repaired", func(t *testing.T) {
		dir := openDir(t)
		var warnings []string
		a := NewAnswers(dir, nil, func(_ context.Context, msg string, _ error) { warnings = append(warnings, msg) })
		if err := os.WriteFile(filepath.Join(dir.Path(), "answers", "k.json"), []byte("\x00garbage"), 0o600); err != nil {
			t.Fatal(err)
		}
		calls := 0
		body, hit, err := a.Do(ctx, "k", time.Minute, ok(&calls, `{"right":true}`))
		if err != nil || hit || string(body) != `{"right":true}` || len(warnings) != 1 {
			t.Fatalf("body %s hit %v err %v warnings %q", body, hit, err, warnings)
		}
		if _, hit, _ := a.Do(ctx, "k", time.Minute, ok(&calls, `x`)); !hit {
			t.Fatal("the repaired entry was not served")
		}
	})
	t.Run("concurrent identical reads make one call", func(t *testing.T) {
		dir := openDir(t)
		var calls atomic.Int32
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				a := NewAnswers(dir, nil, nil) // one per "process"
				_, _, err := a.Do(ctx, "k", time.Minute, func(context.Context) ([]byte, error) {
					calls.Add(1)
					time.Sleep(20 * time.Millisecond)
					return []byte(`1`), nil
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if calls.Load() != 1 {
			t.Fatalf("%d API calls for 8 concurrent identical reads, want 1", calls.Load())
		}
	})
	t.Run("expired entries are swept", func(t *testing.T) {
		dir, clock := openDir(t), newFakeClock()
		old := NewAnswers(dir, clock, nil)
		calls := 0
		_, _, _ = old.Do(ctx, "stale", time.Minute, ok(&calls, `1`))
		stale := filepath.Join(dir.Path(), "answers", "stale.json")
		past := time.Now().Add(-time.Hour)
		if err := os.Chtimes(stale, past, past); err != nil {
			t.Fatal(err)
		}
		fresh := NewAnswers(dir, RealClock, nil)
		_, _, _ = fresh.Do(ctx, "other", time.Minute, ok(&calls, `2`))
		if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("expired entry still there: %v", err)
		}
	})
}

func TestKeyIsOneWay(t *testing.T) {
	k := Key("Huawei Cloud", "EMULATORHUAWEIAK0001", "ShowResourceQuotas")
	if strings.Contains(k, "EMULATOR") || len(k) != 40 {
		t.Fatalf("Key = %q", k)
	}
	if k == Key("Huawei Cloud", "EMULATORHUAWEIAK0002", "ShowResourceQuotas") {
		t.Fatal("two accounts share a key")
	}
}

// TestLimiterAcrossProcesses runs real processes (this test binary, re-executed) that spend
// one budget of 3 calls a second; the union of their calls never holds more than 3 in any
// second.
func TestLimiterAcrossProcesses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	w := Window{N: 3, Per: time.Second}
	var mu sync.Mutex
	var calls []time.Time
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), "SHARED_LIMITER_CHILD="+dir)
			out, err := cmd.Output()
			if err != nil {
				t.Errorf("child: %v\n%s", err, out)
				return
			}
			sc := bufio.NewScanner(strings.NewReader(string(out)))
			for sc.Scan() {
				if v, ok := strings.CutPrefix(sc.Text(), "call "); ok {
					n, _ := strconv.ParseInt(v, 10, 64)
					mu.Lock()
					calls = append(calls, time.Unix(0, n))
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if len(calls) != 12 {
		t.Fatalf("%d calls reported, want 12", len(calls))
	}
	// The margin keeps calls a little further apart than the window; arrivals would need it.
	if got := maxInWindow(calls, w.Per); got > w.N {
		t.Fatalf("a second held %d calls of three processes, want at most %d", got, w.N)
	}
}

// TestMain doubles as the child of TestLimiterAcrossProcesses: one provider process
// spending four calls of the shared budget.
func TestMain(m *testing.M) {
	if path := os.Getenv("SHARED_LIMITER_CHILD"); path != "" {
		d, err := Open(path)
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		l := NewLimiter(d, nil, nil)
		for range 4 {
			if _, err := l.Wait(context.Background(), "k", Window{N: 3, Per: time.Second}); err != nil {
				fmt.Println(err)
				os.Exit(1)
			}
			fmt.Printf("call %d\n", time.Now().UnixNano())
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestParseWindow(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Window
		wantErr string
	}{
		{"5/1m", Window{5, time.Minute}, ""},
		{" 20 / 1s ", Window{20, time.Second}, ""},
		{"600/60s", Window{600, time.Minute}, ""},
		{"5", Window{}, "N/DURATION"},
		{"0/1m", Window{}, "whole number from 1"},
		{"-1/1m", Window{}, "whole number from 1"},
		{"x/1m", Window{}, "whole number from 1"},
		{"5/", Window{}, "duration from 1ms"},
		{"5/1", Window{}, "duration from 1ms"},
		{"5/0s", Window{}, "duration from 1ms"},
		{"5/1µs", Window{}, "duration from 1ms"},
	} {
		got, err := ParseWindow(tc.in)
		switch {
		case tc.wantErr == "" && (err != nil || got != tc.want):
			t.Errorf("ParseWindow(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("ParseWindow(%q) error = %v, want one containing %q", tc.in, err, tc.wantErr)
		}
	}
}
