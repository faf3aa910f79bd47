package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

// These tests run the documented limits (CLOUDQUOTA_RATE_LIMITS cleared) or short ones set
// in rate_limits, through the built provider and the real terraform CLI (cliPlan).

// hssVersions are the seven editions ShowResourceQuotas takes: seven distinct reads.
const hssVersions = `["hss.version.null", "hss.version.basic", "hss.version.advanced", "hss.version.enterprise",
  "hss.version.premium", "hss.version.wtp", "hss.version.container.enterprise"]`

// arrivals are the times the emulator received action's requests.
func arrivals(emu *acctest.Emulator, action string) []time.Time {
	var out []time.Time
	for _, r := range emu.Requests() {
		if r.Action == action {
			out = append(out, r.Time)
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// mostInWindow is the most arrivals any window of length per holds.
func mostInWindow(times []time.Time, per time.Duration) int {
	most := 0
	for i := range times {
		n := 0
		for j := i; j < len(times) && times[j].Sub(times[i]) < per; j++ {
			n++
		}
		most = max(most, n)
	}
	return most
}

// Seven distinct HSS reads in one plan, with the documented limit of 5 calls a minute on both
// sides (the emulator enforces it per access key): five go at once, the last two wait out the
// real 60-second window, none is throttled.
func TestAccRateLimits_sevenDistinctHSSReads(t *testing.T) {
	acctest.PreCheck(t)
	t.Setenv("CLOUDQUOTA_RATE_LIMITS", "")
	emu := acctest.StartEmulator(t, all.Options{Limits: all.DocumentedLimits()})
	config := emu.HuaweiProvider("") + fmt.Sprintf(`
data "cloudquota_hss_resource_quotas" "each" {
  for_each = toset(%s)
  version  = each.key
}
`, hssVersions)
	start := time.Now()
	out, err := cliPlan(t, config)
	if err != nil {
		t.Fatalf("plan failed: %v\n%s", err, out)
	}
	const action = "ShowResourceQuotas"
	times := arrivals(emu, action)
	t.Logf("7 distinct reads: %d requests, %d throttled, at most %d in any minute, plan %s",
		len(times), emu.Throttled(action), mostInWindow(times, time.Minute), time.Since(start).Round(time.Second))
	if len(times) != 7 || emu.Throttled(action) != 0 {
		t.Errorf("the emulator saw %d requests, %d throttled; want 7 and 0", len(times), emu.Throttled(action))
	}
	if n := mostInWindow(times, time.Minute); n > 5 {
		t.Errorf("%d requests arrived within one minute, over HSS's documented 5", n)
	}
}

// Two provider processes in turn spend one budget: the second waits for the first's calls to
// leave the window instead of being throttled by an emulator that allows 3 calls in 8 s.
func TestAccRateLimits_processesShareOneBudget(t *testing.T) {
	acctest.PreCheck(t)
	const action, per = "ShowResourceQuotas", 8 * time.Second
	emu := acctest.StartEmulator(t, all.Options{Limits: map[string]emulator.Limit{action: {N: 3, Window: per}}})
	module := func(versions string) string {
		return emu.HuaweiProvider("") + fmt.Sprintf(`
data "cloudquota_hss_resource_quotas" "each" {
  for_each = toset(%s)
  version  = each.key
}
`, versions)
	}
	// rate_limits in HCL replaces the (lifted) limit: 3 calls in any 8 seconds.
	limits := fmt.Sprintf(`rate_limits = { %s = "3/%s" }`, action, per)
	for i, versions := range []string{`["hss.version.basic", "hss.version.premium"]`, `["hss.version.wtp", "hss.version.null"]`} {
		cfg := strings.Replace(module(versions), `provider "cloudquota" {`, "provider \"cloudquota\" {\n  "+limits, 1)
		if out, err := cliPlan(t, cfg); err != nil {
			t.Fatalf("plan %d failed: %v\n%s", i+1, err, out)
		}
	}
	times := arrivals(emu, action)
	t.Logf("two processes: %d requests, at most %d in any %s, %d throttled", len(times), mostInWindow(times, per), per, emu.Throttled(action))
	if len(times) != 4 {
		t.Fatalf("the emulator saw %d requests, want 4", len(times))
	}
	if n := mostInWindow(times, per); n > 3 || emu.Throttled(action) != 0 {
		t.Errorf("%d requests of two processes within %s (budget 3), %d throttled (want 0)", n, per, emu.Throttled(action))
	}
}

// A throttle storm of 25 seconds, with the default settings: the throttled attempt marks the
// API's window full and the retry goes after it, instead of giving up after a few seconds of
// backoff.
func TestAccRateLimits_throttleStormSurvived(t *testing.T) {
	acctest.PreCheck(t)
	t.Setenv("CLOUDQUOTA_RATE_LIMITS", "")
	const action = "ShowResourceQuotas"
	emu := acctest.StartEmulator(t, all.Options{Limits: all.DocumentedLimits()})
	emu.Inject(action, emulator.Fault{Kind: emulator.FaultThrottle, Count: 1000})
	storm := time.AfterFunc(25*time.Second, func() { emu.ClearFaults(action) })
	defer storm.Stop()
	out, err := cliPlan(t, emu.HuaweiProvider("")+"data \"cloudquota_hss_resource_quotas\" \"test\" {}\n")
	if err != nil {
		t.Fatalf("the plan did not survive a 25 s throttle storm: %v\n%s", err, out)
	}
	times := arrivals(emu, action)
	t.Logf("storm: %d requests over %s", len(times), times[len(times)-1].Sub(times[0]).Round(time.Second))
	if len(times) > 3 {
		t.Errorf("%d requests during a storm of one window: retries should wait for the window, not hammer", len(times))
	}
}

// A read that runs out of time waiting for the limit says so: which API, its limit, how long
// it waited, and what to do.
func TestAccRateLimits_timeoutWhileWaiting(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: huaweiWith(emu, `rate_limits = { ShowResourceQuotas = "1/1h" }`) + `
data "cloudquota_hss_resource_quotas" "each" {
  for_each = toset(["hss.version.basic", "hss.version.premium"])
  version  = each.key
  timeouts {
    read = "2s"
  }
}
`,
		ExpectError: regexp.MustCompile(`(?s)ShowResourceQuotas failed.*Attempts:\s+0.*Rate limit:\s+1 per 1h.*rate_limits.*Waited:\s+[0-9.]+s` +
			`.*ran out of time waiting for the API's rate limit.*ShowResourceQuotas\s+allows\s+1\s+per\s+1h.*cache_ttl.*rate_limits`),
	})
}

// A read that waits on a budget for 3 s or more says so: two distinct reads under
// CLOUDQUOTA_RATE_LIMITS="*=1/3s" (the "*" key: every action), the second of which waits out
// the window, end with a warning from terraform naming the API, its limit and where it comes
// from, the wait, the budget's sharing and what to set. The same under the WARN log level.
func TestAccRateLimits_waitWarning(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	config := emu.HuaweiProvider("") + `
data "cloudquota_hss_resource_quotas" "each" {
  for_each = toset(["hss.version.basic", "hss.version.premium"])
  version  = each.key
}
`
	out, err := cliPlan(t, config, "CLOUDQUOTA_RATE_LIMITS=*=1/3s", "TF_LOG_PROVIDER=WARN")
	if err != nil {
		t.Fatalf("plan failed: %v\n%s", err, out)
	}
	t.Logf("terraform plan printed:\n%s", out)
	for _, want := range []string{
		`Warning: Huawei Cloud HSS ShowResourceQuotas waited 3s for its rate limit`,
		`its rate limit is 1 per 3s per account and endpoint (rate_limits "*" or CLOUDQUOTA_RATE_LIMITS, for every action)`,
		`shared by every cloudquota provider process of this OS user`, `set cache_ttl`,
		`rate_limits = { ShowResourceQuotas = "N/DURATION" }`, `CLOUDQUOTA_RATE_LIMITS="*=1000/1s"`,
		// the WARN log line when the wait started
		`[WARN] provider.terraform-provider-cloudquota: waiting 3s for ShowResourceQuotas's rate limit (its window is full)`,
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("the plan's output lacks %q", want)
		}
	}
	if n := len(arrivals(emu, "ShowResourceQuotas")); n != 2 {
		t.Errorf("the emulator saw %d reads, want 2", n)
	}
}

