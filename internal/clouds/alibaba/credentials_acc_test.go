package alibaba_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const (
	aliRoleARN  = "acs:ram::1234567890123456:role/quota-reader"
	aliOIDCARN  = "acs:ram::1234567890123456:oidc-provider/github"
	aliIDToken  = "eyJhbGciOiJSUzI1NiJ9.github-actions.sig"
	aliSAS      = "data.cloudquota_sas_auth_summary.test"
	aliDataHCL  = `data "cloudquota_sas_auth_summary" "test" {}`
	aliExternal = "ext-42"
)

// aliIdentity: one role assumable with keys (external ID required) or the OIDC provider, and
// an ECS instance role.
func aliIdentity() alibaba.Identity {
	return alibaba.Identity{
		Roles: []alibaba.Role{
			{ARN: aliRoleARN, OIDCProviderARN: aliOIDCARN},
			{ARN: "acs:ram::1234567890123456:role/guarded", ExternalID: aliExternal},
		},
		OIDCProviders: []alibaba.OIDCProvider{{ARN: aliOIDCARN, Tokens: []string{aliIDToken}}},
		MetadataRole:  "EcsQuotaRole",
	}
}

func aliEmulator(t *testing.T) *acctest.Emulator {
	t.Helper()
	acctest.PreCheck(t)
	return acctest.StartTrustedTLSEmulator(t, all.Options{Alibaba: alibaba.Options{Identity: aliIdentity()}})
}

// aliBlock is a provider with an alicloud block holding body, region and endpoints.
func aliBlock(e *acctest.Emulator, body string) string {
	return fmt.Sprintf(`
provider "cloudquota" {
  max_retries = 0
  insecure    = true
  alicloud {
    region    = "cn-shanghai"
    endpoints = { sas = %q, sts = %q }
    %s
  }
}
%s`, e.URL, e.URL, body, aliDataHCL)
}

var aliReadOK = []statecheck.StateCheck{
	acctest.Expect(aliSAS, "region", knownvalue.StringExact("cn-shanghai")),
}

// aliRead runs config and expects the read to succeed.
func aliRead(t *testing.T, config string) {
	t.Helper()
	acctest.Run(t, resource.TestStep{Config: config, ConfigStateChecks: aliReadOK})
}

// aliAssertSignedBy checks that every GetAuthSummary was signed with wantAK.
func aliAssertSignedBy(t *testing.T, e *acctest.Emulator, wantAK string) {
	t.Helper()
	for _, r := range e.RequestsFor(t, "GetAuthSummary") {
		if r.AccessKey != wantAK || r.Status != 200 {
			t.Errorf("GetAuthSummary signed with %q (status %d), want %q", r.AccessKey, r.Status, wantAK)
		}
	}
}

// aliAssertSignedByIssued checks that every GetAuthSummary was signed with a credential the
// emulator issued via via (each provider process terraform starts builds its own).
func aliAssertSignedByIssued(t *testing.T, e *acctest.Emulator, via string) {
	t.Helper()
	issued := map[string]bool{}
	for _, c := range e.Issued(alibaba.Name) {
		if c.Via == via {
			issued[c.AccessKey] = true
		}
	}
	for _, r := range e.RequestsFor(t, "GetAuthSummary") {
		if !issued[r.AccessKey] || r.Status != 200 {
			t.Errorf("GetAuthSummary signed with %q (status %d), not a credential issued via %s", r.AccessKey, r.Status, via)
		}
	}
}

