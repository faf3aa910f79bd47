package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

// helperEnv makes the test binary, run as exec's COMMAND, act as the helper
// named by its value instead of running the tests.
const helperEnv = "CLOUDQUOTA_EXEC_TEST_HELPER"

func TestMain(m *testing.M) {
	// Called as cloudquota-emulator (newTestbed's symlink), the test binary is
	// the command, so that the guide's commands run the emulator of this tree.
	if filepath.Base(os.Args[0]) == "cloudquota-emulator" {
		main()
		os.Exit(0)
	}
	switch os.Getenv(helperEnv) {
	case "":
		os.Exit(m.Run())
	case "client":
		os.Exit(helperClient())
	case "sleep":
		// Tell the test it runs, then wait for the forwarded signal.
		if err := os.WriteFile(os.Getenv("HELPER_READY_FILE"), []byte("ready"), 0o600); err != nil {
			os.Exit(90)
		}
		time.Sleep(30 * time.Second)
		os.Exit(0)
	}
	os.Exit(91)
}

// helperClient is COMMAND as a test would run it: it prints the variables exec
// set, echoes its stdin, reads TCSS through the endpoint with the keys from
// the environment (as the provider does), queues a fault through the admin
// route, sees it, and exits 3.
func helperClient() int {
	for _, k := range []string{"CLOUDQUOTA_ENDPOINT", "CLOUDQUOTA_EMULATOR_URL", "CLOUDQUOTA_RATE_LIMITS", "HW_REGION_NAME", "TENCENTCLOUD_REGION", "ALICLOUD_REGION", "HW_ACCESS_KEY"} {
		fmt.Printf("%s=%s\n", k, os.Getenv(k))
	}
	in, _ := io.ReadAll(os.Stdin)
	fmt.Printf("stdin=%s\n", in)
	fmt.Fprintln(os.Stderr, "to stderr")

	u, err := url.Parse(os.Getenv("CLOUDQUOTA_ENDPOINT"))
	if err != nil {
		fmt.Println("endpoint:", err)
		return 92
	}
	prof := profile.NewClientProfile()
	prof.HttpProfile.Endpoint, prof.HttpProfile.Scheme = u.Host, "HTTP"
	prof.RateLimitExceededMaxRetries = 0
	c := common.NewCommonClient(common.NewCredential(os.Getenv("TENCENTCLOUD_SECRET_ID"), os.Getenv("TENCENTCLOUD_SECRET_KEY")), os.Getenv("TENCENTCLOUD_REGION"), prof)
	describe := func() string {
		err := c.Send(tchttp.NewCommonRequest("tcss", "2020-11-01", "DescribeImageAuthorizedInfo"), tchttp.NewCommonResponse())
		var se *tcerr.TencentCloudSDKError
		if errors.As(err, &se) {
			return se.Code
		} else if err != nil {
			return err.Error()
		}
		return "ok"
	}
	fmt.Println("read:", describe())
	resp, err := http.Post(os.Getenv("CLOUDQUOTA_EMULATOR_URL")+emulator.AdminFaults, "text/plain", strings.NewReader("DescribeImageAuthorizedInfo:5xx\n"))
	if err != nil {
		fmt.Println("admin:", err)
		return 93
	}
	resp.Body.Close()
	fmt.Println("admin:", resp.StatusCode)
	fmt.Println("read:", describe())
	return 3
}

