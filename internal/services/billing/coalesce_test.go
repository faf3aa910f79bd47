package billing_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

// Twenty identical reads in one plan share one call per read of terraform's.
func TestAccSubscriptions_identicalReadsShareOneCall(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + `
data "cloudquota_tencentcloud_subscriptions" "same" {
  count           = 20
  expiring_within = "720h"
}`,
	})
	n := emu.Count(action)
	t.Logf("%s: %d request(s) for 20 identical data sources over %d terraform reads", action, n, readsPerStep)
	if n != readsPerStep {
		t.Errorf("%d requests for 20 identical reads in each of %d terraform operations, want %d", n, readsPerStep, readsPerStep)
	}
}
