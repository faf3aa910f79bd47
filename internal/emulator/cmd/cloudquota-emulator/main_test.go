package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer lets the test read output while run writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestRunServesAndShutsDownOnSignal(t *testing.T) {
	urlFile := filepath.Join(t.TempDir(), "url")
	var stdout, stderr lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run([]string{"-url-file", urlFile, "-data", "../../testdata/example-data.json", "-huawei-access-key", "CMDTESTAK"}, &stdout, &stderr)
	}()

	var base string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(urlFile); err == nil && strings.HasSuffix(string(b), "\n") {
			base = strings.TrimSpace(string(b))
			break
		}
		select {
		case err := <-done:
			t.Fatalf("run returned early: %v\n%s", err, stderr.String())
		default:
		}
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("url file holds %q", base)
	}
	resp, err := http.Get(base + "/no/such/api")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d", resp.StatusCode)
	}

	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no shutdown after SIGINT")
	}
	out := stdout.String()
	if !strings.Contains(out, "cloudquota emulator listening on "+base) || !strings.Contains(out, "CMDTESTAK") {
		t.Errorf("stdout %q", out)
	}
	if !strings.Contains(stderr.String(), "/no/such/api") {
		t.Errorf("request not logged: %q", stderr.String())
	}
}

func TestRunRejectsBadData(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"nope":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var out lockedBuffer
	if err := run([]string{"-data", bad}, &out, &out); err == nil {
		t.Fatal("bad data file accepted")
	}
}