// rate_limits and its variable are checked before any request.
func TestAccRateLimits_validation(t *testing.T) {
	cases := []struct {
		name, hcl, env string
		want           string
	}{
		{"bad value", `rate_limits = { ShowResourceQuotas = "5/minute" }`, "", `Invalid rate limit`},
		{"zero calls", `rate_limits = { ShowResourceQuotas = "0/1m" }`, "", `whole number from 1`},
		{"unknown action", `rate_limits = { ShowResourceQuota = "5/1m" }`, "", `(?s)value must be one of.*ShowResourceQuotas`},
		{"bad variable", ``, "ShowResourceQuotas=5", `Invalid CLOUDQUOTA_RATE_LIMITS`},
		{"unknown action in the variable", ``, "ShowResourceQuota=5/1m", `(?s)unknown\s+action\s+"ShowResourceQuota"`},
		{"negative cache_ttl", `cache_ttl = "-1m"`, "", `value must be a duration of zero or more`},
		{"bad value for every action", `rate_limits = { "*" = "1000" }`, "", `Invalid rate limit`},
		{"bad value for every action in the variable", ``, "*=fast", `(?s)Invalid CLOUDQUOTA_RATE_LIMITS.*"\*=fast"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			acctest.PreCheck(t)
			t.Setenv("CLOUDQUOTA_RATE_LIMITS", tc.env)
			emu := acctest.StartEmulator(t, all.Options{})
			cfg := huaweiWith(emu, tc.hcl) + "data \"cloudquota_hss_resource_quotas\" \"test\" {}\n"
			acctest.Run(t, resource.TestStep{Config: cfg, ExpectError: regexp.MustCompile(tc.want)})
			if n := len(emu.Requests()); n != 0 {
				t.Errorf("%d requests were sent for an invalid configuration", n)
			}
		})
	}
}

// huaweiWith is emu.HuaweiProvider with settings added at the provider's top level.
func huaweiWith(emu *acctest.Emulator, settings string) string {
	return acctest.Provider("max_retries = 1\n  "+settings,
		emu.HuaweiBlock(acctest.Block{Cred: emu.HuaweiCred, Region: "cn-north-4", Endpoints: true}))
}
