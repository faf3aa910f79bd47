package alibaba_test

import (
	"os"
	"testing"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
)

// TestMain installs the test CA and the instance-metadata proxy (acctest.Main) before any
// test: the SDKs' STS and metadata clients take no TLS or endpoint settings of ours.
func TestMain(m *testing.M) {
	os.Exit(acctest.Main(m))
}
