package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestQuietSDKLogs(t *testing.T) {
	tests := map[string]struct {
		env  map[string]string
		want string // TF_LOG_SDK afterwards
	}{
		"nobody asked for logs":        {env: map[string]string{}, want: "off"},
		"TF_LOG=trace":                 {env: map[string]string{"TF_LOG": "trace"}, want: ""},
		"provider logs only":           {env: map[string]string{"TF_LOG_PROVIDER": "debug"}, want: ""},
		"framework logs only":          {env: map[string]string{"TF_LOG_SDK_FRAMEWORK": "trace"}, want: ""},
		"SDK logs asked for":           {env: map[string]string{"TF_LOG_SDK": "info"}, want: "info"},
		"empty variables do not count": {env: map[string]string{"TF_LOG": ""}, want: "off"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tt.env {
				env[k] = v
			}
			quietSDKLogs(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if got := env["TF_LOG_SDK"]; got != tt.want {
				t.Errorf("TF_LOG_SDK = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRunVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	served := false
	code := run([]string{"-version"}, &stdout, &stderr, func(bool) error { served = true; return nil })
	if code != 0 {
		t.Errorf("exit code %d, want 0 (stderr %q)", code, stderr.String())
	}
	if served {
		t.Error("-version served the provider")
	}
	if got, want := stdout.String(), "terraform-provider-cloudquota "+version+"\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr %q, want nothing", stderr.String())
	}
}

// Terraform starts the provider with no arguments; -debug is for debuggers.
func TestRunServes(t *testing.T) {
	tests := map[string]struct {
		args      []string
		wantDebug bool
	}{
		"as terraform starts it": {args: nil},
		"-debug":                 {args: []string{"-debug"}, wantDebug: true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			served, debug := false, false
			code := run(tt.args, &stdout, &stderr, func(d bool) error { served, debug = true, d; return nil })
			if code != 0 || !served || debug != tt.wantDebug {
				t.Errorf("exit code %d, served %v, debug %v; want 0, true, %v", code, served, debug, tt.wantDebug)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q: a served provider must write nothing there before the handshake", stdout.String())
			}
		})
	}
}

func TestRunBadArguments(t *testing.T) {
	for _, args := range [][]string{{"-no-such-flag"}, {"extra"}} {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr, func(bool) error { t.Errorf("%q served the provider", args); return nil })
		if code != 2 || stderr.Len() == 0 {
			t.Errorf("%q: exit code %d, stderr %q; want 2 and a message", args, code, stderr.String())
		}
	}
}

func TestRunServeError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(nil, &stdout, &stderr, func(bool) error { return errors.New("listen: refused") })
	if code != 1 || !strings.Contains(stderr.String(), "listen: refused") {
		t.Errorf("exit code %d, stderr %q; want 1 and the error", code, stderr.String())
	}
}
