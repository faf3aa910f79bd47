package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

// The section "Rate limits shared between terraform processes" (issue 16): HSS reads against
// one emulator process enforcing Huawei's documented limit, from one plan and from many
// terraform processes at once that share one CLOUDQUOTA_CACHE_DIR.
const (
	// Huawei Cloud HSS API reference, "Limitations and Constraints": 5 calls a minute per user
	// per API. The emulator enforces it by default (issue 16, item 6); the bench only reads it
	// back from the emulator's log.
	hssLimitCalls  = 5
	hssLimitWindow = time.Minute
	hssAction      = "ShowResourceQuotas"
	hssRegion      = "cn-north-4"
	// windowSlack is how much shorter than the window the span is in which the bench counts
	// answers to see whether the limit was kept: the bench sees a request when its log line
	// arrives, after its answer, not when it reached the emulator.
	windowSlack = time.Second
	// sharedCacheTTL is the cached variant's provider-level cache_ttl.
	sharedCacheTTL = "10m"
)

// hssVersions are the `version` values of cloudquota_hss_resource_quotas (SPEC, README): the
// distinct reads of one plan.
var hssVersions = []string{
	"hss.version.null", "hss.version.basic", "hss.version.advanced", "hss.version.enterprise",
	"hss.version.premium", "hss.version.wtp", "hss.version.container.enterprise",
}

// The rows of the section.
const (
	sharedReference = "reference"
	sharedDistinct  = "distinct"
	sharedProcesses = "processes"
)

type sharedResult struct {
	Limit        string      `json:"documented_limit"`
	EmulatorArgs []string    `json:"emulator_args"`
	ProjectID    string      `json:"project_id"`
	Rows         []sharedRow `json:"rows"`
	Targets      []target    `json:"targets"`
}

// sharedRow is one case of the section, run once against a fresh emulator process and a fresh
// CLOUDQUOTA_CACHE_DIR.
type sharedRow struct {
	Name      string `json:"name"`
	Kind      string `json:"kind"` // reference, distinct, processes
	Processes int    `json:"terraform_processes"`
	Reads     int    `json:"distinct_reads_per_plan"`
	CacheTTL  string `json:"cache_ttl,omitempty"`
	// WallMS is from starting the first terraform to the exit of the last; PlanWallMS each
	// process's own wall time, in the order they were started.
	WallMS      float64   `json:"wall_ms"`
	PlanWallMS  []float64 `json:"plan_wall_ms,omitempty"`
	PlansFailed int       `json:"failed_plans"`
	// FirstError is the first `Error:` line of the first failed plan's output.
	FirstError string `json:"first_error,omitempty"`
	// HSSCalls are the ShowResourceQuotas requests the emulator logged, HSSAnswered those it
	// answered with a plain 200; OtherCalls every other action (IAM's KeystoneListProjects, ...).
	HSSCalls    int            `json:"hss_calls"`
	HSSAnswered int            `json:"hss_answered"`
	OtherCalls  map[string]int `json:"other_calls,omitempty"`
	Throttled   int            `json:"throttled"`
	Failed      int            `json:"failed_calls"`
	// MaxInWindow is the most ShowResourceQuotas answers whose log lines the bench read within
	// any span of the documented window less windowSlack (59 s): over 5 means the limit was not
	// enforced or not kept.
	MaxInWindow int     `json:"max_hss_answers_in_one_window"`
	FloorMS     float64 `json:"floor_ms,omitempty"`
}

// huaweiProjectID is the project the emulator's IAM answers for region, from the emulator's
// own derivation (huawei.Cloud.ProjectID): setting it as project_id keeps
// IAM out of the counts. The bench also writes it into the emulator's data file, so that the
// emulator process accepts it whatever its derivation.
func huaweiProjectID(region string) string {
	return huawei.New(huawei.Options{}).ProjectID(region)
}

