package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// emulatorProc is the standalone emulator (cmd/cloudquota-emulator) run as a process, as a
// user would run it. The API calls a plan makes are counted from its request log: one line
// per request, on stderr.
type emulatorProc struct {
	cmd  *exec.Cmd
	URL  string
	done chan struct{}

	mu    sync.Mutex
	reqs  []logged
	other []string // the last lines of its stderr that are not request lines (errors, usage)
}

// logged is one request line of the emulator's log.
type logged struct {
	At     time.Time // when the bench read the line: the request's end, to within a pipe's delay
	Action string
	Status string
	Note   string // "rate limit", "fault throttle", ...: what shaped the answer, "" for none
}

// logLine matches the emulator's request log (internal/emulator, Server.ServeHTTP):
// `... action="X" ak="..." project="..." status=200 request_id=... (1.2ms) [note]`.
var logLine = regexp.MustCompile(`action="([^"]*)" .* status=(\d+) request_id=\S+ \([^)]*\)(?: \[(.*)\])?$`)

// startEmulator runs the emulator binary with args and waits until it listens.
func startEmulator(ctx context.Context, bin, dir string, args ...string) (*emulatorProc, error) {
	urlFile := filepath.Join(dir, "emulator.url")
	_ = os.Remove(urlFile)
	cmd := exec.Command(bin, append([]string{"-listen", "127.0.0.1:0", "-url-file", urlFile}, args...)...)
	cmd.Stdout = io.Discard
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	e := &emulatorProc{cmd: cmd, done: make(chan struct{})}
	go e.read(stderr)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if b, err := os.ReadFile(urlFile); err == nil && strings.HasSuffix(string(b), "\n") {
			e.URL = strings.TrimSpace(string(b))
			return e, nil
		}
		select {
		case <-e.done:
			_ = cmd.Wait()
			// A flag this bench passes may be one the emulator no longer has: -rate-limit=0
			// leaves that one out, -shared-emulator-flags sets the shared section's.
			return nil, fmt.Errorf("the emulator (%s) exited before listening (%v):\n%s",
				strings.Join(args, " "), cmd.ProcessState, strings.Join(e.other, "\n"))
		case <-ctx.Done():
			e.stop()
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			e.stop()
			return nil, fmt.Errorf("the emulator did not write %s within 30s", urlFile)
		}
	}
}

func (e *emulatorProc) read(r io.Reader) {
	defer close(e.done)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		m := logLine.FindStringSubmatch(sc.Text())
		if m == nil {
			e.mu.Lock()
			e.other = append(e.other, sc.Text())
			if len(e.other) > 20 {
				e.other = e.other[1:]
			}
			e.mu.Unlock()
			continue
		}
		e.mu.Lock()
		e.reqs = append(e.reqs, logged{At: time.Now(), Action: m[1], Status: m[2], Note: m[3]})
		e.mu.Unlock()
	}
}

// mark is the position in the log to count a run's requests from.
func (e *emulatorProc) mark() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.reqs)
}

// since returns the requests logged after mark m, once the log has been quiet for a moment
// (a request's line is written after its answer, which the provider may have had already).
func (e *emulatorProc) since(m int) []logged {
	last := -1
	for range 50 {
		time.Sleep(20 * time.Millisecond)
		n := e.mark()
		if n == last {
			break
		}
		last = n
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]logged(nil), e.reqs[m:]...)
}

// stop ends the emulator with SIGTERM (it shuts down cleanly) and waits for it.
func (e *emulatorProc) stop() {
	if e == nil || e.cmd.Process == nil {
		return
	}
	_ = e.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-e.done:
	case <-time.After(10 * time.Second):
		_ = e.cmd.Process.Kill()
	}
	_ = e.cmd.Wait()
}

// callStats summarises a run's requests: all of them, those the emulator's rate limits
// refused (isThrottled), and those answered with anything but a plain 200 (throttling and faults included).
type callStats struct {
	Calls, Throttled, Failed int
	// PeakPerSecond is the most requests whose log lines arrived within any one second: the
	// rate the emulator served, as the bench saw it.
	PeakPerSecond int
}

func countCalls(reqs []logged) callStats {
	var s callStats
	for i, r := range reqs {
		s.Calls++
		if isThrottled(r) {
			s.Throttled++
		}
		if r.Status != "200" || r.Note != "" {
			s.Failed++
		}
		n := 0
		for _, q := range reqs[i:] {
			if q.At.Sub(r.At) >= time.Second {
				break
			}
			n++
		}
		s.PeakPerSecond = max(s.PeakPerSecond, n)
	}
	return s
}
