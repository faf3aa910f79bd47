package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
)

// A provider with no cloud configured starts and plans what reads nothing; each cloud's
// suite (acctest.RunSuite) covers a read of an unconfigured cloud.
func TestAccProvider_nothingConfigured(t *testing.T) {
	acctest.PreCheck(t)
	acctest.Run(t, resource.TestStep{
		Config: `provider "cloudquota" {}
output "ok" {
  value = "fine"
}`,
	})
}
