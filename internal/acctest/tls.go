package acctest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

// trustedCert is the loopback certificate of StartTrustedTLSEmulator, issued by the CA that
// TrustEmulatorCA installs; nil until then.
var trustedCert *tls.Certificate

// TrustEmulatorCA makes a certificate authority for this test process, writes it to a file
// and points SSL_CERT_FILE at it, so that clients verifying against the system roots trust
// StartTrustedTLSEmulator. The vendors' STS and IAM credential providers are such clients:
// they build their own HTTPS clients and take no TLS settings. Call it from TestMain before
// any TLS handshake (Go reads the system roots once); run cleanup when the tests are done.
func TrustEmulatorCA() (cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "cloudquota-ca-")
	if err != nil {
		return nil, err
	}
	cleanup = func() { _ = os.RemoveAll(dir) }
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return cleanup, err
	}
	now := time.Now()
	ca := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "cloudquota emulator test CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return cleanup, err
	}
	ca, err = x509.ParseCertificate(caDER)
	if err != nil {
		return cleanup, err
	}
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return cleanup, err
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "cloudquota emulator"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:     []string{"localhost"},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		return cleanup, err
	}
	file := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600); err != nil {
		return cleanup, err
	}
	if err := os.Setenv("SSL_CERT_FILE", file); err != nil {
		return cleanup, err
	}
	trustedCert = &tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}
	return cleanup, nil
}

// StartTrustedTLSEmulator is StartEmulator over HTTPS with a certificate the process trusts
// through its system roots (see TrustEmulatorCA), as the vendors' STS endpoints would be.
func StartTrustedTLSEmulator(t *testing.T, opts all.Options) *Emulator {
	t.Helper()
	if trustedCert == nil {
		t.Fatal("StartTrustedTLSEmulator needs acctest.TrustEmulatorCA in the package's TestMain")
	}
	return start(t, opts, func(h http.Handler) *httptest.Server {
		srv := httptest.NewUnstartedServer(h)
		srv.TLS = &tls.Config{Certificates: []tls.Certificate{*trustedCert}, MinVersion: tls.VersionTLS12}
		srv.StartTLS()
		return srv
	})
}

// metadataTarget is the emulator that answers instance-metadata requests, nil for none.
var metadataTarget atomic.Pointer[emulator.Server]

// ServeInstanceMetadata makes e answer the clouds' instance-metadata addresses
// (169.254.169.254, metadata.tencentyun.com, 100.100.100.200) until the test ends, as on
// a cloud VM. The SDKs' metadata clients are plain HTTP clients that honour HTTP_PROXY,
// which Main points at a proxy that hands such requests to e. Without it nothing answers.
func (e *Emulator) ServeInstanceMetadata(t *testing.T) {
	t.Helper()
	metadataTarget.Store(e.Server.Server)
	t.Cleanup(func() { metadataTarget.Store(nil) })
}

// metadataProxy receives the requests the SDKs address to metadata hosts through HTTP_PROXY.
func metadataProxy(w http.ResponseWriter, r *http.Request) {
	if srv := metadataTarget.Load(); srv != nil {
		srv.ServeHTTP(w, r)
		return
	}
	// As off a cloud VM: nothing answers. Closing at once keeps tests fast; the
	// provider's bound on a metadata service that never answers is tested separately.
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	http.Error(w, "no instance metadata here", http.StatusBadGateway)
}

// Main is the TestMain body of packages whose tests exercise credential sources: it
// installs the test CA (TrustEmulatorCA) and routes plain-HTTP requests for non-loopback
// hosts (the metadata services) to the emulator chosen by ServeInstanceMetadata. Both must
// happen before the first request: Go reads the system roots and HTTP_PROXY once.
func Main(m *testing.M) int {
	cleanup, err := TrustEmulatorCA()
	if cleanup != nil {
		defer cleanup()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "acctest: cannot set up the test CA:", err)
		return 1
	}
	proxy := httptest.NewServer(http.HandlerFunc(metadataProxy))
	defer proxy.Close()
	for _, name := range []string{"HTTP_PROXY", "http_proxy"} {
		if err := os.Setenv(name, proxy.URL); err != nil {
			fmt.Fprintln(os.Stderr, "acctest:", err)
			return 1
		}
	}
	// HTTPS requests (STS, and any test that means to reach a real endpoint) go direct.
	for _, name := range []string{"HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"} {
		_ = os.Unsetenv(name)
	}
	return m.Run()
}
