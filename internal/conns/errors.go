package conns

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// APIError is a failed cloud API call, normalised so that every cloud's failure reads
// the same way in a diagnostic.
type APIError struct {
	Cloud      string // "Huawei Cloud"
	Service    string // "HSS"
	Action     string // "ShowResourceQuotas"
	Region     string
	HTTPStatus int // 0 when no HTTP response arrived
	Code       string
	Message    string
	RequestID  string
	Attempts   int
	// Err is the transport error when no HTTP response arrived.
	Err error
	// Limit is the API's rate limit when it shaped the failure: a throttled answer, or a read
	// that ran out of time; LimitWait is how long the read waited for it.
	Limit     *Limit
	LimitWait time.Duration
	// RetryAfter is the wait a throttled answer asked for (Retry-After), 0 when it named none.
	RetryAfter time.Duration
	// OmitStatus hides the HTTP status in the diagnostic: the answer was a success whose
	// content was the failure (Huawei IAM's empty project list), and "HTTP status: 200" above
	// an error misleads.
	OmitStatus bool
	// TimedOut is how many attempts ran into request_timeout (RequestTimeout) without an answer.
	TimedOut       int
	RequestTimeout time.Duration
	// Hint, when set by the cloud's classifier, replaces the generic hint: the cloud knows
	// better what its answer means.
	Hint string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", e.Cloud, e.Service, e.Action)
	if e.HTTPStatus != 0 && !e.OmitStatus {
		fmt.Fprintf(&b, ": HTTP %d", e.HTTPStatus)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	} else if e.Err != nil {
		fmt.Fprintf(&b, ": %s", e.Err)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request ID %s)", e.RequestID)
	}
	return b.String()
}

func (e *APIError) Unwrap() error { return e.Err }

// detail is the multi-line diagnostic body: every field a support ticket needs.
func (e *APIError) detail() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Cloud:       %s\n", e.Cloud)
	fmt.Fprintf(&b, "Action:      %s %s\n", e.Service, e.Action)
	if e.Region != "" {
		fmt.Fprintf(&b, "Region:      %s\n", e.Region)
	}
	switch {
	case e.OmitStatus:
	case e.HTTPStatus != 0:
		fmt.Fprintf(&b, "HTTP status: %d\n", e.HTTPStatus)
	default:
		b.WriteString("HTTP status: none (no response received)\n")
	}
	fmt.Fprintf(&b, "Error code:  %s\n", orNone(e.Code))
	msg := e.Message
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
		if e.TimedOut > 0 && e.TimedOut == e.Attempts {
			msg = fmt.Sprintf("no answer within request_timeout (%s) on any of %d attempt(s): %s",
				e.RequestTimeout, e.Attempts, msg)
		}
	}
	fmt.Fprintf(&b, "Message:     %s\n", orNone(msg))
	fmt.Fprintf(&b, "Request ID:  %s\n", orNone(e.RequestID))
	fmt.Fprintf(&b, "Attempts:    %d\n", e.Attempts)
	if e.Limit != nil && (e.LimitWait > 0 || e.throttled()) {
		fmt.Fprintf(&b, "Rate limit:  %s per account (%s)\n", e.Limit.per(), e.Limit.Source)
		fmt.Fprintf(&b, "Waited:      %s for the rate limit\n", e.LimitWait.Round(time.Millisecond))
	}
	if h := e.hint(); h != "" {
		fmt.Fprintf(&b, "\n%s", h)
	}
	return b.String()
}

// throttled reports whether the cloud refused the call for its rate. Tencent answers
// every error with HTTP 200, so vendor codes are read as well as statuses.
func (e *APIError) throttled() bool {
	return e.HTTPStatus == 429 || e.Code == "APIGW.0308" || strings.HasPrefix(e.Code, "RequestLimitExceeded") ||
		strings.HasPrefix(e.Code, "Throttling")
}

// serverFault reports whether the cloud said the fault is its own.
func (e *APIError) serverFault() bool {
	return strings.HasPrefix(e.Code, "InternalError") || e.Code == "ServerError" || e.Code == "ServiceUnavailable" ||
		e.Code == "ResourceUnavailable.ServiceUnavailable"
}

