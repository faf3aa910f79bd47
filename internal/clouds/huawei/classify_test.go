package huawei

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
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
			e, retry := classify(tc.err)
			if e.HTTPStatus != tc.status || e.Code != tc.code || e.RequestID != tc.requestID || retry != tc.retry {
				t.Errorf("got %+v retry=%v, want status %d code %q id %q retry=%v", e, retry, tc.status, tc.code, tc.requestID, tc.retry)
			}
		})
	}
}

func TestClassifyHuaweiBuild(t *testing.T) {
	sre := sdkerr.ServiceResponseError{StatusCode: 401, RequestId: "abc123", ErrorCode: "APIGW.0301", ErrorMessage: "verify aksk signature fail"}
	flattened := fmt.Errorf("failed to get project id of region 'cn-north-4' automatically, %s", sre.Error())
	e, retry := classifyBuild(flattened)
	if e.HTTPStatus != 401 || e.Code != "APIGW.0301" || e.RequestID != "abc123" || e.Message != "verify aksk signature fail" || retry {
		t.Errorf("got %+v retry=%v", e, retry)
	}

	e, retry = classifyBuild(errors.New(`Get "http://127.0.0.1:1/v3/projects": dial tcp: connection refused`))
	if e.HTTPStatus != 0 || !retry {
		t.Errorf("connection refused: got %+v retry=%v, want a transient transport error", e, retry)
	}

	// A DNS failure of the IAM project lookup arrives as text too, and is retried like the
	// same failure of any other call (a net.Error there).
	e, retry = classifyBuild(errors.New(`failed to get project id of region 'cn-north-4' automatically, ` +
		`Get "https://iam.example.invalid/v3/projects?name=cn-north-4": dial tcp: lookup iam.example.invalid: no such host`))
	if e.HTTPStatus != 0 || !retry {
		t.Errorf("DNS failure: got %+v retry=%v, want a transient transport error", e, retry)
	}

	// A certificate error of the lookup is final and no answer of IAM's.
	e, retry = classifyBuild(errors.New(`failed to get project id of region 'cn-north-4' automatically, ` +
		`Get "https://127.0.0.1:1/v3/projects?name=cn-north-4": tls: failed to verify certificate: x509: certificate signed by unknown authority`))
	if e.HTTPStatus != 0 || retry || e.Hint != "" {
		t.Errorf("certificate error: got %+v retry=%v, want a final transport error", e, retry)
	}

	// IAM listed no project: its answer, with its trace ID as the request ID.
	e, retry = classifyBuild(errors.New(`failed to get project id of region 'cn-nort-4' automatically, X-IAM-Trace-Id=7f3c9a, ` +
		`confirm that the project exists in your account, or set project id manually: basic.NewCredentialsBuilder()`))
	if !e.OmitStatus || retry || e.RequestID != "7f3c9a" || !strings.Contains(e.Hint, "spelling") ||
		e.Message != `IAM lists no project named "cn-nort-4" in this account (KeystoneListProjects answered with an empty list)` {
		t.Errorf("no project: got %+v retry=%v, want IAM's answer with its trace ID", e, retry)
	}
	var diags diag.Diagnostics
	conns.AddError(&diags, e)
	for _, bad := range []string{"HTTP status", "NewCredentialsBuilder", "SafeBuild", "HTTP 200"} {
		if d := diags[0].Detail() + diags[0].Summary() + e.Error(); strings.Contains(d, bad) {
			t.Errorf("the diagnostic shows %q:\n%s", bad, d)
		}
	}
}
