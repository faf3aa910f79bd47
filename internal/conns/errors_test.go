package conns

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestAddErrorNamesEverything(t *testing.T) {
	var diags diag.Diagnostics
	AddError(&diags, &APIError{
		Cloud: "Huawei Cloud", Service: "HSS", Action: "ShowResourceQuotas", Region: "cn-north-4",
		HTTPStatus: 403, Code: "HSS.0003", Message: "not purchased", RequestID: "0123abcd", Attempts: 1,
	})
	if len(diags) != 1 || diags[0].Severity() != diag.SeverityError {
		t.Fatalf("want one error, got %v", diags)
	}
	if got := diags[0].Summary(); got != "Huawei Cloud HSS ShowResourceQuotas failed" {
		t.Errorf("summary %q", got)
	}
	for _, want := range []string{"Huawei Cloud", "HSS ShowResourceQuotas", "cn-north-4", "403", "HSS.0003", "not purchased", "0123abcd", "Attempts:    1", "permissions"} {
		if !strings.Contains(diags[0].Detail(), want) {
			t.Errorf("detail lacks %q:\n%s", want, diags[0].Detail())
		}
	}
}

func TestBackoffIsBoundedFullJitter(t *testing.T) {
	for attempt := 1; attempt <= 40; attempt++ {
		ceiling := backoffBase << min(attempt-1, 16)
		if ceiling > backoffCap {
			ceiling = backoffCap
		}
		for range 50 {
			if d := backoff(attempt); d < 0 || d >= ceiling {
				t.Fatalf("attempt %d: delay %s outside [0, %s)", attempt, d, ceiling)
			}
		}
	}
}

func TestHintByCode(t *testing.T) {
	cases := map[string]string{
		"AuthFailure.SignatureFailure":      "refused the credentials",
		"AuthFailure.SecretIdNotFound":      "refused the credentials",
		"AuthFailure.UnauthorizedOperation": "not allowed this action",
		"InvalidAccessKeyId.NotFound":       "refused the credentials",
		"NoPermission":                      "not allowed this action",
		"RequestLimitExceeded":              "throttled",
		"Throttling.User":                   "throttled",
		"InternalError":                     "server-side fault",
		"UnsupportedRegion":                 "check the region",
	}
	for code, want := range cases {
		if got := (&APIError{HTTPStatus: 200, Code: code}).hint(); !strings.Contains(got, want) {
			t.Errorf("hint for %s = %q, want it to contain %q", code, got, want)
		}
	}
}
