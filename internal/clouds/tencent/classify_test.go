package tencent

import (
	"crypto/x509"
	"errors"
	"net"
	"testing"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
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
		{"signature failure", &conns.StatusError{Status: 200, Err: sdk("AuthFailure.SignatureFailure", "bad", "r1")}, 200, "AuthFailure.SignatureFailure", "r1", false},
		{"throttled", &conns.StatusError{Status: 200, Err: sdk("RequestLimitExceeded", "slow down", "r2")}, 200, "RequestLimitExceeded", "r2", true},
		{"throttled per UIN", &conns.StatusError{Status: 200, Err: sdk("RequestLimitExceeded.UinLimitExceeded", "", "r3")}, 200, "RequestLimitExceeded.UinLimitExceeded", "r3", true},
		{"internal error", &conns.StatusError{Status: 200, Err: sdk("InternalError", "oops", "r4")}, 200, "InternalError", "r4", true},
		{"internal error subcode", &conns.StatusError{Status: 200, Err: sdk("InternalError.MainDBFail", "", "")}, 200, "InternalError.MainDBFail", "", true},
		{"unsupported region", &conns.StatusError{Status: 200, Err: sdk("UnsupportedRegion", "", "")}, 200, "UnsupportedRegion", "", false},
		{"gateway 502", &conns.StatusError{Status: 502, Err: sdk("ClientError.HttpStatusCodeError", "Bad Gateway", "")}, 502, "ClientError.HttpStatusCodeError", "", true},
		{"gateway 404", &conns.StatusError{Status: 404, Err: sdk("ClientError.HttpStatusCodeError", "Not Found", "")}, 404, "ClientError.HttpStatusCodeError", "", false},
		{"no response", &conns.StatusError{Status: 0, Err: tcerr.NewTencentCloudSDKErrorWithCause("ClientError.NetworkError", "Fail to get response", "", netErr)}, 0, "", "", true},
		{"bad certificate", &conns.StatusError{Status: 0, Err: tcerr.NewTencentCloudSDKErrorWithCause("ClientError.NetworkError", "Fail to get response", "", x509.UnknownAuthorityError{})}, 0, "", "", false},
		{"body cut short", &conns.StatusError{Status: 200, Err: sdk("ClientError.IOError", "unexpected EOF", "")}, 200, "ClientError.IOError", "", true},
		{"body not JSON", &conns.StatusError{Status: 200, Err: sdk("ClientError.ParseJsonError", "Fail to parse json content", "")}, 200, "ClientError.ParseJsonError", "", true},
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
