package clients

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
)

func TestClassifyTencent(t *testing.T) {
	sdk := func(code, msg, id string) error { return tcerr.NewTencentCloudSDKError(code, msg, id) }
	netErr := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	cases := []struct {
		name      string
		err       error
		status    int
		code      string
		requestID string
		retry     bool
	}{
		{"signature failure", &statusError{status: 200, err: sdk("AuthFailure.SignatureFailure", "bad", "r1")}, 200, "AuthFailure.SignatureFailure", "r1", false},
		{"throttled", &statusError{status: 200, err: sdk("RequestLimitExceeded", "slow down", "r2")}, 200, "RequestLimitExceeded", "r2", true},
		{"throttled per UIN", &statusError{status: 200, err: sdk("RequestLimitExceeded.UinLimitExceeded", "", "r3")}, 200, "RequestLimitExceeded.UinLimitExceeded", "r3", true},
		{"internal error", &statusError{status: 200, err: sdk("InternalError", "oops", "r4")}, 200, "InternalError", "r4", true},
		{"internal error subcode", &statusError{status: 200, err: sdk("InternalError.MainDBFail", "", "")}, 200, "InternalError.MainDBFail", "", true},
		{"unsupported region", &statusError{status: 200, err: sdk("UnsupportedRegion", "", "")}, 200, "UnsupportedRegion", "", false},
		{"gateway 502", &statusError{status: 502, err: sdk("ClientError.HttpStatusCodeError", "Bad Gateway", "")}, 502, "ClientError.HttpStatusCodeError", "", true},
		{"gateway 404", &statusError{status: 404, err: sdk("ClientError.HttpStatusCodeError", "Not Found", "")}, 404, "ClientError.HttpStatusCodeError", "", false},
		{"no response", &statusError{status: 0, err: tcerr.NewTencentCloudSDKErrorWithCause("ClientError.NetworkError", "Fail to get response", "", netErr)}, 0, "", "", true},
		{"bad certificate", &statusError{status: 0, err: tcerr.NewTencentCloudSDKErrorWithCause("ClientError.NetworkError", "Fail to get response", "", x509.UnknownAuthorityError{})}, 0, "", "", false},
		{"body cut short", &statusError{status: 200, err: sdk("ClientError.IOError", "unexpected EOF", "")}, 200, "ClientError.IOError", "", true},
		{"body not JSON", &statusError{status: 200, err: sdk("ClientError.ParseJsonError", "Fail to parse json content", "")}, 200, "ClientError.ParseJsonError", "", true},
		{"anything else", errors.New("boom"), 0, "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, retry := classifyTencent(tc.err)
			if e.HTTPStatus != tc.status || e.Code != tc.code || e.RequestID != tc.requestID || retry != tc.retry {
				t.Errorf("got %+v retry=%v, want status %d code %q id %q retry=%v", e, retry, tc.status, tc.code, tc.requestID, tc.retry)
			}
		})
	}
}

func TestClassifyAlibaba(t *testing.T) {
	body := func(code, msg, id string) map[string]any {
		return map[string]any{"Code": code, "Message": msg, "RequestId": id}
	}
	clientErr := func(status int, code, msg, id string) error {
		return &openapi.ClientError{
			StatusCode: dara.Int(status), Code: dara.String(code), RequestId: dara.String(id),
			Message: dara.String(fmt.Sprintf("code: %d, %s request id: %s", status, msg, id)), Data: body(code, msg, id),
		}
	}
	cases := []struct {
		name          string
		err           error
		status        int
		code, msg, id string
		retry         bool
	}{
		{"no permission", clientErr(403, "NoPermission", "caller has no permission", "R1"), 403, "NoPermission", "caller has no permission", "R1", false},
		{"bad signature", clientErr(400, "SignatureDoesNotMatch", "Specified signature is not matched", "R2"), 400, "SignatureDoesNotMatch", "Specified signature is not matched", "R2", false},
		{"throttled", &openapi.ThrottlingError{StatusCode: dara.Int(400), Code: dara.String("Throttling.User"), RequestId: dara.String("R3"), Data: body("Throttling.User", "flow control", "R3")}, 400, "Throttling.User", "flow control", "R3", true},
		{"server error", &openapi.ServerError{StatusCode: dara.Int(500), Code: dara.String("ServerError"), RequestId: dara.String("R4"), Data: body("ServerError", "ServerError", "R4")}, 500, "ServerError", "ServerError", "R4", true},
		{"unreadable body", &APIError{HTTPStatus: 200, Message: "not JSON", RequestID: "R5"}, 200, "", "not JSON", "R5", true},
		{"connection refused", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, 0, "", "", "", true},
		{"bad certificate", fmt.Errorf("Post: %w", x509.UnknownAuthorityError{}), 0, "", "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, retry := classifyAlibaba(tc.err)
			if e.HTTPStatus != tc.status || e.Code != tc.code || e.Message != tc.msg || e.RequestID != tc.id || retry != tc.retry {
				t.Errorf("got %+v retry=%v, want status %d code %q msg %q id %q retry=%v", e, retry, tc.status, tc.code, tc.msg, tc.id, tc.retry)
			}
		})
	}
}

func TestAlibabaEndpoint(t *testing.T) {
	cases := []struct {
		region, override    string
		host, protocol, err string
	}{
		{"cn-shanghai", "", "tds.aliyuncs.com", "https", ""},
		{"cn-hangzhou", "", "tds.aliyuncs.com", "https", ""},
		{"ap-southeast-1", "", "tds.ap-southeast-1.aliyuncs.com", "https", ""},
		{"ap-southeast-3", "", "tds.ap-southeast-3.aliyuncs.com", "https", ""},
		{"xx-nowhere-1", "", "", "", `Unknown Alibaba Cloud region "xx-nowhere-1"`},
		{"xx-nowhere-1", "http://127.0.0.1:8080", "127.0.0.1:8080", "http", ""},
	}
	for _, tc := range cases {
		host, protocol, err := alibabaEndpoint(AlibabaConfig{Endpoints: AlibabaEndpoints{SAS: tc.override}}, ServiceSAS, tc.region)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "cn-shanghai") {
				t.Errorf("%s: got error %v, want one containing %q and the known regions", tc.region, err, tc.err)
			}
			continue
		}
		if err != nil || host != tc.host || protocol != tc.protocol {
			t.Errorf("%s %q: got %q %q %v, want %q %q", tc.region, tc.override, host, protocol, err, tc.host, tc.protocol)
		}
	}
}

// Codes, not only statuses, choose the hint: Tencent answers every error with HTTP 200.
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