// aliIssued returns the last credential issued via via, failing when there is none.
func aliIssued(t *testing.T, e *acctest.Emulator, via string) emulator.IssuedCredential {
	t.Helper()
	var out []emulator.IssuedCredential
	for _, c := range e.Issued(alibaba.Name) {
		if c.Via == via {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no credential issued via %s; issued: %+v", via, e.Issued(alibaba.Name))
	}
	return out[len(out)-1]
}

// aliCLIConfig is an aliyun CLI config.json with an AK profile, a RamRoleArn profile and a
// profile with wrong keys, current = current.
func aliCLIConfig(t *testing.T, e *acctest.Emulator, current string) string {
	t.Helper()
	return acctest.WriteFile(t, "config.json", fmt.Sprintf(`{
  "current": %q,
  "profiles": [
    {"name": "ak", "mode": "AK", "access_key_id": %q, "access_key_secret": %q, "region_id": "cn-shanghai"},
    {"name": "role", "mode": "RamRoleArn", "access_key_id": %[2]q, "access_key_secret": %[3]q,
     "ram_role_arn": %q, "ram_session_name": "cli", "expired_seconds": 900},
    {"name": "wrong", "mode": "AK", "access_key_id": "LTAIWRONG", "access_key_secret": "nope"}
  ]
}`, current, e.AlibabaCred.AccessKey, e.AlibabaCred.SecretKey, aliRoleARN))
}

// Rung 1: explicit keys in HCL and in the environment.
func TestAccAlibabaCredentials_explicitKeys(t *testing.T) {
	t.Run("HCL", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALICLOUD_PROFILE", "must-not-be-read")
		aliRead(t, aliBlock(e, fmt.Sprintf("access_key = %q\nsecret_key = %q", e.AlibabaCred.AccessKey, e.AlibabaCred.SecretKey)))
		aliAssertSignedBy(t, e, e.AlibabaCred.AccessKey)
	})
	for _, vars := range [][2]string{
		{"ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"},
		{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"},
	} {
		t.Run(vars[0], func(t *testing.T) {
			e := aliEmulator(t)
			t.Setenv(vars[0], e.AlibabaCred.AccessKey)
			t.Setenv(vars[1], e.AlibabaCred.SecretKey)
			aliRead(t, aliBlock(e, ""))
			aliAssertSignedBy(t, e, e.AlibabaCred.AccessKey)
		})
	}
}

// Rung 2: OIDC web identity, from the block (token file) and from the SDK's variables alone.
func TestAccAlibabaCredentials_oidc(t *testing.T) {
	t.Run("block", func(t *testing.T) {
		e := aliEmulator(t)
		token := acctest.WriteFile(t, "token", aliIDToken)
		aliRead(t, aliBlock(e, fmt.Sprintf(`assume_role_with_oidc {
      oidc_provider_arn = %q
      role_arn          = %q
      oidc_token_file   = %q
      session_name      = "ci"
      duration          = "30m"
    }`, aliOIDCARN, aliRoleARN, token)))
		c := aliIssued(t, e, "AssumeRoleWithOIDC")
		aliAssertSignedByIssued(t, e, c.Via)
		if n, reads := e.Count("AssumeRoleWithOIDC"), e.Count("GetAuthSummary"); n > reads {
			t.Errorf("%d OIDC exchanges for %d reads: credentials must be built once per provider process", n, reads)
		}
		if d := time.Until(c.Expires); d > 31*time.Minute || d < 25*time.Minute {
			t.Errorf("issued for %s, want 30m", d)
		}
	})
	t.Run("env", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", aliOIDCARN)
		t.Setenv("ALIBABA_CLOUD_ROLE_ARN", aliRoleARN)
		t.Setenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE", acctest.WriteFile(t, "token", aliIDToken))
		aliRead(t, aliBlock(e, ""))
		aliAssertSignedByIssued(t, e, "AssumeRoleWithOIDC")
	})
}

// Rung 3: a named profile of the aliyun CLI config, from HCL and env; AK and RamRoleArn modes.
func TestAccAlibabaCredentials_profile(t *testing.T) {
	t.Run("HCL AK", func(t *testing.T) {
		e := aliEmulator(t)
		file := aliCLIConfig(t, e, "wrong")
		aliRead(t, aliBlock(e, fmt.Sprintf("profile = \"ak\"\nshared_credentials_file = %q", file)))
		aliAssertSignedBy(t, e, e.AlibabaCred.AccessKey)
	})
	t.Run("env RamRoleArn", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALICLOUD_SHARED_CREDENTIALS_FILE", aliCLIConfig(t, e, "wrong"))
		t.Setenv("ALICLOUD_PROFILE", "role")
		aliRead(t, aliBlock(e, ""))
		c := aliIssued(t, e, "AssumeRole")
		if c.Caller != e.AlibabaCred.AccessKey || c.Role != aliRoleARN {
			t.Errorf("issued %+v", c)
		}
		aliAssertSignedByIssued(t, e, c.Via)
	})
	t.Run("file current profile", func(t *testing.T) {
		e := aliEmulator(t)
		aliRead(t, aliBlock(e, fmt.Sprintf("shared_credentials_file = %q", aliCLIConfig(t, e, "ak"))))
		aliAssertSignedBy(t, e, e.AlibabaCred.AccessKey)
	})
	t.Run("named but missing", func(t *testing.T) {
		e := aliEmulator(t)
		file := aliCLIConfig(t, e, "ak")
		e.ExpectRefused(t, aliBlock(e, fmt.Sprintf("profile = \"nope\"\nshared_credentials_file = %q", file)),
			regexp.MustCompile(`(?s)Alibaba Cloud profile cannot be used.*nope.*ALICLOUD_PROFILE`))
	})
}

