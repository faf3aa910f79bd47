package huawei

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
)

func TestAssumeRoleDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"": time.Hour, "30m": 30 * time.Minute, "3600": time.Hour, "86400": 24 * time.Hour} {
		if got, err := AssumeRoleDuration(in); err != nil || got != want {
			t.Errorf("%q = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"10m", "899", "25h", "soon", "-1"} {
		if _, err := AssumeRoleDuration(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestHuaweiFromProfile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(file, []byte(`{"current":"a","profiles":[
	  {"name":"a","mode":"AKSK","accessKeyId":"AKA","secretAccessKey":"ska","region":"cn-east-3","projectId":"p1"},
	  {"name":"b","mode":"AKSK","accessKeyId":"AKB","secretAccessKey":"skb","securityToken":"tok"},
	  {"name":"sso","mode":"SSO"},
	  {"name":"empty","mode":"AKSK"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := huaweiFromProfile(file, "")
	if err != nil || b.cred.AK != "AKA" || b.region != "cn-east-3" || b.projectID != "p1" {
		t.Fatalf("current: %+v %v", b, err)
	}
	if b, err = huaweiFromProfile(file, "b"); err != nil || b.cred.AK != "AKB" || b.cred.SecurityToken != "tok" {
		t.Fatalf("b: %+v %v", b, err)
	}
	for name, want := range map[string]string{
		"missing": `Profile "missing" is not in`, "sso": `mode "SSO"`, "empty": "no accessKeyId",
	} {
		if _, err := huaweiFromProfile(file, name); err == nil || !strings.Contains(err.(*conns.ConfigError).Detail, want) {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
	if _, err := huaweiFromProfile(filepath.Join(t.TempDir(), "nope.json"), "a"); err == nil {
		t.Error("missing file accepted")
	}
}

// Explicit keys win over every later rung; without any source, every rung is listed.
func TestHuaweiCredentialPrecedence(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	for _, k := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_IDP_ID", "HUAWEICLOUD_SDK_ID_TOKEN_FILE"} {
		t.Setenv(k, "")
	}
	file := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(file, []byte(`{"current":"a","profiles":[{"name":"a","accessKeyId":"PROFILEAK","secretAccessKey":"s"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newClients(conns.New(conns.Settings{}), Config{
		AccessKey: "KEYAK", SecretKey: "k", SharedConfigFile: file,
		OIDC: OIDC{IdpID: "x", IDTokenFile: "/nonexistent"},
	})
	b, err := h.baseCredentials()
	if err != nil || b.cred.AK != "KEYAK" {
		t.Fatalf("keys: %+v %v", b, err)
	}
	h = newClients(conns.New(conns.Settings{}), Config{SharedConfigFile: file})
	if b, err = h.baseCredentials(); err != nil || b.cred.AK != "PROFILEAK" {
		t.Fatalf("profile: %+v %v", b, err)
	}
	t.Setenv("HUAWEICLOUD_SDK_AK", "SDKAK")
	t.Setenv("HUAWEICLOUD_SDK_SK", "s")
	if b, err = h.baseCredentials(); err != nil || b.cred.AK != "PROFILEAK" {
		t.Fatalf("profile over SDK env: %+v %v", b, err)
	}
	h = newClients(conns.New(conns.Settings{}), Config{})
	if b, err = h.baseCredentials(); err != nil || b.cred.AK != "SDKAK" {
		t.Fatalf("SDK env: %+v %v", b, err)
	}
}

func TestUnconfiguredClientIsADiagnosticNotAPanic(t *testing.T) {
	var c *conns.Client
	svc := &Service{Name: "HSS", Endpoint: "hss"}
	_, _, err := Call(context.Background(), c, svc, "", "ShowResourceQuotas", 0, func(*core.HcHttpClient, int) (int, error) { return 0, nil })
	var cfgErr *conns.ConfigError
	if !errors.As(err, &cfgErr) {
		t.Fatalf("err = %v, want a ConfigError", err)
	}
	if ConfigOf(c).EnterpriseProjectID != "" {
		t.Error("a nil client's config must be zero")
	}
}