// benchShared runs the section: a plan of one HSS read (Terraform's own time, the floor's
// base), a plan of 7 distinct HSS reads, and o.sharedProcs terraform processes at once reading
// the same quota, without and with cache_ttl.
func benchShared(ctx context.Context, o options, b *builds, env []string) (*sharedResult, error) {
	project := huaweiProjectID(hssRegion)
	data := filepath.Join(o.work, "shared-emulator-data.json")
	if err := os.WriteFile(data, fmt.Appendf(nil, `{"huaweicloud": {"projects": {%q: %q}}}`+"\n", hssRegion, project), 0o644); err != nil {
		return nil, err
	}
	// No -rate-limit here: the emulator is assumed to enforce the documented limits by default
	// (issue 16, item 6). -shared-emulator-flags adds any flag that a later emulator needs
	// to do so; the report prints what was passed.
	args := append([]string{"-data", data, "-latency", o.latency.String()}, strings.Fields(o.sharedEmuFlags)...)
	res := &sharedResult{
		Limit:        fmt.Sprintf("HSS %s: %d calls per %s per access key per API (HSS API reference, \"Limitations and Constraints\")", hssAction, hssLimitCalls, secs(hssLimitWindow)),
		EmulatorArgs: args,
		ProjectID:    project,
	}
	root := filepath.Join(o.work, "shared")
	if err := os.RemoveAll(root); err != nil {
		return nil, err
	}
	type rowSpec struct {
		row   sharedRow
		reads []string // the versions each process's plan reads
	}
	specs := []rowSpec{
		{sharedRow{Name: "1 HSS read, one plan (the floor's base)", Kind: sharedReference, Processes: 1, Reads: 1}, hssVersions[4:5]},
		{sharedRow{Name: fmt.Sprintf("%d distinct HSS reads, one plan", len(hssVersions)), Kind: sharedDistinct, Processes: 1, Reads: len(hssVersions)}, hssVersions},
		{sharedRow{Name: fmt.Sprintf("%d processes at once, no cache_ttl", o.sharedProcs), Kind: sharedProcesses, Processes: o.sharedProcs, Reads: 1}, hssVersions[4:5]},
		{sharedRow{Name: fmt.Sprintf("%d processes at once, cache_ttl = %q", o.sharedProcs, sharedCacheTTL), Kind: sharedProcesses, Processes: o.sharedProcs, Reads: 1, CacheTTL: sharedCacheTTL}, hssVersions[4:5]},
	}
	for i, sp := range specs {
		row, err := runSharedRow(ctx, o, b, env, args, filepath.Join(root, fmt.Sprintf("row%d", i)), project, sp.row, sp.reads)
		if err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, row)
	}
	if ref, ok := res.row(sharedReference); ok {
		for i := range res.Rows {
			if r := &res.Rows[i]; r.Kind == sharedDistinct {
				r.FloorMS = floorMS(r.Reads, ref.WallMS)
			}
		}
	}
	res.evaluate()
	return res, nil
}

// floorMS is the least wall time `reads` distinct calls of one API can take under the
// documented limit: calls 6 to 10 cannot go before one window after the first, and so on; the
// plan's own time (one read, no waiting) comes on top.
func floorMS(reads int, plainMS float64) float64 {
	return float64(limitWait(reads).Milliseconds()) + plainMS
}

// limitWait is how long after the first of n calls the documented limit lets the last one go.
func limitWait(n int) time.Duration {
	return time.Duration((n+hssLimitCalls-1)/hssLimitCalls-1) * hssLimitWindow
}

// secs renders a duration of whole seconds as "59 s", or of whole minutes over one as "5 min".
func secs(d time.Duration) string {
	if d > time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d min", d/time.Minute)
	}
	return fmt.Sprintf("%.0f s", d.Seconds())
}

// kept says whether the answers stayed within the documented limit, and if not, how not.
func (r sharedRow) kept() (bool, string) {
	if r.MaxInWindow <= hssLimitCalls {
		return true, ""
	}
	return false, fmt.Sprintf("; the limit was NOT enforced: %d answers within %s, over %d", r.MaxInWindow, secs(hssLimitWindow-windowSlack), hssLimitCalls)
}