// Rung 4: the SDK's default files (the CLI config named by ALIBABA_CLOUD_CONFIG_FILE, and the
// credentials file).
func TestAccAlibabaCredentials_sdkDefaultFiles(t *testing.T) {
	t.Run("aliyun CLI config", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", aliCLIConfig(t, e, "ak"))
		aliRead(t, aliBlock(e, ""))
		aliAssertSignedBy(t, e, e.AlibabaCred.AccessKey)
	})
	t.Run("credentials file", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", acctest.WriteFile(t, "credentials", fmt.Sprintf(
			"[default]\ntype = access_key\naccess_key_id = %s\naccess_key_secret = %s\n", e.AlibabaCred.AccessKey, e.AlibabaCred.SecretKey)))
		aliRead(t, aliBlock(e, ""))
		aliAssertSignedBy(t, e, e.AlibabaCred.AccessKey)
	})
}

// Rung 5: the ECS instance RAM role through the metadata service; absent; hanging.
func TestAccAlibabaCredentials_metadata(t *testing.T) {
	t.Run("success", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "")
		e.ServeInstanceMetadata(t)
		aliRead(t, aliBlock(e, ""))
		c := aliIssued(t, e, alibaba.ActionMetadataCredentials)
		aliAssertSignedByIssued(t, e, c.Via)
		e.RequestsFor(t, alibaba.ActionMetadataToken)
	})
	t.Run("absent", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "")
		e.ExpectRefused(t, aliBlock(e, ""), regexp.MustCompile(`(?s)Alibaba Cloud credentials are not configured.*`+
			`access keys:.*OIDC web identity:.*profile:.*credentials file:.*aliyun CLI config:.*ECS instance RAM role.*`+
			`ALICLOUD_ACCESS_KEY`))
	})
	t.Run("hanging", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "")
		t.Setenv("ALIBABA_CLOUD_ECS_METADATA", "EcsQuotaRole")
		e.ServeInstanceMetadata(t)
		slow := emulator.Fault{Kind: emulator.FaultLatency, Delay: 5 * time.Second, Count: 3}
		e.Inject(alibaba.ActionMetadataToken, slow)
		e.Inject(alibaba.ActionMetadataCredentials, slow)
		acctest.Run(t, resource.TestStep{Config: aliBlock(e, ""), ExpectError: regexp.MustCompile(
			`(?s)credentials are not configured.*ECS instance RAM role.*no answer within 2s`)})
		if n := e.Count("GetAuthSummary"); n != 0 {
			t.Errorf("%d SAS requests without credentials", n)
		}
	})
}

// assume_role on top of keys (HCL block, with external ID) and from env alone.
func TestAccAlibabaCredentials_assumeRoleOnKeys(t *testing.T) {
	t.Run("block", func(t *testing.T) {
		e := aliEmulator(t)
		aliRead(t, aliBlock(e, fmt.Sprintf(`access_key = %q
    secret_key = %q
    assume_role {
      role_arn     = "acs:ram::1234567890123456:role/guarded"
      external_id  = %q
      session_name = "plan"
      duration     = "15m"
    }`, e.AlibabaCred.AccessKey, e.AlibabaCred.SecretKey, aliExternal)))
		c := aliIssued(t, e, "AssumeRole")
		if c.Caller != e.AlibabaCred.AccessKey {
			t.Errorf("AssumeRole signed by %q", c.Caller)
		}
		aliAssertSignedByIssued(t, e, c.Via)
		e.AssertQuery(t, "AssumeRole", map[string]string{"AccessKeyId": e.AlibabaCred.AccessKey, "Version": "2015-04-01"})
	})
	t.Run("env", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALICLOUD_ACCESS_KEY", e.AlibabaCred.AccessKey)
		t.Setenv("ALICLOUD_SECRET_KEY", e.AlibabaCred.SecretKey)
		t.Setenv("ALICLOUD_ASSUME_ROLE_ARN", aliRoleARN)
		t.Setenv("ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION", "900")
		aliRead(t, aliBlock(e, ""))
		c := aliIssued(t, e, "AssumeRole")
		aliAssertSignedByIssued(t, e, c.Via)
		if d := time.Until(c.Expires); d > 16*time.Minute {
			t.Errorf("issued for %s, want 15m", d)
		}
	})
}

