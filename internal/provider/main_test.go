package provider_test

import (
	"os"
	"testing"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
)

// TestMain installs the test CA first: the credential tests' STS endpoints are served over
// HTTPS by the emulator, and the SDKs' STS clients trust only the system roots.
func TestMain(m *testing.M) {
	os.Exit(acctest.RunWithTrustedCA(m))
}
