package clients

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net"
	"strings"
)

// asCertificateError returns the TLS verification failure inside err, if any. Such a
// failure repeats on every attempt, so it is never retried.
func asCertificateError(err error) error {
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

// isTransient reports whether err is a transport failure worth another attempt: timeouts,
// refused or reset connections, a connection closed mid-answer, a garbled body.
func isTransient(err error) bool {
	if asCertificateError(err) != nil {
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
	for _, s := range []string{"connection refused", "connection reset", "timeout", "eof", "broken pipe"} {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}
