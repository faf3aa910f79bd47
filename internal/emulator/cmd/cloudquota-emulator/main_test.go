package main

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/tencent"
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

// running is run in the background, serving at base.
type running struct {
	base           string
	stdout, stderr *lockedBuffer
	done           chan error
}

// start runs the command with args plus -url-file and waits until it
// listens.
func start(t *testing.T, args ...string) *running {
	t.Helper()
	urlFile := filepath.Join(t.TempDir(), "url")
	r := &running{stdout: new(lockedBuffer), stderr: new(lockedBuffer), done: make(chan error, 1)}
	go func() {
		r.done <- run(append([]string{"-url-file", urlFile}, args...), r.stdout, r.stderr)
	}()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(urlFile); err == nil && strings.HasSuffix(string(b), "\n") {
			r.base = strings.TrimSpace(string(b))
			break
		}
		select {
		case err := <-r.done:
			t.Fatalf("run returned early: %v\n%s", err, r.stderr.String())
		default:
		}
	}
	if !strings.HasPrefix(r.base, "http://127.0.0.1:") {
		t.Fatalf("url file holds %q", r.base)
	}
	return r
}

// stop signals the process as a user would and waits for run to return.
func (r *running) stop(t *testing.T) {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-r.done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no shutdown after SIGINT")
	}
}

func TestRunServesAndShutsDownOnSignal(t *testing.T) {
	r := start(t, "-data", "../../testdata/example-data.json", "-huawei-access-key", "CMDTESTAK")
	resp, err := http.Get(r.base + "/no/such/api")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d", resp.StatusCode)
	}
	r.stop(t)
	out := r.stdout.String()
	if !strings.Contains(out, "cloudquota emulator listening on "+r.base) || !strings.Contains(out, "CMDTESTAK") {
		t.Errorf("stdout %q", out)
	}
	if !strings.Contains(r.stderr.String(), "/no/such/api") {
		t.Errorf("request not logged: %q", r.stderr.String())
	}
}

func TestRunVersion(t *testing.T) {
	var out lockedBuffer
	if err := run([]string{"-version"}, &out, &out); err != nil || out.String() != "cloudquota-emulator dev\n" {
		t.Errorf("-version: %v, %q", err, out.String())
	}
}

