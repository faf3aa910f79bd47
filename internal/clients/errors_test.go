package clients

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
)

func TestClassifyHuawei(t *testing.T) {
	cases := []struct {
		name      string
		err       error
		status    int
		code      string
		requestID string
		retry     bool
	}{
		{"auth failure", &sdkerr.ServiceResponseError{StatusCode: 401, ErrorCode: "APIGW.0301", RequestId: "r1"}, 401, "APIGW.0301", "r1", false},
		{"bad parameter", &sdkerr.ServiceResponseError{StatusCode: 400, ErrorCode: "HSS.1001"}, 400, "HSS.1001", "", false},
		{"forbidden", &sdkerr.ServiceResponseError{StatusCode: 403, ErrorCode: "HSS.0003"}, 403, "HSS.0003", "", false},
		{"throttled", &sdkerr.ServiceResponseError{StatusCode: 429, ErrorCode: "APIGW.0308"}, 429, "APIGW.0308", "", true},
		{"server fault", &sdkerr.ServiceResponseError{StatusCode: 503}, 503, "", "", true},
		{"connection", sdkerr.NewConnectionError("connection refused"), 0, "", "", true},
		{"timeout", sdkerr.NewRequestTimeoutError("deadline"), 0, "", "", true},
		{"wrapped", fmt.Errorf("call: %w", &sdkerr.ServiceResponseError{StatusCode: 500}), 500, "", "", true},
		{"anything else", errors.New("boom"), 0, "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, retry := classifyHuawei(tc.err)
			if e.HTTPStatus != tc.status || e.Code != tc.code || e.RequestID != tc.requestID || retry != tc.retry {
				t.Errorf("got %+v retry=%v, want status %d code %q id %q retry=%v", e, retry, tc.status, tc.code, tc.requestID, tc.retry)
			}
		})
	}
}

// The SDK flattens IAM lookup errors into text; the JSON inside must be recovered.
func TestClassifyHuaweiBuild(t *testing.T) {
	sre := sdkerr.ServiceResponseError{StatusCode: 401, RequestId: "abc123", ErrorCode: "APIGW.0301", ErrorMessage: "verify aksk signature fail"}
	flattened := fmt.Errorf("failed to get project id of region 'cn-north-4' automatically, %s", sre.Error())
	e, retry := classifyHuaweiBuild(flattened)
	if e.HTTPStatus != 401 || e.Code != "APIGW.0301" || e.RequestID != "abc123" || e.Message != "verify aksk signature fail" || retry {
		t.Errorf("got %+v retry=%v", e, retry)
	}

	e, retry = classifyHuaweiBuild(errors.New(`Get "http://127.0.0.1:1/v3/projects": dial tcp: connection refused`))
	if e.HTTPStatus != 0 || !retry {
		t.Errorf("connection refused: got %+v retry=%v, want a transient transport error", e, retry)
	}
}

func TestAddErrorNamesEverything(t *testing.T) {
	var diags diag.Diagnostics
	AddError(&diags, &APIError{
		Cloud: HuaweiCloud, Service: ServiceHSS, Action: "ShowResourceQuotas", Region: "cn-north-4",
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
