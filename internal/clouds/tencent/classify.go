package tencent

import (
	"errors"
	"net/http"
	"strings"
	"time"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// classify maps the SDK's errors onto APIError. Tencent signals throttling and its
// own faults by code, not HTTP status.
func classify(err error) (*conns.APIError, bool) {
	status := 0
	var retryAfter time.Duration
	var se *conns.StatusError
	if errors.As(err, &se) {
		status, retryAfter = se.Status, se.RetryAfter
	}
	if certErr := conns.AsCertificateError(err); certErr != nil {
		return &conns.APIError{Err: certErr}, false
	}
	var sdkErr *tcerr.TencentCloudSDKError
	if !errors.As(err, &sdkErr) {
		return &conns.APIError{HTTPStatus: status, Err: err}, status == 0 && conns.IsTransient(err)
	}
	e := &conns.APIError{HTTPStatus: status, Code: sdkErr.Code, Message: sdkErr.Message, RequestID: sdkErr.RequestId, RetryAfter: retryAfter}
	switch {
	case sdkErr.Code == "ClientError.NetworkError":
		// No response arrived; the SDK's message says only that, its cause says why.
		cause := errors.Unwrap(sdkErr)
		if cause == nil {
			cause = sdkErr
		}
		return &conns.APIError{Err: cause}, true
	case sdkErr.Code == "ClientError.HttpStatusCodeError":
		// A non-200 answer from something in front of the API (gateway, proxy).
		return e, status == http.StatusTooManyRequests || status >= 500
	case sdkErr.Code == "ClientError.IOError", sdkErr.Code == "ClientError.ParseJsonError":
		// The answer was cut short or garbled on its way; a read can safely ask again.
		e.HTTPStatus = http.StatusOK
		return e, true
	case strings.HasPrefix(sdkErr.Code, "RequestLimitExceeded"),
		strings.HasPrefix(sdkErr.Code, "InternalError"),
		sdkErr.Code == "ResourceUnavailable.ServiceUnavailable":
		return e, true
	}
	return e, false
}