func TestRunSchema(t *testing.T) {
	var out lockedBuffer
	if err := run([]string{"-schema"}, &out, &out); err != nil || !strings.Contains(out.String(), `"title": "cloudquota emulator data file"`) {
		t.Errorf("-schema: %v, %.200q", err, out.String())
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

// TestRunLimitFlags: the documented limits by default, -limit changes one,
// -limits off lifts them.
func TestRunLimitFlags(t *testing.T) {
	r := start(t, "-quiet", "-limit", "DescribeImageAuthorizedInfo=1/1m")
	c := tcssClient(t, r.base)
	describe := func() error {
		return c.Send(tchttp.NewCommonRequest("tcss", "2020-11-01", "DescribeImageAuthorizedInfo"), tchttp.NewCommonResponse())
	}
	if err := describe(); err != nil {
		t.Fatal(err)
	}
	var se *tcerr.TencentCloudSDKError
	if err := describe(); !errors.As(err, &se) || se.Code != "RequestLimitExceeded" {
		t.Errorf("second call in the minute: %v", err)
	}
	r.stop(t)
	out := r.stdout.String()
	for _, s := range []string{"limit: DescribeImageAuthorizedInfo 1/1m per access key\n", "limit: ShowResourceQuotas 5/1m per access key\n", "limit: GetAuthSummary 10/1s per access key\n"} {
		if !strings.Contains(out, s) {
			t.Errorf("stdout lacks %q:\n%s", s, out)
		}
	}

	off := start(t, "-quiet", "-limits", "off")
	off.stop(t)
	if strings.Contains(off.stdout.String(), "limit:") {
		t.Errorf("-limits off still lists limits:\n%s", off.stdout.String())
	}
}

// TestRunFaultFlags drives the fault flags end to end with the Tencent SDK:
// queued faults in order, then the rate limit, all behind the latency.
func TestRunFaultFlags(t *testing.T) {
	const latency = 50 * time.Millisecond
	r := start(t, "-quiet", "-latency", latency.String(), "-rate-limit", "2",
		"-fault", "DescribeImageAuthorizedInfo:throttle",
		"-fault", "DescribeImageAuthorizedInfo:error:1:200/UnauthorizedOperation/not allowed: ask your admin")
	defer r.stop(t)

	c := tcssClient(t, r.base)
	describe := func() (string, time.Duration) {
		t.Helper()
		began := time.Now()
		err := c.Send(tchttp.NewCommonRequest("tcss", "2020-11-01", "DescribeImageAuthorizedInfo"), tchttp.NewCommonResponse())
		took := time.Since(began)
		if err == nil {
			return "", took
		}
		var se *tcerr.TencentCloudSDKError
		if !errors.As(err, &se) {
			t.Fatalf("error %T %v", err, err)
		}
		return se.Code + ": " + se.Message, took
	}

	// The two faults, in order, each after the latency; the throttle names the limit in force.
	want := []string{
		"RequestLimitExceeded: Your current request times equals to `3` in a second, which exceeds the frequency limit `2` for a second. Please reduce the frequency of calls.",
		"UnauthorizedOperation: not allowed: ask your admin",
	}
	for _, w := range want {
		got, took := describe()
		if got != w {
			t.Errorf("got %q, want %q", got, w)
		}
		if took < latency {
			t.Errorf("answered after %s, want >= %s", took, latency)
		}
	}
	// Both requests above used the limit of 2 a second: the next is refused
	// by the rate limit, until the second has passed.
	if got, _ := describe(); !strings.HasPrefix(got, "RequestLimitExceeded: Your current request times equals to `3`") {
		t.Errorf("over the limit: %q", got)
	}
	time.Sleep(time.Second)
	if got, _ := describe(); got != "" {
		t.Errorf("after the window: %q", got)
	}
	out := r.stdout.String()
	for _, s := range []string{"latency: 50ms", "rate limit: 2 requests/s per access key and action", "fault: DescribeImageAuthorizedInfo:throttle\n"} {
		if !strings.Contains(out, s) {
			t.Errorf("stdout lacks %q:\n%s", s, out)
		}
	}
}

func TestRunRejectsBadFaultFlags(t *testing.T) {
	// An action the emulator does not serve is refused before it listens, naming what it serves.
	for args, want := range map[[2]string]string{
		{"-fault", "ShowResourceQuota:throttle:3"}:    `unknown ACTION "ShowResourceQuota" (did you mean ShowResourceQuotas?); the emulator serves `,
		{"-limit", "DescribeImageAuthorizedInf=1/1s"}: `unknown ACTION "DescribeImageAuthorizedInf" (did you mean DescribeImageAuthorizedInfo?)`,
		{"-fault", "ShowResourceQuotas:explode"}:      "want one of error, throttle, 5xx, drop, malformed, truncated, latency",
		{"-limits", "documentd"}:                      `-limits "documentd": want documented or off`,
	} {
		var out lockedBuffer
		urlFile := filepath.Join(t.TempDir(), "url")
		err := run([]string{"-url-file", urlFile, args[0], args[1]}, &out, &out)
		if err == nil || !strings.Contains(err.Error()+out.String(), want) {
			t.Errorf("%q: %v (output %q), want %q", args, err, out.String(), want)
		}
		if strings.Contains(want, "the emulator serves") && !strings.Contains(err.Error(), "GetAuthSummary, GetMetadataSecurityKey") {
			t.Errorf("%q: the valid actions are not named: %v", args, err)
		}
		if _, statErr := os.Stat(urlFile); statErr == nil {
			t.Errorf("%q: listened despite the error", args)
		}
	}
	for _, args := range [][]string{
		{"-limit", "ShowResourceQuotas"},
		{"-limit", "ShowResourceQuotas=0/1s"},
		{"-limit", "ShowResourceQuotas=5/never"},
		{"-fault", "ShowResourceQuotas"},
		{"-fault", "ShowResourceQuotas:explode"},
		{"-fault", "DescribeImageAuthorizedInfo:latency:1"},
		{"-latency", "-1s"},
		{"-latency", "soon"},
		{"-rate-limit", "-5"},
		{"-rate-limit", "lots"},
		{"stray"},
	} {
		var out lockedBuffer
		if err := run(args, &out, &out); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
}

// tcssClient is the Tencent SDK's common client against the emulator at base, with the
// SDK's own throttle retries off so that each answer is seen.
func tcssClient(t *testing.T, base string) *common.Client {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	prof := profile.NewClientProfile()
	prof.HttpProfile.Endpoint = u.Host
	prof.HttpProfile.Scheme = "HTTP"
	prof.RateLimitExceededMaxRetries = 0
	return common.NewCommonClient(common.NewCredential(tencent.DefaultCredential.AccessKey, tencent.DefaultCredential.SecretKey), "ap-guangzhou", prof)
}
