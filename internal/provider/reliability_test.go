package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

// One data source per cloud: the fault classes hit each cloud's SDK and error shape.
var faultClouds = []struct {
	name, cloud, action, dataSource string
}{
	{"huaweicloud", "Huawei Cloud", "ShowResourceQuotas", "cloudquota_hss_resource_quotas"},
	{"tencentcloud", "Tencent Cloud", "DescribeImageAuthorizedInfo", "cloudquota_tcss_image_authorized_info"},
	{"alicloud", "Alibaba Cloud", "GetAuthSummary", "cloudquota_sas_auth_summary"},
}

// Every fault class the emulator injects, with what the diagnostic must say when the fault
// outlasts max_retries.
var faultClasses = []struct {
	name  string
	fault emulator.Fault
	want  string // in the diagnostic after max_retries
}{
	{"throttle", emulator.Fault{Kind: emulator.FaultThrottle}, `throttled the request after all retries`},
	{"5xx", emulator.Fault{Kind: emulator.FaultServer}, `server-side fault`},
	{"dropped connection", emulator.Fault{Kind: emulator.FaultDrop}, `HTTP status: none`},
	{"malformed JSON", emulator.Fault{Kind: emulator.FaultMalformed}, `(?i)json`},
	{"truncated JSON", emulator.Fault{Kind: emulator.FaultTruncated}, `(?i)EOF|cut short`},
	{"latency beyond request_timeout", emulator.Fault{Kind: emulator.FaultLatency, Delay: 4 * time.Second}, `(?i)timeout|deadline`},
}

// Each fault class on each cloud: one occurrence fails a read without retries and is retried
// away with them; one that outlasts max_retries is a diagnostic naming cloud, action and
// attempts.
func TestAccReliability_faultClasses(t *testing.T) {
	for _, cl := range faultClouds {
		for _, fc := range faultClasses {
			t.Run(cl.name+"/"+fc.name, func(t *testing.T) {
				acctest.PreCheck(t)
				emu := acctest.StartEmulator(t, all.Options{})
				config := func(retries int) string {
					return emu.AllCloudsProvider(fmt.Sprintf("max_retries = %d\n  request_timeout = \"1s\"", retries)) +
						fmt.Sprintf("data %q \"test\" {}\n", cl.dataSource)
				}
				// Go's HTTP transport itself retries an idempotent GET (Huawei's) once when a
				// reused connection closes with no answer, so one failed attempt takes two drops.
				perAttempt := 1
				if cl.name == "huaweicloud" && fc.fault.Kind == emulator.FaultDrop {
					perAttempt = 2
				}
				inject := func(attempts int) func() {
					n := attempts * perAttempt
					return func() {
						f := fc.fault
						f.Count = n
						emu.ClearFaults("")
						emu.Inject(cl.action, f)
					}
				}
				acctest.Run(t, resource.TestStep{
					// Without retries one fault fails the read: the fault does reach it.
					PreConfig:   inject(1),
					Config:      config(0),
					ExpectError: diagnostic(cl.cloud, cl.action, fc.want, 1),
				}, resource.TestStep{
					// With retries the same one fault is retried away.
					PreConfig: inject(1),
					Config:    config(2),
					ConfigStateChecks: []statecheck.StateCheck{
						acctest.Expect("data."+cl.dataSource+".test", "id", knownvalue.StringRegexp(regexp.MustCompile(`.`))),
					},
				}, resource.TestStep{
					PreConfig:   inject(10),
					Config:      config(1),
					ExpectError: diagnostic(cl.cloud, cl.action, fc.want, 2),
				})
			})
		}
	}
}

// timeouts.read bounds the whole read: a cloud that answers slower than it allows fails
// the read with a diagnostic that points at the timeouts block, however many retries remain.
func TestAccReliability_readTimeout(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	for _, cl := range faultClouds {
		t.Run(cl.name, func(t *testing.T) {
			acctest.Run(t, resource.TestStep{
				PreConfig: func() {
					emu.ClearFaults("")
					emu.Inject(cl.action, emulator.Fault{Kind: emulator.FaultLatency, Delay: 5 * time.Second, Count: 10})
				},
				Config: emu.AllCloudsProvider(`max_retries = 10
  request_timeout = "30s"`) + fmt.Sprintf(`
data %q "test" {
  timeouts {
    read = "1s"
  }
}
`, cl.dataSource),
				ExpectError: regexp.MustCompile(`(?s)ran out of time\s+\(timeouts.read\).*timeouts\s+block`),
			})
		})
	}
}

// diagnostic matches the error of a read that failed after attempts attempts and says want
// (before or after the attempts line; Terraform wraps long lines, so spaces match any run
// of white space).
func diagnostic(cloud, action, want string, attempts int) *regexp.Regexp {
	want = strings.ReplaceAll(want, " ", `\s+`)
	return regexp.MustCompile(fmt.Sprintf(`(?s)%s .*%s failed(.*(%s).*Attempts:\s+%d\b|.*Attempts:\s+%d\b.*(%s))`,
		cloud, action, want, attempts, attempts, want))
}
