package tencent

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	tc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
)

func TestTencentDurationSeconds(t *testing.T) {
	cases := []struct {
		raw  string
		want int64
		bad  bool
	}{
		{"", 7200, false},
		{"1h", 3600, false},
		{"900", 900, false},
		{"12h", 43200, false},
		{"43200", 43200, false},
		{"12h0m1s", 0, true},
		{"43201", 0, true},
		{"0", 0, true},
		{"-5m", 0, true},
		{"1.5s", 0, true},
		{"soon", 0, true},
	}
	for _, c := range cases {
		got, err := tencentDurationSeconds(c.raw, tcSetDuration)
		if c.bad {
			var ce *conns.ConfigError
			if !errors.As(err, &ce) || !strings.Contains(ce.Detail, "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION") {
				t.Errorf("%q: got %d, %v; want a ConfigError naming the variable", c.raw, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: got %d, %v; want %d", c.raw, got, err, c.want)
		}
	}
}

func TestTencentSTSError(t *testing.T) {
	vendor := tcerr.NewTencentCloudSDKError("InvalidParameter.RoleNotExist", "role not exist", "req-1")
	var apiErr *conns.APIError
	if err := tencentSTSError("AssumeRole", vendor); !errors.As(err, &apiErr) ||
		apiErr.Cloud != Name || apiErr.Service != "STS" || apiErr.Action != "AssumeRole" ||
		apiErr.HTTPStatus != 200 || apiErr.Code != "InvalidParameter.RoleNotExist" || apiErr.RequestID != "req-1" {
		t.Errorf("vendor error: %#v", err)
	}
	sdkCheck := tcerr.NewTencentCloudSDKError("ClientError.CredentialError", "durationSeconds out of range", "")
	var cfgErr *conns.ConfigError
	if err := tencentSTSError("AssumeRole", sdkCheck); !errors.As(err, &cfgErr) {
		t.Errorf("SDK-side check: %#v, want ConfigError", err)
	}
	network := tcerr.NewTencentCloudSDKError("ClientError.NetworkError", "Fail to get response", "")
	if err := tencentSTSError("AssumeRoleWithWebIdentity", network); !errors.As(err, &apiErr) || apiErr.HTTPStatus != 0 ||
		apiErr.Err == nil {
		t.Errorf("network error: %#v", err)
	}
}

func TestTencentSecretsMaskOIDCToken(t *testing.T) {
	cfg := Config{SecretKey: "sk", SecurityToken: "st", OIDC: &OIDC{Token: "oidc-token"}}
	if got := cfg.secrets(); len(got) != 3 || got[2] != "oidc-token" {
		t.Errorf("secrets() = %q", got)
	}
}

// Precedence without network: keys win over OIDC and profile; a named missing profile is an
// error; an explicit directory selects the profile source.
func TestTencentBasePrecedence(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("TENCENTCLOUD_CREDENTIALS_FILE", "")
	os.Unsetenv("TENCENTCLOUD_CREDENTIALS_FILE")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ci.credential"),
		[]byte(`{"secretId":"AKIDP","secretKey":"skp","role-arn":"qcs::cam::uin/1:roleName/r","role-session-name":"s1"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ci.configure"), []byte(`{"_sys_param":{"region":"ap-shanghai"}}`), 0o600); err != nil {
		t.Fatal(err)
	}

	keys := Config{SecretID: "AKIDK", SecretKey: "skk", Profile: "ci", SharedCredentialsDir: dir,
		OIDC: &OIDC{RoleArn: "r", Token: "t"}}
	b, err := tencentBaseCredentials(keys)
	if err != nil || b.cred.GetSecretId() != "AKIDK" || b.source != "explicit keys" {
		t.Fatalf("keys: %+v %v", b, err)
	}

	b, err = tencentBaseCredentials(Config{Profile: "ci", SharedCredentialsDir: dir})
	if err != nil || b.cred.GetSecretId() != "AKIDP" || b.roleArn != "qcs::cam::uin/1:roleName/r" ||
		b.sessionName != "s1" || b.region != "ap-shanghai" {
		t.Fatalf("profile: %+v %v", b, err)
	}
	b, err = tencentBaseCredentials(Config{SharedCredentialsDir: dir})
	var cfgErr *conns.ConfigError
	if !errors.As(err, &cfgErr) || !strings.Contains(cfgErr.Detail, "default.credential does not exist") {
		t.Fatalf("explicit directory without the default profile: %+v %v", b, err)
	}
	if _, err := tencentBaseCredentials(Config{Profile: "nope", SharedCredentialsDir: dir}); !errors.As(err, &cfgErr) ||
		!strings.Contains(cfgErr.Summary, `"nope"`) {
		t.Fatalf("missing profile: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.credential"), []byte(`{"secretId":"x"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := tencentBaseCredentials(Config{Profile: "bad", SharedCredentialsDir: dir}); !errors.As(err, &cfgErr) ||
		!strings.Contains(cfgErr.Detail, "secretKey") {
		t.Fatalf("incomplete profile: %v", err)
	}
}

// The OIDC file credential re-reads the file for each renewal.
func TestTencentOIDCFileCredentialRereads(t *testing.T) {
	file := filepath.Join(t.TempDir(), "token")
	var seen []string
	c := &tencentOIDCFileCredential{file: file, lifetime: 0, newProvider: func(token string) *tc.OIDCRoleArnProvider {
		seen = append(seen, token)
		// A provider whose exchange fails fast, client-side (duration 0 is refused by the SDK).
		return tc.NewOIDCRoleArnProvider("ap-guangzhou", "p", token, "r", "s", 0)
	}}
	for _, token := range []string{"first", "second"} {
		if err := os.WriteFile(file, []byte(token+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := c.fetch(); err == nil {
			t.Fatal("want the SDK's refusal")
		}
	}
	if strings.Join(seen, ",") != "first,second" {
		t.Errorf("tokens read: %q", seen)
	}
}