// hint names the usual cause of a failure class, so users know where to look first.
func (e *APIError) hint() string {
	code := e.Code
	if e.Hint != "" {
		return e.Hint
	}
	switch {
	case errors.Is(e.Err, errReadTimeout) && e.Limit != nil && e.LimitWait > 0:
		return fmt.Sprintf("The read ran out of time waiting for the API's rate limit: %s allows %s per account, "+
			"counted across every terraform process of this user on this machine, and the read waited %s. "+
			"Make fewer distinct reads (identical reads share one call), set cache_ttl so that identical reads of "+
			"other terraform processes share one answer, raise read in the data source's timeouts block, or, if the "+
			"account's limit was raised, set rate_limits = { %s = \"N/DURATION\" } in the provider block.",
			e.Action, e.Limit.per(), e.LimitWait.Round(time.Second), e.Action)
	case e.TimedOut > 0 && e.TimedOut == e.Attempts:
		return fmt.Sprintf("Each attempt ran into request_timeout (%s): the endpoint accepted the connection but "+
			"sent no answer in time, %d attempt(s) in all. Check that the endpoint (the endpoints override, "+
			"CLOUDQUOTA_ENDPOINT or its per-service variable) is the API and is not stalled, raise request_timeout "+
			"if the API is slow, or lower max_retries so that it fails sooner.", e.RequestTimeout, e.Attempts)
	case e.TimedOut > 0:
		h := fmt.Sprintf("%d of the %d attempt(s) ran into request_timeout (%s) without an answer. Check the "+
			"endpoint and the network path to it, or raise request_timeout if the API is slow.",
			e.TimedOut, e.Attempts, e.RequestTimeout)
		if errors.Is(e.Err, errReadTimeout) {
			h += " The read then ran out of its own time (timeouts.read): raise read in the data source's timeouts " +
				"block, or lower max_retries and request_timeout so that a failing endpoint fails sooner."
		}
		return h
	case errors.Is(e.Err, errReadTimeout):
		return "The read did not finish within its time limit: raise read in the data source's timeouts block, " +
			"or lower max_retries and request_timeout so that a failing cloud fails sooner."
	case errors.Is(e.Err, context.Canceled):
		return "Terraform cancelled the read (for example on Ctrl-C or because another operation failed)."
	case e.HTTPStatus == 401, code == "SignatureDoesNotMatch", code == "IncompleteSignature",
		strings.HasPrefix(code, "InvalidAccessKeyId"), strings.HasPrefix(code, "InvalidSecurityToken"),
		strings.HasPrefix(code, "AuthFailure") && code != "AuthFailure.UnauthorizedOperation":
		return "The cloud refused the credentials: check the access key, secret key and security token " +
			"(an expired temporary credential looks the same)."
	case e.HTTPStatus == 403, code == "NoPermission", code == "UnauthorizedOperation",
		code == "AuthFailure.UnauthorizedOperation", strings.HasPrefix(code, "Forbidden"):
		return "The credentials are valid but not allowed this action, the service is not purchased or enabled " +
			"for the account, or the project does not belong to the account: check the permissions in the " +
			"account's access policies (IAM, CAM or RAM), the service's subscription, and the project/region."
	case e.throttled() && e.Limit != nil:
		return fmt.Sprintf("The cloud throttled the request after all retries, each scheduled after the API's "+
			"window (%s allows %s per account). Another client of the same account may be spending it: raise "+
			"max_retries or the data source's timeouts.read, lower rate_limits.%s to leave the other clients their "+
			"share, or set cache_ttl so that identical reads share one answer.", e.Action, e.Limit.per(), e.Action)
	case e.throttled():
		return "The cloud throttled the request after all retries: lower Terraform's -parallelism or raise max_retries."
	case e.HTTPStatus >= 500, e.serverFault():
		return "The cloud had a server-side fault; retrying later usually succeeds."
	case e.HTTPStatus == 404, code == "InvalidAction", strings.HasPrefix(code, "InvalidAction."),
		code == "UnsupportedRegion", strings.HasPrefix(code, "ResourceNotFound"):
		return "The API was not found: check the region and any endpoint override (the service may not be " +
			"offered in that region)."
	case e.HTTPStatus == 400, strings.HasPrefix(code, "InvalidParameter"), strings.HasPrefix(code, "MissingParameter"):
		return "The cloud rejected the request's arguments."
	case e.Code == "ClientError.ParseJsonError", e.Code == "ClientError.IOError",
		strings.Contains(e.Message, "not the documented JSON"):
		return "The answer was cut short or was not the documented JSON on every attempt: something between " +
			"here and the cloud (a proxy or gateway) may be rewriting it."
	case e.HTTPStatus == 0 && e.Err != nil && strings.Contains(e.Err.Error(), "certificate"):
		return "TLS verification of the endpoint failed: check the endpoint URL, or set insecure = true " +
			"for a private endpoint with a self-signed certificate."
	case e.HTTPStatus == 0:
		return "No readable response arrived: check the network path to the endpoint, the endpoint override, " +
			"and request_timeout."
	}
	return ""
}

// ConfigError is a cloud that cannot be called because its settings are missing or wrong.
// It is returned only when a data source of that cloud is read, so that an unconfigured
// cloud never disturbs the others.
type ConfigError struct {
	Summary string
	Detail  string
}

func (e *ConfigError) Error() string { return e.Summary + ": " + e.Detail }

// AddError appends err to diags as one error diagnostic, in the same format for every cloud.
func AddError(diags *diag.Diagnostics, err error) {
	var apiErr *APIError
	var cfgErr *ConfigError
	switch {
	case errors.As(err, &apiErr):
		diags.AddError(fmt.Sprintf("%s %s %s failed", apiErr.Cloud, apiErr.Service, apiErr.Action), apiErr.detail())
	case errors.As(err, &cfgErr):
		diags.AddError(cfgErr.Summary, cfgErr.Detail)
	default:
		diags.AddError("Cloud API call failed", err.Error())
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