// assume_role on top of OIDC, and on top of a profile: the chain goes base -> role.
func TestAccAlibabaCredentials_assumeRoleOnOIDCAndProfile(t *testing.T) {
	t.Run("OIDC", func(t *testing.T) {
		e := aliEmulator(t)
		aliRead(t, aliBlock(e, fmt.Sprintf(`assume_role_with_oidc {
      oidc_provider_arn = %q
      role_arn          = %q
      oidc_token        = %q
    }
    assume_role {
      role_arn = %q
    }`, aliOIDCARN, aliRoleARN, aliIDToken, aliRoleARN)))
		oidc := aliIssued(t, e, "AssumeRoleWithOIDC")
		role := aliIssued(t, e, "AssumeRole")
		oidcKeys := map[string]bool{}
		for _, c := range e.Issued(alibaba.Name) {
			if c.Via == "AssumeRoleWithOIDC" {
				oidcKeys[c.AccessKey] = true
			}
		}
		if !oidcKeys[role.Caller] {
			t.Errorf("AssumeRole signed by %q, not an OIDC credential (last %q)", role.Caller, oidc.AccessKey)
		}
		aliAssertSignedByIssued(t, e, "AssumeRole")
	})
	t.Run("profile", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALICLOUD_ASSUME_ROLE_ARN", aliRoleARN)
		aliRead(t, aliBlock(e, fmt.Sprintf("profile = \"ak\"\nshared_credentials_file = %q", aliCLIConfig(t, e, "wrong"))))
		role := aliIssued(t, e, "AssumeRole")
		if role.Caller != e.AlibabaCred.AccessKey {
			t.Errorf("AssumeRole signed by %q", role.Caller)
		}
		aliAssertSignedByIssued(t, e, "AssumeRole")
	})
}

// Precedence: keys beat OIDC and profile; OIDC beats profile; profile beats the SDK files.
func TestAccAlibabaCredentials_precedence(t *testing.T) {
	t.Run("keys beat OIDC and profile", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", aliOIDCARN)
		t.Setenv("ALIBABA_CLOUD_ROLE_ARN", aliRoleARN)
		t.Setenv("ALIBABA_CLOUD_OIDC_TOKEN", aliIDToken)
		t.Setenv("ALICLOUD_PROFILE", "wrong")
		t.Setenv("ALICLOUD_SHARED_CREDENTIALS_FILE", aliCLIConfig(t, e, "wrong"))
		t.Setenv("ALICLOUD_ACCESS_KEY", e.AlibabaCred.AccessKey)
		t.Setenv("ALICLOUD_SECRET_KEY", e.AlibabaCred.SecretKey)
		aliRead(t, aliBlock(e, ""))
		aliAssertSignedBy(t, e, e.AlibabaCred.AccessKey)
		if n := e.Count("AssumeRoleWithOIDC"); n != 0 {
			t.Errorf("%d OIDC exchanges despite explicit keys", n)
		}
	})
	t.Run("OIDC beats profile", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", aliOIDCARN)
		t.Setenv("ALIBABA_CLOUD_ROLE_ARN", aliRoleARN)
		t.Setenv("ALIBABA_CLOUD_OIDC_TOKEN", aliIDToken)
		aliRead(t, aliBlock(e, fmt.Sprintf("profile = \"wrong\"\nshared_credentials_file = %q", aliCLIConfig(t, e, "wrong"))))
		aliAssertSignedByIssued(t, e, "AssumeRoleWithOIDC")
	})
	t.Run("profile beats SDK files", func(t *testing.T) {
		e := aliEmulator(t)
		t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", acctest.WriteFile(t, "credentials",
			"[default]\ntype = access_key\naccess_key_id = LTAIWRONG\naccess_key_secret = nope\n"))
		aliRead(t, aliBlock(e, fmt.Sprintf("profile = \"ak\"\nshared_credentials_file = %q", aliCLIConfig(t, e, "wrong"))))
		aliAssertSignedBy(t, e, e.AlibabaCred.AccessKey)
	})
}

