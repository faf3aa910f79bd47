// Command bench is `make bench`: it measures what the provider costs a user's `terraform`
// commands, against a baseline framework provider with one trivial data source, and writes
// BENCHMARKS.md and BENCHMARKS.json.
//
// It builds the provider as releases do (CGO_ENABLED=0, -trimpath, -ldflags "-s -w") and as
// `make build` does, the baseline (./internal/bench/baseline) and the emulator; starts the
// emulator as a process with a per-request latency and its rate limit on; and runs the real
// terraform CLI with the builds offered through dev_overrides. Each case runs several times
// and the median is reported. Benchmarks are figures, not tests: nothing here fails on a
// slow machine, the report says which targets were met.
//
// The section "Rate limits shared between terraform processes" (shared.go) runs HSS reads
// against an emulator enforcing Huawei's documented 5 calls a minute: 7 distinct reads in one
// plan, and 30 terraform processes at once sharing one CLOUDQUOTA_CACHE_DIR, without and with
// cache_ttl. It takes minutes; -shared-only runs it alone, -skip-shared leaves it out. A plan
// that fails there (a setting the provider does not know yet, a timeout) is a figure of the
// report, not an error of the bench.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// What the report compares against: Terraform's default -parallelism, and the provider's
// client-side rate for TCSS DescribeImageAuthorizedInfo: Tencent's documented 20 calls in any
// window of 1 s plus the shared limiter's margin of a tenth (internal/conns/shared), 20/1.1 s.
const (
	terraformParallelism = 10
	clientRateTCSS       = 20 / 1.1
	tcssPerSpan          = 20
	tcssSpanMS           = 1100.0
	tcssAction           = "DescribeImageAuthorizedInfo"
)

// rateBoundMS is the soonest the last of calls distinct TCSS calls can go under the client's
// sliding log: 20 at once, then 20 more every 1.1 s.
func rateBoundMS(calls int) float64 {
	if calls <= 0 {
		return 0
	}
	return float64((calls-1)/tcssPerSpan) * tcssSpanMS
}

