package huawei

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// classify maps the SDK's errors onto APIError; throttling, 5xx and transport
// failures are transient, everything else is the caller's to fix.
func classify(err error) (*conns.APIError, bool) {
	var sre *sdkerr.ServiceResponseError
	if errors.As(err, &sre) {
		e := &conns.APIError{HTTPStatus: sre.StatusCode, Code: sre.ErrorCode, Message: sre.ErrorMessage, RequestID: sre.RequestId}
		if sre.StatusCode < 300 {
			// A success the SDK could not decode: the body was garbled on its way, and a read
			// can safely ask again.
			e.Message = "the response body is not the documented JSON: " + sre.ErrorMessage
			return e, true
		}
		return e, sre.StatusCode == 429 || sre.StatusCode >= 500 || sre.ErrorCode == "APIGW.0308"
	}
	// A certificate that fails verification will fail the same way on every attempt.
	if conns.AsCertificateError(err) != nil {
		return &conns.APIError{Err: err}, false
	}
	var connErr *sdkerr.ConnectionError
	var timeoutErr *sdkerr.RequestTimeoutError
	if errors.As(err, &connErr) || errors.As(err, &timeoutErr) {
		return &conns.APIError{Err: err}, true
	}
	return &conns.APIError{Err: err}, conns.IsTransient(err)
}

// lookupRegion is the region the SDK's project lookup failed for, in its text.
var lookupRegion = regexp.MustCompile(`project id of region '([^']*)'`)

// iamTraceID is the request ID the SDK puts in its text of an empty project list.
var iamTraceID = regexp.MustCompile(`X-IAM-Trace-Id=([^,\s]*)`)

// traceID is IAM's trace ID in msg, or "".
func traceID(msg string) string {
	if m := iamTraceID.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return ""
}

// classifyBuild handles client-build errors. The SDK flattens the IAM project
// lookup's ServiceResponseError into text ("failed to get project id ...: {json}"), so the
// JSON is recovered here to keep status, code and request ID in the diagnostic.
func classifyBuild(err error) (*conns.APIError, bool) {
	if apiErr, retry := classify(err); apiErr.HTTPStatus != 0 || retry {
		return apiErr, retry
	}
	msg := err.Error()
	if i := strings.Index(msg, "{"); i >= 0 {
		var sre sdkerr.ServiceResponseError
		if json.Unmarshal([]byte(msg[i:]), &sre) == nil && sre.StatusCode != 0 {
			return classify(&sre)
		}
	}
	// IAM answered, with no project of that name: the SDK says so in text, with IAM's trace
	// ID and a line of its own Go builder code, which means nothing to a Terraform user. The
	// answer was a success (an empty list), so no status is shown: "HTTP status: 200" above a
	// failure misleads. Other "failed to get project id" errors are the lookup's transport failing.
	if strings.Contains(msg, "confirm that the project exists") {
		region := "this region"
		if m := lookupRegion.FindStringSubmatch(msg); m != nil {
			region = fmt.Sprintf("%q", m[1])
		}
		return &conns.APIError{
			HTTPStatus: http.StatusOK, OmitStatus: true, RequestID: traceID(msg),
			Message: fmt.Sprintf("IAM lists no project named %s in this account (KeystoneListProjects answered "+
				"with an empty list)", region),
			Hint: "IAM lists no project for this region in the account: check the region's spelling (the " +
				"huaweicloud block's region, HW_REGION_NAME, or the data source's region), or set project_id " +
				"for a project IAM does not list by the region's name.",
		}, false
	}
	// IAM answered with no domain for the key: the lookup needs iam:users:getUser.
	if strings.Contains(msg, "failed to get domain id automatically") && strings.Contains(msg, "X-IAM-Trace-Id=") {
		return &conns.APIError{
			HTTPStatus: http.StatusOK, Message: msg, RequestID: traceID(msg),
			Hint: "IAM lists no account (domain) for these credentials: set domain_id in the huaweicloud block " +
				"(or HW_DOMAIN_ID), or give the user the iam:users:getUser permission the lookup needs.",
		}, false
	}
	// Transport failures also arrive flattened; they are worth a retry.
	return &conns.APIError{Err: err}, conns.IsTransient(err)
}
