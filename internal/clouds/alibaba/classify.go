package alibaba

import (
	"errors"
	"strings"

	"github.com/alibabacloud-go/tea/dara"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// alibabaResponseError is what the SDK's ClientError, ServerError and ThrottlingError share.
type alibabaResponseError interface {
	GetStatusCode() *int
	GetCode() *string
	GetRequestId() *string
	GetData() map[string]any
}

// classify maps the SDK's errors onto APIError: throttling and 5xx are transient.
func classify(err error) (*conns.APIError, bool) {
	// A 200 whose body is not JSON was garbled on its way (a proxy, a cut connection);
	// a read can safely ask again.
	var decodeErr *conns.APIError
	if errors.As(err, &decodeErr) {
		return decodeErr, true
	}
	if certErr := conns.AsCertificateError(err); certErr != nil {
		return &conns.APIError{Err: certErr}, false
	}
	var re alibabaResponseError
	if errors.As(err, &re) {
		e := &conns.APIError{
			HTTPStatus: dara.IntValue(re.GetStatusCode()),
			Code:       dara.StringValue(re.GetCode()),
			RequestID:  dara.StringValue(re.GetRequestId()),
		}
		// The SDK's Message is "code: N, <message> request id: X"; the body's own is cleaner.
		if msg, ok := re.GetData()["Message"].(string); ok {
			e.Message = msg
		} else {
			e.Message = err.Error()
		}
		throttled := strings.HasPrefix(e.Code, "Throttling") || e.Code == "ServiceUnavailable"
		return e, throttled || e.HTTPStatus == 429 || e.HTTPStatus >= 500
	}
	return &conns.APIError{Err: err}, conns.IsTransient(err)
}