// runSharedRow starts a fresh emulator, writes one module per process into dir, starts every
// terraform plan at once with one fresh CLOUDQUOTA_CACHE_DIR, waits for all of them and counts
// the emulator's log.
func runSharedRow(ctx context.Context, o options, b *builds, env, emuArgs []string, dir, project string, row sharedRow, reads []string) (sharedRow, error) {
	emu, err := startEmulator(ctx, b.emulator, o.work, emuArgs...)
	if err != nil {
		return row, err
	}
	defer emu.stop()
	cache := filepath.Join(dir, "cache")
	if err := os.MkdirAll(cache, 0o700); err != nil {
		return row, err
	}
	config := sharedConfig(emu.URL, project, row.CacheTTL, reads)
	var dirs []string
	for i := range row.Processes {
		d := filepath.Join(dir, fmt.Sprintf("module-%02d", i))
		if err := writeModule(d, config); err != nil {
			return row, err
		}
		dirs = append(dirs, d)
	}
	penv := append(slices.Clip(env), "CLOUDQUOTA_CACHE_DIR="+cache)
	logf("shared: %s: starting %d terraform plan(s), emulator at %s", row.Name, row.Processes, emu.URL)

	m := emu.mark()
	type outcome struct {
		wall time.Duration
		err  error
		out  []byte
	}
	outs := make([]outcome, len(dirs))
	pctx, cancel := context.WithTimeout(ctx, o.sharedTimeout)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for i, d := range dirs {
		cmd := exec.CommandContext(pctx, o.terraform, "plan", "-input=false", "-no-color", "-lock=false")
		cmd.Dir, cmd.Env = d, penv
		// At -shared-timeout, interrupt terraform as Ctrl-C would (it stops its providers),
		// and kill it only if it has not exited 30 s later.
		cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
		cmd.WaitDelay = 30 * time.Second
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		began := time.Now()
		if err := cmd.Start(); err != nil {
			outs[i] = outcome{err: err}
			continue
		}
		wg.Go(func() {
			err := cmd.Wait()
			outs[i] = outcome{wall: time.Since(began), err: err, out: out.Bytes()}
		})
	}
	wg.Wait()
	row.WallMS = float64(time.Since(start).Microseconds()) / 1000
	if ctx.Err() != nil {
		return row, ctx.Err()
	}
	timedOut := pctx.Err() != nil

	for _, oc := range outs {
		row.PlanWallMS = append(row.PlanWallMS, float64(oc.wall.Microseconds())/1000)
		if oc.err == nil {
			continue
		}
		row.PlansFailed++
		if row.FirstError == "" {
			row.FirstError = firstError(oc.out, oc.err)
			if timedOut {
				row.FirstError = fmt.Sprintf("killed by the bench after -shared-timeout=%s; %s", o.sharedTimeout, row.FirstError)
			}
			logf("shared: %s: a plan failed: %v\n%s", row.Name, oc.err, tail(string(oc.out)))
		}
	}
	row.count(emu.since(m))
	logf("shared: %s: %s, %d/%d plans failed, %d %s calls (%d answered, at most %d within %s), other calls %v, %d throttled, %d failed calls",
		row.Name, ms(row.WallMS), row.PlansFailed, row.Processes, row.HSSCalls, hssAction, row.HSSAnswered, row.MaxInWindow, secs(hssLimitWindow-windowSlack),
		row.OtherCalls, row.Throttled, row.Failed)
	return row, nil
}

// sharedConfig is one module: the provider pointed at the emulator with the emulator's own
// test key pair and project, and one cloudquota_hss_resource_quotas per version.
func sharedConfig(url, project, cacheTTL string, versions []string) string {
	ttl := ""
	if cacheTTL != "" {
		ttl = fmt.Sprintf("\n  cache_ttl = %q\n", cacheTTL)
	}
	cred := huawei.DefaultCredential
	var b strings.Builder
	b.WriteString(requireProvider("cloudquota"))
	fmt.Fprintf(&b, `
provider "cloudquota" {
  huaweicloud {
    region     = %q
    access_key = %q
    secret_key = %q
    project_id = %q
    endpoints  = { hss = %q, iam = %q }
  }
%s}
`, hssRegion, cred.AccessKey, cred.SecretKey, project, url, url, ttl)
	for i, v := range versions {
		fmt.Fprintf(&b, "\ndata \"cloudquota_hss_resource_quotas\" \"q%d\" {\n  version = %q\n}\n", i, v)
	}
	return b.String()
}

// firstError is the first diagnostic of a failed terraform command, for the report.
func firstError(out []byte, err error) string {
	for line := range strings.SplitSeq(string(out), "\n") {
		line = strings.TrimSpace(strings.TrimLeft(line, "│╷╵ "))
		if strings.HasPrefix(line, "Error:") {
			return line
		}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.String()
	}
	return err.Error()
}

// isThrottled says whether the emulator's log line is a throttled answer. Matched loosely, as
// the report says: any note that mentions a limit ("rate limit", the documented limits' note
// whatever its exact words) or a 429 not caused by an injected fault (Huawei's throttling
// answer, APIGW.0308, is a 429).
func isThrottled(r logged) bool {
	return strings.Contains(strings.ToLower(r.Note), "limit") || r.Status == "429" && !strings.HasPrefix(r.Note, "fault")
}