// execRun runs execMain with helper as COMMAND (the test binary) and returns
// its exit status, stdout and stderr.
func execRun(t *testing.T, helper string, stdin string, flags ...string) (int, string, string) {
	t.Helper()
	t.Setenv(helperEnv, helper)
	var stdout, stderr lockedBuffer
	args := append(slices.Clone(flags), "--", os.Args[0])
	code := execMain(args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestExecRunsCommand: COMMAND runs with the emulator's endpoint, keys and
// regions, its stdio passed through, reads signed requests from the emulator
// and uses the admin route; exec exits with COMMAND's status.
func TestExecRunsCommand(t *testing.T) {
	for _, k := range []string{"CLOUDQUOTA_ENDPOINT", "CLOUDQUOTA_RATE_LIMITS", "HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_REGION_NAME",
		"TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_REGION", "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_REGION"} {
		t.Setenv(k, "") // exec fills in empty variables as unset ones
	}
	logFile := filepath.Join(t.TempDir(), "emulator.log")
	code, stdout, stderr := execRun(t, "client", "hello", "-log", logFile)
	if code != 3 {
		t.Errorf("exit status %d, want COMMAND's 3\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	endpoint := ""
	for _, line := range strings.Split(stdout, "\n") {
		if v, ok := strings.CutPrefix(line, "CLOUDQUOTA_ENDPOINT="); ok {
			endpoint = v
		}
	}
	if !strings.HasPrefix(endpoint, "http://127.0.0.1:") {
		t.Fatalf("CLOUDQUOTA_ENDPOINT %q, want the emulator on loopback\n%s", endpoint, stdout)
	}
	for _, want := range []string{
		"CLOUDQUOTA_EMULATOR_URL=" + endpoint + "\n",
		"CLOUDQUOTA_RATE_LIMITS=*=1000/1s\n",
		"HW_REGION_NAME=cn-north-4\n", "TENCENTCLOUD_REGION=ap-guangzhou\n", "ALICLOUD_REGION=cn-shanghai\n",
		"HW_ACCESS_KEY=" + huawei.DefaultCredential.AccessKey + "\n",
		"stdin=hello\n",
		"read: ok\nadmin: 200\nread: InternalError\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "to stderr\n") || !strings.Contains(stderr, "cloudquota-emulator exec: emulator at "+endpoint+" for ") {
		t.Errorf("stderr:\n%s", stderr)
	}
	// The request log went to -log, not to COMMAND's stderr; the emulator stopped.
	log, err := os.ReadFile(logFile)
	if err != nil || strings.Count(string(log), "DescribeImageAuthorizedInfo") != 2 || strings.Contains(stderr, "action=") {
		t.Errorf("request log (%v):\n%s\nstderr:\n%s", err, log, stderr)
	}
	if _, err := http.Get(endpoint); err == nil {
		t.Errorf("the emulator still answers at %s after COMMAND ended", endpoint)
	}
}

// TestExecKeepsUserSettings: a variable already set wins; kept keys and
// endpoints that the emulator will not match are named on stderr.
func TestExecKeepsUserSettings(t *testing.T) {
	t.Setenv("CLOUDQUOTA_RATE_LIMITS", "ShowResourceQuotas=3/1s")
	t.Setenv("HW_REGION_NAME", "cn-south-1")
	t.Setenv("HW_ACCESS_KEY", huawei.DefaultCredential.AccessKey) // the same as the emulator's: no warning
	t.Setenv("TENCENTCLOUD_SECRET_ID", "AKIDREALKEY")
	t.Setenv("TENCENTCLOUD_SECRET_KEY", "")
	t.Setenv("CLOUDQUOTA_EMULATOR_URL", "http://stale.example")
	code, stdout, stderr := execRun(t, "client", "", "-quiet")
	if code != 3 {
		t.Fatalf("exit status %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"CLOUDQUOTA_RATE_LIMITS=ShowResourceQuotas=3/1s\n", "HW_REGION_NAME=cn-south-1\n", "CLOUDQUOTA_EMULATOR_URL=http://127.0.0.1:",
		// The kept SecretId fails the signature check: the emulator accepts only its own.
		"read: AuthFailure"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	want := "cloudquota-emulator exec: keeping TENCENTCLOUD_SECRET_ID from the environment: the emulator accepts only -tencent-secret-id's value\n"
	if !strings.Contains(stderr, want) || strings.Contains(stderr, "AKIDREALKEY") || strings.Contains(stderr, "HW_ACCESS_KEY") || strings.Contains(stderr, "emulator at") {
		t.Errorf("stderr:\n%s\nwant exactly the warning %q (no values, no banner with -quiet)", stderr, want)
	}
}

// TestExecEnv: the environment construction itself.
func TestExecEnv(t *testing.T) {
	c := &config{ak: "HWAK", sk: "HWSK", tcID: "TCID", tcKey: "TCKEY", aliAK: "ALIAK", aliSK: "ALISK"}
	const u = "http://127.0.0.1:4242"
	environ := []string{"PATH=/bin", "HW_SECRET_KEY=", "ALICLOUD_ACCESS_KEY=mine", "CLOUDQUOTA_ENDPOINT=http://other:1", "CLOUDQUOTA_EMULATOR_URL=old", "X=a=b"}
	env, warnings := execEnv(environ, u, c.execVars(u))
	want := []string{"PATH=/bin", "ALICLOUD_ACCESS_KEY=mine", "CLOUDQUOTA_ENDPOINT=http://other:1", "X=a=b",
		"CLOUDQUOTA_RATE_LIMITS=*=1000/1s",
		"HW_ACCESS_KEY=HWAK", "HW_SECRET_KEY=HWSK", "HW_REGION_NAME=cn-north-4",
		"TENCENTCLOUD_SECRET_ID=TCID", "TENCENTCLOUD_SECRET_KEY=TCKEY", "TENCENTCLOUD_REGION=ap-guangzhou",
		"ALICLOUD_SECRET_KEY=ALISK", "ALICLOUD_REGION=cn-shanghai",
		"CLOUDQUOTA_EMULATOR_URL=" + u}
	if !slices.Equal(env, want) {
		t.Errorf("env\n%q\nwant\n%q", env, want)
	}
	wantWarn := []string{
		"keeping CLOUDQUOTA_ENDPOINT from the environment: the provider will not read from this emulator",
		"keeping ALICLOUD_ACCESS_KEY from the environment: the emulator accepts only -alibaba-access-key's value",
	}
	if !slices.Equal(warnings, wantWarn) {
		t.Errorf("warnings %q, want %q", warnings, wantWarn)
	}
	// A clean environment gets every variable of the contract.
	env, warnings = execEnv(nil, u, c.execVars(u))
	if len(env) != 12 || env[0] != "CLOUDQUOTA_ENDPOINT="+u || len(warnings) != 0 {
		t.Errorf("from nothing: %q %q", env, warnings)
	}
}

// TestExecForwardsSIGTERM: a SIGTERM to exec reaches COMMAND, and exec exits
// as the shell would report COMMAND's death (128+15).
func TestExecForwardsSIGTERM(t *testing.T) {
	ready := filepath.Join(t.TempDir(), "ready")
	t.Setenv("HELPER_READY_FILE", ready)
	done := make(chan int, 1)
	go func() {
		code, _, _ := execRun(t, "sleep", "", "-quiet")
		done <- code
	}()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("COMMAND did not start")
		}
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 128+int(syscall.SIGTERM) {
			t.Errorf("exit status %d, want %d", code, 128+int(syscall.SIGTERM))
		}
	case <-time.After(20 * time.Second):
		t.Fatal("COMMAND still runs after SIGTERM: not forwarded")
	}
}

// TestExecFailures: exec's own failures, with their exit statuses, before or
// instead of running COMMAND.
func TestExecFailures(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, exitEmulator, "no COMMAND given"},
		{[]string{"-fault", "ShowResourceQuota:throttle", "--", "true"}, exitEmulator, "did you mean ShowResourceQuotas?"},
		{[]string{"-data", "/nonexistent/data.json", "--", "true"}, exitEmulator, "emulator data"},
		{[]string{"-bogus", "--", "true"}, exitEmulator, "flag provided but not defined: -bogus"},
		{[]string{"--", "/nonexistent/command"}, exitNotFound, "/nonexistent/command"},
		{[]string{"--", "no-such-command-cloudquota"}, exitNotFound, "executable file not found"},
		{[]string{"--", t.TempDir()}, exitCannotRun, "permission denied"},
	} {
		var stdout, stderr lockedBuffer
		code := execMain(c.args, nil, &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: status %d, stderr %q; want %d and %q", c.args, code, stderr.String(), c.code, c.want)
		}
	}
	var stdout, stderr lockedBuffer
	if code := execMain([]string{"-h"}, nil, &stdout, &stderr); code != 0 || !strings.HasPrefix(stderr.String(), execUsage) {
		t.Errorf("-h: %d %q", code, stderr.String())
	}
}
