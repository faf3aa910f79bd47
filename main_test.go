package main

import "testing"

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
