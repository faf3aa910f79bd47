package conns

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// NewTransport is the HTTP transport for SDKs that accept one: the default one, with TLS
// verification off only when insecure is set, and each response's status recorded (see
// RecordStatus).
func NewTransport(insecure bool) http.RoundTripper {
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok { // replaced by some other code in the process; start from a fresh default
		base = &http.Transport{Proxy: http.ProxyFromEnvironment}
	}
	base = base.Clone()
	if insecure {
		base.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for it
	}
	return statusRecorder{base}
}

// StatusError carries the HTTP status of a failed attempt to the cloud's classifier.
type StatusError struct {
	Status int
	Err    error
	// RetryAfter is the wait the response's Retry-After header asked for (whole seconds; 0
	// when absent or a date).
	RetryAfter time.Duration
}

func (e *StatusError) Error() string { return e.Err.Error() }
func (e *StatusError) Unwrap() error { return e.Err }

// statusRecorder remembers the HTTP status of a response in the request's context, for
// SDKs whose errors do not carry it (Tencent answers most errors with 200, but a proxy or
// gateway in between may not).
type statusRecorder struct{ next http.RoundTripper }

type statusKey struct{}

// httpStatus receives the status of the last response of one attempt, and its Retry-After.
type httpStatus struct {
	code       int
	retryAfter time.Duration
}

func (s statusRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.next.RoundTrip(r)
	if h, ok := r.Context().Value(statusKey{}).(*httpStatus); ok && resp != nil {
		h.code = resp.StatusCode
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
			h.retryAfter = time.Duration(min(secs, 3600)) * time.Second
		}
	}
	return resp, err
}

// RecordStatus returns a context for one attempt's request through a NewTransport
// transport, and a function that wraps err with the status (0 = no response) and the
// Retry-After of the last response it received.
func RecordStatus(ctx context.Context) (context.Context, func(err error) *StatusError) {
	h := &httpStatus{}
	return context.WithValue(ctx, statusKey{}, h), func(err error) *StatusError {
		return &StatusError{Status: h.code, RetryAfter: h.retryAfter, Err: err}
	}
}

// AsCertificateError returns the TLS verification failure inside err, if any. Such a
// failure repeats on every attempt, so it is never retried.
func AsCertificateError(err error) error {
	var certErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	switch {
	case errors.As(err, &certErr):
		return certErr
	case errors.As(err, &authorityErr):
		return authorityErr
	case errors.As(err, &hostErr):
		return hostErr
	case errors.As(err, &invalidErr):
		return invalidErr
	}
	return nil
}

// IsTransient reports whether err is a transport failure worth another attempt: timeouts,
// refused or reset connections, a connection closed mid-answer, a garbled body.
func IsTransient(err error) bool {
	if AsCertificateError(err) != nil {
		return false
	}
	// A body that is not JSON on a read that succeeded was garbled or cut on its way.
	var netErr net.Error
	var syntaxErr *json.SyntaxError
	if errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.As(err, &syntaxErr) {
		return true
	}
	// Some SDKs flatten transport errors into text.
	lower := strings.ToLower(err.Error())
	for _, s := range []string{
		"connection refused", "connection reset", "timeout", "eof", "broken pipe",
		"no such host", "server misbehaving", "network is unreachable", "no route to host",
	} {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}