type options struct {
	terraform string
	latency   time.Duration
	runs      int
	runsLarge int
	runsSch   int
	sizes     []int
	rateLimit float64
	work      string
	out       string

	// The section "Rate limits shared between terraform processes" (shared.go).
	sharedOnly     bool
	skipShared     bool
	quotasOnly     bool
	sharedProcs    int
	sharedTimeout  time.Duration
	sharedEmuFlags string
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	var o options
	var sizes string
	tf, _ := exec.LookPath("terraform")
	flag.StringVar(&o.terraform, "terraform", tf, "the terraform CLI to measure with")
	flag.DurationVar(&o.latency, "latency", 50*time.Millisecond, "the emulator's latency on every request, like a real region's")
	flag.IntVar(&o.runs, "runs", 3, "runs of each case; the median is reported")
	flag.IntVar(&o.runsLarge, "runs-large", 3, "runs of the distinct-argument plans of 500 or more instances (each takes ~instances/18.2 s at the client rate limit of 20 per 1.1 s)")
	flag.IntVar(&o.runsSch, "runs-schema", 9, "runs of `terraform providers schema -json` with each provider (a quarter second each; more runs, a steadier median)")
	flag.StringVar(&sizes, "sizes", "1,10,100,500", "data source instances per plan, comma-separated")
	// -rate-limit is the emulator's flag of that name as it is on this branch (requests/s per
	// action, for every action). Issue 16 makes the emulator enforce each API's documented
	// limit by default, which may change or remove that flag: 0 leaves it out, so the TCSS
	// cases then run against the emulator's defaults (Tencent's 20/s is among them).
	flag.Float64Var(&o.rateLimit, "rate-limit", 20, "the emulator's -rate-limit for the TCSS plans, requests/s per API: Tencent's documented limit for DescribeImageAuthorizedInfo (0: the flag is not passed, the emulator's default limits apply)")
	flag.StringVar(&o.work, "work", ".tmp/bench", "directory for builds, modules and terraform's files")
	flag.StringVar(&o.out, "out", ".", "directory to write BENCHMARKS.md and BENCHMARKS.json to")
	flag.BoolVar(&o.sharedOnly, "shared-only", false, "run only the section \"Rate limits shared between terraform processes\" (the report then holds only that section; use -out elsewhere to keep the full BENCHMARKS.md)")
	flag.BoolVar(&o.quotasOnly, "quotas-only", false, "run only the scenario \"Huawei general quotas in modules\" (the report then holds only that section; use -out elsewhere to keep the full BENCHMARKS.md)")
	flag.BoolVar(&o.skipShared, "skip-shared", false, "skip the section \"Rate limits shared between terraform processes\" (it takes minutes where the emulator enforces HSS's documented 5 calls a minute)")
	flag.IntVar(&o.sharedProcs, "shared-processes", 30, "terraform processes started at once in that section (as `terragrunt run-all plan` over that many modules)")
	flag.DurationVar(&o.sharedTimeout, "shared-timeout", 15*time.Minute, "the longest one row of that section may take before the bench kills its terraform processes (each plan is also bounded by the data source's timeouts.read, 5m by default)")
	flag.StringVar(&o.sharedEmuFlags, "shared-emulator-flags", "", "extra flags for the emulator of that section, space-separated (none: the emulator's default, the documented limits)")
	flag.Parse()
	for f := range strings.SplitSeq(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("-sizes: %q is not a positive number", f)
		}
		o.sizes = append(o.sizes, n)
	}
	if o.terraform == "" {
		return errors.New("terraform CLI not found on PATH (or -terraform)")
	}
	if o.runs < 1 || o.runsLarge < 1 || o.runsSch < 1 {
		return errors.New("-runs, -runs-large and -runs-schema must be at least 1")
	}
	if o.sharedOnly && o.skipShared {
		return errors.New("-shared-only and -skip-shared exclude each other")
	}
	if o.quotasOnly && o.sharedOnly {
		return errors.New("-quotas-only and -shared-only exclude each other")
	}
	if o.sharedProcs < 1 || o.sharedTimeout <= 0 {
		return errors.New("-shared-processes and -shared-timeout must be positive")
	}
	work, err := filepath.Abs(o.work)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	began := time.Now()
	r := &report{
		Date:     began.UTC().Format(time.RFC3339),
		Command:  "make bench  # " + commandLine(),
		Machine:  machine(o.terraform),
		Settings: settings{Latency: o.latency.String(), Runs: o.runs, RunsLarge: o.runsLarge, RunsSchema: o.runsSch, Sizes: o.sizes, EmulatorRateLimit: o.rateLimit, ClientRateLimit: clientRateTCSS, TerraformParallelism: terraformParallelism},
	}
	logf("machine: %s, %d cores, %d MB; load %s", r.Machine.CPU, r.Machine.Cores, r.Machine.MemoryMB, r.Machine.LoadStart)
	o.work = work

	b, err := build(ctx, o.work)
	if err != nil {
		return err
	}
	r.Binary = b.sizes
	env := terraformEnv(b.rc)
	providers := []string{b.provider, b.baseline}

	switch {
	case o.quotasOnly:
		r.Partial = "only the scenario \"Huawei general quotas in modules\" was run (-quotas-only)"
		if r.Quotas, err = benchQuotas(ctx, o, b, env, providers); err != nil {
			return err
		}
	case o.sharedOnly:
		r.Partial = "only the section \"Rate limits shared between terraform processes\" was run (-shared-only)"
	default:
		if r.Schema, err = benchSchema(ctx, o, env, providers); err != nil {
			return err
		}
		if r.Plans, err = benchPlans(ctx, o, b, env, providers); err != nil {
			return err
		}
		if r.Quotas, err = benchQuotas(ctx, o, b, env, providers); err != nil {
			return err
		}
	}
	if !o.skipShared && !o.quotasOnly {
		if r.Shared, err = benchShared(ctx, o, b, env); err != nil {
			return err
		}
	}
	r.Machine.LoadEnd = loadavg()
	r.DurationSeconds = time.Since(began).Seconds()
	r.evaluate(o)
	if err := r.write(o.out); err != nil {
		return err
	}
	logf("wrote %s and %s in %s", filepath.Join(o.out, "BENCHMARKS.md"), filepath.Join(o.out, "BENCHMARKS.json"), time.Since(began).Round(time.Second))
	return nil
}