// Plan-time validation: nothing reaches the emulator.
func TestAccAlibabaCredentials_validation(t *testing.T) {
	e := aliEmulator(t)
	cases := []struct {
		name, body string
		re         *regexp.Regexp
	}{
		{"duration too short", `assume_role {
      role_arn = "acs:ram::1:role/x"
      duration = "10m"
    }`, regexp.MustCompile(`(?s)Duration out of range.*15m0s to\s+12h0m0s`)},
		{"duration too long", `assume_role_with_oidc {
      duration = "13h"
    }`, regexp.MustCompile(`(?s)Duration out of range`)},
		{"token and token file", `assume_role_with_oidc {
      oidc_token      = "a"
      oidc_token_file = "/tmp/b"
    }`, regexp.MustCompile(`(?s)Invalid Attribute Combination`)},
		{"sts not https", `endpoints = { sts = "http://127.0.0.1:1" }`, regexp.MustCompile(`(?s)https://\s+URL\s+without\s+a\s+path`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			config := fmt.Sprintf(`
provider "cloudquota" {
  alicloud {
    region = "cn-shanghai"
    %s
  }
}
%s`, tc.body, aliDataHCL)
			e.ExpectRefused(t, config, tc.re)
		})
	}
	t.Run("env duration", func(t *testing.T) {
		t.Setenv("ALICLOUD_ACCESS_KEY", e.AlibabaCred.AccessKey)
		t.Setenv("ALICLOUD_SECRET_KEY", e.AlibabaCred.SecretKey)
		t.Setenv("ALICLOUD_ASSUME_ROLE_ARN", aliRoleARN)
		t.Setenv("ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION", "60")
		e.ExpectRefused(t, aliBlock(e, ""), regexp.MustCompile(`(?s)ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION.*15m0s to\s+12h0m0s`))
	})
	t.Run("env OIDC incomplete", func(t *testing.T) {
		t.Setenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", aliOIDCARN)
		e.ExpectRefused(t, aliBlock(e, ""), regexp.MustCompile(`(?s)Incomplete Alibaba Cloud assume_role_with_oidc.*`+
			`ALIBABA_CLOUD_ROLE_ARN.*ALIBABA_CLOUD_OIDC_TOKEN_FILE`))
	})
}

// A refused exchange is Sts's error: cloud, action, status, code, request ID.
func TestAccAlibabaCredentials_stsFailures(t *testing.T) {
	cases := []struct {
		name, body string
		re         *regexp.Regexp
	}{
		{"role does not exist", `assume_role {
      role_arn = "acs:ram::1234567890123456:role/none"
    }`, regexp.MustCompile(`(?s)Alibaba Cloud STS AssumeRole failed.*HTTP status: 404.*EntityNotExist\.Role.*Request ID:\s+[0-9A-F-]{36}`)},
		{"external id wrong", `assume_role {
      role_arn    = "acs:ram::1234567890123456:role/guarded"
      external_id = "wrong"
    }`, regexp.MustCompile(`(?s)Alibaba Cloud STS AssumeRole failed.*HTTP status: 403.*NoPermission.*Request ID:\s+[0-9A-F-]{36}`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := aliEmulator(t)
			t.Setenv("ALICLOUD_ACCESS_KEY", e.AlibabaCred.AccessKey)
			t.Setenv("ALICLOUD_SECRET_KEY", e.AlibabaCred.SecretKey)
			acctest.Run(t, resource.TestStep{Config: aliBlock(e, tc.body), ExpectError: tc.re})
			e.RequestsFor(t, "AssumeRole")
			if n := e.Count("GetAuthSummary"); n != 0 {
				t.Errorf("%d SAS requests after a refused AssumeRole", n)
			}
		})
	}
	t.Run("bad OIDC token", func(t *testing.T) {
		e := aliEmulator(t)
		acctest.Run(t, resource.TestStep{Config: aliBlock(e, fmt.Sprintf(`assume_role_with_oidc {
      oidc_provider_arn = %q
      role_arn          = %q
      oidc_token        = "forged"
    }`, aliOIDCARN, aliRoleARN)), ExpectError: regexp.MustCompile(`(?s)Alibaba Cloud STS AssumeRoleWithOIDC failed.*` +
			`HTTP status: 400.*AuthenticationFail\.OIDCToken\.Invalid.*Request ID:\s+[0-9A-F-]{36}`)})
		e.RequestsFor(t, "AssumeRoleWithOIDC")
	})
}

// CLOUDQUOTA_ENDPOINT alone (no endpoints in HCL) points STS's role exchange at the emulator
// too, not only Security Center: the emulator serves every service of the cloud on one URL.
func TestAccAlibabaCredentials_assumeRoleThroughCloudquotaEndpoint(t *testing.T) {
	e := aliEmulator(t)
	t.Setenv("CLOUDQUOTA_ENDPOINT", e.URL)
	aliRead(t, strings.Replace(aliBlock(e, fmt.Sprintf(`access_key = %q
    secret_key = %q
    assume_role {
      role_arn = %q
    }`, e.AlibabaCred.AccessKey, e.AlibabaCred.SecretKey, aliRoleARN)),
		fmt.Sprintf("endpoints = { sas = %q, sts = %q }", e.URL, e.URL), "", 1))
	aliAssertSignedByIssued(t, e, aliIssued(t, e, "AssumeRole").Via)
}