func (row *sharedRow) count(reqs []logged) {
	var answered []time.Time
	for _, r := range reqs {
		if r.Action != hssAction {
			if row.OtherCalls == nil {
				row.OtherCalls = map[string]int{}
			}
			row.OtherCalls[r.Action]++
		} else {
			row.HSSCalls++
		}
		if isThrottled(r) {
			row.Throttled++
		}
		if r.Status != "200" || r.Note != "" {
			row.Failed++
		} else if r.Action == hssAction {
			answered = append(answered, r.At)
		}
	}
	row.HSSAnswered = len(answered)
	for i, t := range answered {
		n := 0
		for _, u := range answered[i:] {
			if u.Sub(t) >= hssLimitWindow-windowSlack {
				break
			}
			n++
		}
		row.MaxInWindow = max(row.MaxInWindow, n)
	}
}

func (s *sharedResult) row(kind string, cacheTTL ...string) (sharedRow, bool) {
	for _, r := range s.Rows {
		if r.Kind == kind && (len(cacheTTL) == 0 || r.CacheTTL == cacheTTL[0]) {
			return r, true
		}
	}
	return sharedRow{}, false
}

// evaluate checks the section's targets (issue 16). A target about throttling or the floor is
// not met where the answers show the limit was not enforced (kept): 0 throttled then says
// nothing.
func (s *sharedResult) evaluate() {
	add := func(name string, met bool, format string, args ...any) {
		s.Targets = append(s.Targets, target{Name: name, Figure: fmt.Sprintf(format, args...), Met: met})
	}
	if d, ok := s.row(sharedDistinct); ok {
		x := math.Inf(1)
		if d.FloorMS > 0 {
			x = d.WallMS / d.FloorMS
		}
		kept, how := d.kept()
		add(fmt.Sprintf("%d distinct HSS reads: 0 throttled, wall within 1.2x of the floor", d.Reads),
			kept && d.Throttled == 0 && d.PlansFailed == 0 && x <= 1.2,
			"%d throttled, %d plans failed; %s against a floor of %s (%.2fx: %s for the calls beyond %d, + the 1-read plan)%s",
			d.Throttled, d.PlansFailed, ms(d.WallMS), ms(d.FloorMS), x, secs(limitWait(d.Reads)), hssLimitCalls, how)
	}
	if c, ok := s.row(sharedProcesses, sharedCacheTTL); ok {
		add(fmt.Sprintf("%d processes, cache_ttl set: 1 API call, 0 throttled, 0 failed plans", c.Processes),
			c.HSSCalls == 1 && c.Throttled == 0 && c.PlansFailed == 0,
			"%d %s calls, %d throttled, %d of %d plans failed%s", c.HSSCalls, hssAction, c.Throttled, c.PlansFailed, c.Processes, why(c))
	}
	if n, ok := s.row(sharedProcesses, ""); ok {
		kept, how := n.kept()
		add(fmt.Sprintf("%d processes, no cache: 0 throttled answers", n.Processes), kept && n.Throttled == 0,
			"%d throttled of %d %s calls%s; %d of %d plans failed%s (failed plans are not part of this target: at %d a minute the last of %d calls cannot go before %s after the first, "+
				"against each read's default timeouts.read of 5m; that is what cache_ttl is for)",
			n.Throttled, n.HSSCalls, hssAction, how, n.PlansFailed, n.Processes, why(n),
			hssLimitCalls, n.Processes, secs(limitWait(n.Processes)))
	}
}

func why(r sharedRow) string {
	if r.FirstError == "" {
		return ""
	}
	return fmt.Sprintf(" (first: %q)", r.FirstError)
}