// commandLine is the bench's own invocation with every flag's value, so that the report
// says exactly how to reproduce it.
func commandLine() string {
	args := []string{"go run ./internal/bench"}
	flag.VisitAll(func(f *flag.Flag) {
		if f.Name == "terraform" {
			return // machine-specific; the report names the version
		}
		args = append(args, "-"+f.Name+"="+f.Value.String())
	})
	return strings.Join(args, " ")
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// builds are the binaries under work/bin, and the CLI configuration that offers them.
type builds struct {
	provider, baseline, emulator, rc string
	sizes                            binarySizes
}

func build(ctx context.Context, work string) (*builds, error) {
	bin := filepath.Join(work, "bin")
	plain := filepath.Join(work, "plain")
	b := &builds{
		provider: filepath.Join(bin, "terraform-provider-cloudquota"),
		baseline: filepath.Join(bin, "terraform-provider-baseline"),
		emulator: filepath.Join(work, "cloudquota-emulator"),
		rc:       filepath.Join(work, "dev.tfrc"),
	}
	release := []string{"-trimpath", "-ldflags=-s -w"}
	steps := []struct {
		out     string
		flags   []string
		pkg     string
		release bool
	}{
		{b.provider, release, ".", true},
		{filepath.Join(plain, "terraform-provider-cloudquota"), nil, ".", false},
		{b.baseline, release, "./internal/bench/baseline", true},
		{filepath.Join(plain, "terraform-provider-baseline"), nil, "./internal/bench/baseline", false},
		{b.emulator, nil, "./internal/emulator/cmd/cloudquota-emulator", false},
	}
	start := time.Now()
	for _, s := range steps {
		args := append(append([]string{"build", "-o", s.out}, s.flags...), s.pkg)
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Env = os.Environ()
		if s.release {
			cmd.Env = append(cmd.Env, "CGO_ENABLED=0")
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	logf("built the provider, the baseline and the emulator in %s", time.Since(start).Round(100*time.Millisecond))
	size := func(p string) int64 {
		if fi, err := os.Stat(p); err == nil {
			return fi.Size()
		}
		return 0
	}
	b.sizes = binarySizes{
		ProviderRelease: size(b.provider), ProviderPlain: size(filepath.Join(plain, "terraform-provider-cloudquota")),
		BaselineRelease: size(b.baseline), BaselinePlain: size(filepath.Join(plain, "terraform-provider-baseline")),
	}
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "cloudquota/cloudquota" = %q
    "cloudquota/baseline"   = %q
  }
  direct {}
}
`, bin, bin)
	return b, os.WriteFile(b.rc, []byte(rc), 0o644)
}

// terraformEnv is this environment without anything that would change what terraform does
// or logs, plus the dev_overrides configuration.
func terraformEnv(rc string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") {
			continue // TF_LOG, TF_CLI_ARGS*, TF_DATA_DIR, TF_PLUGIN_CACHE_DIR, TF_CLI_CONFIG_FILE ...
		}
		env = append(env, kv)
	}
	return append(env, "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
}

// writeModule writes main.tf into a fresh directory.
func writeModule(dir, config string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644)
}

func requireProvider(name string) string {
	return fmt.Sprintf("terraform {\n  required_providers {\n    %s = { source = \"cloudquota/%s\" }\n  }\n}\n", name, name)
}

// benchSchema times `terraform providers schema -json` with each provider, alternating
// them, after one unmeasured run each (the page cache).
func benchSchema(ctx context.Context, o options, env, providers []string) (schemaResult, error) {
	var res schemaResult
	dirs := map[string]string{}
	for _, name := range []string{"cloudquota", "baseline"} {
		dirs[name] = filepath.Join(o.work, "schema", name)
		if err := writeModule(dirs[name], requireProvider(name)); err != nil {
			return res, err
		}
	}
	var ours, base []sample
	for i := -1; i < o.runsSch; i++ {
		for _, name := range []string{"cloudquota", "baseline"} {
			s := runMeasured(ctx, o.terraform, dirs[name], env, []string{"providers", "schema", "-json"}, providers)
			if s.Err != nil {
				return res, fmt.Errorf("terraform providers schema -json (%s): %v\n%s", name, s.Err, tail(s.Output))
			}
			if i < 0 {
				continue
			}
			if name == "cloudquota" {
				ours = append(ours, s)
			} else {
				base = append(base, s)
			}
		}
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
	}
	res.Provider, res.Baseline = summarize(ours, nil), summarize(base, nil)
	logf("schema: provider %s, baseline %s", ms(res.Provider.WallMS), ms(res.Baseline.WallMS))
	return res, nil
}

// benchPlans plans each size three ways: the baseline provider with N baseline_echo data
// sources (Terraform's and the framework's own cost of reading N instances, with the provider
// started as often as ours), N identical TCSS reads, and N TCSS reads of N distinct regions.
func benchPlans(ctx context.Context, o options, b *builds, env, providers []string) ([]planResult, error) {
	largest := slices.Max(o.sizes)
	regions := []string{"ap-guangzhou"}
	for i := range largest {
		regions = append(regions, benchRegion(i))
	}
	data := filepath.Join(o.work, "emulator-data.json")
	quoted := make([]string, len(regions))
	for i, r := range regions {
		quoted[i] = strconv.Quote(r)
	}
	if err := os.WriteFile(data, []byte(`{"tencentcloud": {"regions": [`+strings.Join(quoted, ", ")+"]}}\n"), 0o644); err != nil {
		return nil, err
	}
	args := []string{"-data", data, "-latency", o.latency.String()}
	if o.rateLimit > 0 {
		args = append(args, "-rate-limit", strconv.FormatFloat(o.rateLimit, 'g', -1, 64)) // the emulator's flag on this branch; see -rate-limit above
	}
	emu, err := startEmulator(ctx, b.emulator, o.work, args...)
	if err != nil {
		return nil, err
	}
	defer emu.stop()
	logf("emulator at %s: latency %s, rate limit %g/s per API (0: the emulator's default limits)", emu.URL, o.latency, o.rateLimit)

	providerBlock := fmt.Sprintf(`
provider "cloudquota" {
  tencentcloud {
    region     = "ap-guangzhou"
    secret_id  = "AKIDEMULATORTENCENT0001"
    secret_key = "emulator-tencent-secret-key"
    endpoints  = { tcss = %q }
  }
}
`, emu.URL)
	cases := []struct {
		kind   string
		config func(n int) string
		env    []string
	}{
		{kindBaseline, func(n int) string {
			if n == 0 {
				return requireProvider("baseline") + "\nprovider \"baseline\" {}\n"
			}
			return requireProvider("baseline") + fmt.Sprintf("\nprovider \"baseline\" {}\n\ndata \"baseline_echo\" \"bench\" {\n  count = %d\n  input = \"same\"\n}\n", n)
		}, nil},
		{kindIdentical, func(n int) string {
			return requireProvider("cloudquota") + providerBlock + fmt.Sprintf("\ndata \"cloudquota_tcss_image_authorized_info\" \"bench\" {\n  count = %d\n}\n", n)
		}, nil},
		// The same with the plugin SDKs' TRACE logs on, as before main() turned them off: what
		// that saves (below).
		{kindIdenticalLogged, func(n int) string {
			return requireProvider("cloudquota") + providerBlock + fmt.Sprintf("\ndata \"cloudquota_tcss_image_authorized_info\" \"bench\" {\n  count = %d\n}\n", n)
		}, []string{"TF_LOG_SDK=trace"}},
		{kindDistinct, func(n int) string {
			return requireProvider("cloudquota") + providerBlock + fmt.Sprintf(`
data "cloudquota_tcss_image_authorized_info" "bench" {
  for_each = toset([for i in range(%d) : format("bench-region-%%04d", i)])
  region   = each.key
}
`, n)
		}, nil},
	}
	if err := os.RemoveAll(filepath.Join(o.work, "plan")); err != nil {
		return nil, err
	}
	// The baseline's empty configuration: what a plan costs with nothing to plan.
	sizes := append([]int{0}, o.sizes...)
	var results []planResult
	for _, n := range sizes {
		samples := map[string][]sample{}
		calls := map[string][]callStats{}
		runs := o.runs
		if n >= 500 {
			runs = max(o.runs, o.runsLarge)
		}
		for i := -1; i < runs; i++ { // run -1 warms each module up, unmeasured
			for _, c := range cases {
				if n == 0 && c.kind != kindBaseline {
					continue
				}
				if c.kind == kindDistinct && n >= 500 && i >= o.runsLarge || c.kind != kindDistinct && i >= o.runs {
					continue
				}
				if i < 0 && (c.kind == kindDistinct || c.kind == kindIdenticalLogged || n > 1) {
					continue // one warm-up per module kind is enough; distinct plans are long
				}
				dir := filepath.Join(o.work, "plan", fmt.Sprintf("%s-%d", c.kind, n))
				if _, err := os.Stat(dir); err != nil {
					if err := writeModule(dir, c.config(n)); err != nil {
						return nil, err
					}
				}
				m := emu.mark()
				s := runMeasured(ctx, o.terraform, dir, append(slices.Clip(env), c.env...), []string{"plan", "-input=false", "-no-color", "-lock=false"}, providers)
				cs := countCalls(emu.since(m))
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				if s.Err != nil {
					logf("%s %d: plan failed: %v\n%s", c.kind, n, s.Err, tail(s.Output))
				}
				if i < 0 {
					continue
				}
				samples[c.kind] = append(samples[c.kind], s)
				calls[c.kind] = append(calls[c.kind], cs)
				logf("%-15s %4d: %s, %d calls (%d throttled, %d failed), provider peak RSS %.1f MB, provider CPU %s", c.kind, n,
					s.Wall.Round(time.Millisecond), cs.Calls, cs.Throttled, cs.Failed, float64(s.ProviderHWMKB)*1024/1e6, s.ProviderCPU)
			}
		}
		for _, c := range cases {
			if len(samples[c.kind]) > 0 {
				st := summarize(samples[c.kind], calls[c.kind])
				results = append(results, planResult{Kind: c.kind, Instances: n, Stats: st})
			}
		}
	}
	return results, nil
}

func benchRegion(i int) string { return fmt.Sprintf("bench-region-%04d", i) }

// tail is the end of a command's output, for error messages.
func tail(s string) string {
	const n = 3000
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
