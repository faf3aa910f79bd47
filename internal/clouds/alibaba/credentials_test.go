package alibaba

import (
	"errors"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// isolateAlibaba points the SDK's default files nowhere and disables the metadata step.
func isolateAlibaba(t *testing.T) {
	t.Helper()
	none := filepath.Join(t.TempDir(), "none")
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", none)
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", none)
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	for _, k := range []string{"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_OIDC_TOKEN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_ECS_METADATA"} {
		t.Setenv(k, "")
	}
}

// Static keys call no STS: an http:// sts endpoint (CLOUDQUOTA_ENDPOINT pointing at an emulator
// sets it for every key) is no reason to refuse them.
func TestAlibabaStaticKeysIgnoreAnHTTPSTSEndpoint(t *testing.T) {
	isolateAlibaba(t)
	if _, _, err := alibabaCredentialsProvider(Config{AccessKey: "a", SecretKey: "b",
		Endpoints: map[string]string{"sts": "http://127.0.0.1:8080"}}); err != nil {
		t.Fatalf("static keys refused for an STS endpoint they never call: %v", err)
	}
}

func TestAlibabaCredentialConfigErrors(t *testing.T) {
	isolateAlibaba(t)
	cases := []struct {
		name string
		cfg  Config
		re   string
	}{
		{"nothing", Config{}, `(?s)Alibaba Cloud credentials are not configured.*Sources tried, in order:\n` +
			`  - access keys: .*\n  - OIDC web identity: .*\n  - profile: .*\n  - credentials file: .*\n` +
			`  - aliyun CLI config: .*\n  - ECS instance RAM role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` +
			`.*ALICLOUD_ACCESS_KEY`},
		{"half a key pair", Config{AccessKey: "AK"}, `secret_key \(ALICLOUD_SECRET_KEY`},
		{"env problems", Config{Problems: []string{"X = \"y\" is bad"}}, `Invalid Alibaba Cloud credential settings: X`},
		{"sts endpoint http with a role to assume", Config{AccessKey: "a", SecretKey: "b", AssumeRole: &AssumeRole{RoleARN: "r"},
			Endpoints: map[string]string{"sts": "http://x"}}, `must use https.*CLOUDQUOTA_ENDPOINT`},
		{"sts endpoint http with OIDC", Config{OIDC: &OIDC{ProviderARN: "p", RoleARN: "r", Token: "t"},
			Endpoints: map[string]string{"sts": "http://x"}}, `must use https`},
		{"assume role without role", Config{AccessKey: "a", SecretKey: "b", AssumeRole: &AssumeRole{}},
			`ALICLOUD_ASSUME_ROLE_ARN`},
		{"OIDC incomplete", Config{OIDC: &OIDC{ProviderARN: "p"}},
			`role_arn \(ALIBABA_CLOUD_ROLE_ARN\), oidc_token_file \(ALIBABA_CLOUD_OIDC_TOKEN_FILE\)`},
		{"OIDC token and file", Config{OIDC: &OIDC{ProviderARN: "p", RoleARN: "r", Token: "t", TokenFile: "f"}},
			`Conflicting Alibaba Cloud OIDC token settings`},
		{"named profile missing", Config{Profile: "p", SharedCredentialsFile: "/nonexistent/config.json"},
			`(?s)Alibaba Cloud profile cannot be used.*/nonexistent/config.json`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := alibabaCredentialsProvider(tc.cfg)
			var cfgErr *conns.ConfigError
			if !errors.As(err, &cfgErr) {
				t.Fatalf("err = %v, want a ConfigError", err)
			}
			if !regexp.MustCompile(tc.re).MatchString(err.Error()) {
				t.Errorf("err = %v\nwant match %s", err, tc.re)
			}
		})
	}
}

func TestAlibabaExplicitKeysWin(t *testing.T) {
	isolateAlibaba(t)
	p, source, err := alibabaCredentialsProvider(Config{
		AccessKey: "AK", SecretKey: "SK", SecurityToken: "TOKEN", Profile: "ignored",
		OIDC: &OIDC{ProviderARN: "ignored"},
	})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := p.GetCredentials()
	if err != nil || cc.AccessKeyId != "AK" || cc.SecurityToken != "TOKEN" {
		t.Fatalf("credentials %+v, %v", cc, err)
	}
	if !regexp.MustCompile(`^access keys`).MatchString(source) {
		t.Errorf("source %q", source)
	}
}

func TestAlibabaSTSError(t *testing.T) {
	body := `{"RequestId":"A-B","HostId":"sts.aliyuncs.com","Code":"EntityNotExist.Role","Message":"The specified Role not exists .","Recommend":"x"}`
	e := alibabaSTSError(errors.New("refresh session token failed: "+body), "")
	if e == nil || e.Action != "AssumeRole" || e.HTTPStatus != 404 || e.Code != "EntityNotExist.Role" ||
		e.RequestID != "A-B" || e.Cloud != Name || e.Service != "STS" {
		t.Fatalf("%+v", e)
	}
	e = alibabaSTSError(errors.New(`get session token failed: {"RequestId":"C","Code":"AuthenticationFail.OIDCToken.Invalid","Message":"m"}`), "")
	if e == nil || e.Action != "AssumeRoleWithOIDC" || e.HTTPStatus != 400 || e.Message != "m" {
		t.Fatalf("%+v", e)
	}
	if e := alibabaSTSError(errors.New("dial tcp: refused"), ""); e != nil {
		t.Errorf("unrelated error parsed: %+v", e)
	}
	if e := alibabaSTSError(errors.New("dial tcp: refused"), "AssumeRole"); e == nil || e.Err == nil || e.HTTPStatus != 0 {
		t.Errorf("transport error: %+v", e)
	}
	if s := alibabaSTSStatus("NoPermission"); s != 403 {
		t.Errorf("NoPermission -> %d", s)
	}
}

func TestAlibabaSecretsIncludeOIDCToken(t *testing.T) {
	got := Config{SecretKey: "s", OIDC: &OIDC{Token: "tok"}}.secrets()
	if len(got) != 3 || got[2] != "tok" {
		t.Errorf("secrets %v", got)
	}
}