// markdown renders the section.
func (s *sharedResult) markdown(p func(string, ...any)) {
	p("## Rate limits shared between terraform processes")
	p("")
	p("HSS `%s` reads against ONE emulator process (a fresh one per row) that is expected to enforce the", hssAction)
	p("documented limit by default: %s. The emulator was started with `%s`", s.Limit, strings.Join(s.EmulatorArgs, " "))
	p("(no `-rate-limit`: the documented limits are assumed to be the emulator's default; `-shared-emulator-flags`")
	p("adds flags). Every row's terraform processes share one fresh `CLOUDQUOTA_CACHE_DIR`, set in the environment")
	p("of each, through which the provider shares rate-limit budgets and cached answers. The provider block sets")
	p("`project_id = %q` (the emulator's project for %s), so IAM's `KeystoneListProjects` is not called;", s.ProjectID, hssRegion)
	p("other calls counts any call of another API (IAM included) separately.")
	p("")
	p("- **1 HSS read**: one plan, one `cloudquota_hss_resource_quotas`: the plan's own time with one call and")
	p("  no waiting, the base of the next row's floor.")
	p("- **%d distinct HSS reads**: one plan, one `cloudquota_hss_resource_quotas` per `version` (%s).", len(hssVersions), strings.Join(hssVersions, ", "))
	p("  The floor: %d calls a minute means calls %d and %d cannot go before %s after the first, so at least", hssLimitCalls, hssLimitCalls+1, len(hssVersions), secs(limitWait(len(hssVersions))))
	p("  %s + the 1-read plan's wall time.", secs(limitWait(len(hssVersions))))
	p("- **N processes at once**: N module directories, each one `cloudquota_hss_resource_quotas` with the same")
	p("  arguments and the same credentials, and N `terraform plan` started at once (as `terragrunt run-all plan`")
	p("  starts them); wall time until the last one exits. Without `cache_ttl`, and with `cache_ttl = %q` in the", sharedCacheTTL)
	p("  provider block.")
	p("")
	p("| case | wall | plans failed | %s calls | other calls | throttled | failed calls | most answered within %s | floor | plan wall (min / median / max) |", hssAction, secs(hssLimitWindow-windowSlack))
	p("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |")
	for _, r := range s.Rows {
		other := "0"
		if len(r.OtherCalls) > 0 {
			var parts []string
			for _, a := range slices.Sorted(maps.Keys(r.OtherCalls)) {
				parts = append(parts, fmt.Sprintf("%s %d", a, r.OtherCalls[a]))
			}
			other = strings.Join(parts, ", ")
		}
		floor := "-"
		if r.FloorMS > 0 {
			floor = ms(r.FloorMS)
		}
		failed := fmt.Sprintf("%d of %d", r.PlansFailed, r.Processes)
		p("| %s | %s | %s | %d | %s | %d | %d | %d | %s | %s |", r.Name, ms(r.WallMS), failed, r.HSSCalls, other,
			r.Throttled, r.Failed, r.MaxInWindow, floor, spread(r.PlanWallMS))
	}
	p("")
	for _, r := range s.Rows {
		if r.FirstError != "" {
			p("- %s: the first failed plan said `%s`.", r.Name, strings.ReplaceAll(r.FirstError, "`", "'"))
		}
	}
	p("- Throttled: the emulator's log lines whose note mentions a limit (matched loosely: `[rate limit]`, and")
	p("  whatever words the documented limits' note uses, as long as it contains \"limit\"), and 429 answers not")
	p("  caused by an injected fault (Huawei throttles with 429 `APIGW.0308`). Failed calls: every answer other")
	p("  than a plain 200, throttled ones included. Most answered within %s: the most plain-200 `%s`", secs(hssLimitWindow-windowSlack), hssAction)
	p("  answers whose log lines the bench read within any %s (the %s window less %s, as the bench sees a", secs(hssLimitWindow-windowSlack), secs(hssLimitWindow), secs(windowSlack))
	p("  request when its log line arrives, after the answer); over %d means the limit was not enforced (or not", hssLimitCalls)
	p("  kept), whatever the throttled count says, and the targets on throttling and the floor are then not met.")
	p("- Each row runs once: it takes minutes where the limit is enforced (the last of %d calls at %d a minute",
		max(len(hssVersions), s.processes()), hssLimitCalls)
	p("  cannot go before %s after the first).", secs(limitWait(max(len(hssVersions), s.processes()))))
	p("  On 2 cores, %d terraform processes starting at once also wait for CPU: their own time is part of the wall.", s.processes())
	p("")
	p("| target | figure | met |")
	p("| --- | --- | --- |")
	for _, t := range s.Targets {
		met := "no"
		if t.Met {
			met = "yes"
		}
		p("| %s | %s | %s |", t.Name, strings.ReplaceAll(t.Figure, "|", "\\|"), met)
	}
	p("")
}

func (s *sharedResult) processes() int {
	n := 0
	for _, r := range s.Rows {
		n = max(n, r.Processes)
	}
	return n
}

// spread is min / median / max of per-process wall times; one figure for one process.
func spread(v []float64) string {
	if len(v) == 0 {
		return "-"
	}
	if len(v) == 1 {
		return ms(v[0])
	}
	return fmt.Sprintf("%s / %s / %s", ms(slices.Min(v)), ms(median(v)), ms(slices.Max(v)))
}
