package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// The scenario "Huawei general quotas in modules": one plan of quotaModules module instances,
// each reading the three Huawei quota data sources (ECS, VPC, EVS) with the same arguments, as
// a stack of modules that each guard their own capacity does. Every read is identical to one
// in every other module, so the floor of API calls is 3 (one per API); the wall time is set
// against the floor provider's baseline_huaweicloud_{ecs,vpc,evs}_quotas, data sources with
// the same schemas answering constants (internal/bench/baseline/quotas.go), read by as many
// module instances.
const (
	quotaModules    = 20
	quotaCallsFloor = 3
	quotaRegion     = "cn-north-4"
)

// quotasResult is the scenario's figures.
type quotasResult struct {
	Modules    int   `json:"modules"`
	CallsFloor int   `json:"api_calls_floor"`
	Provider   stats `json:"provider"`
	Floor      stats `json:"floor"`
}

// quotasModule is the module each instance is: the three reads of one provider, cloudquota or
// the floor ("baseline").
func quotasModule(provider string) string {
	return requireProvider(provider) + fmt.Sprintf(`
data "%[1]s_huaweicloud_ecs_quotas" "this" {}
data "%[1]s_huaweicloud_vpc_quotas" "this" {}
data "%[1]s_huaweicloud_evs_quotas" "this" {}

output "room" {
  value = length(data.%[1]s_huaweicloud_ecs_quotas.this.quotas) + length(data.%[1]s_huaweicloud_vpc_quotas.this.quotas) + length(data.%[1]s_huaweicloud_evs_quotas.this.quotas)
}
`, provider)
}

// benchQuotas runs the scenario: o.runs measured plans of each configuration, alternating,
// after one unmeasured plan of each, against an emulator with the vendors' example answers
// (its defaults) and its documented limits.
func benchQuotas(ctx context.Context, o options, b *builds, env, providers []string) (*quotasResult, error) {
	root := filepath.Join(o.work, "quotas")
	if err := os.RemoveAll(root); err != nil {
		return nil, err
	}
	emu, err := startEmulator(ctx, b.emulator, o.work, "-latency", o.latency.String())
	if err != nil {
		return nil, err
	}
	defer emu.stop()
	// project_id set, so that the plan makes no IAM project lookup: the 3 calls are the floor.
	cloudquota := requireProvider("cloudquota") + fmt.Sprintf(`
provider "cloudquota" {
  huaweicloud {
    region     = %[2]q
    project_id = %[3]q
    access_key = "EMULATORHUAWEIAK0001"
    secret_key = "emulator-huawei-secret-key"
    endpoints  = { iam = %[1]q, ecs = %[1]q, vpc = %[1]q, evs = %[1]q }
  }
}

module "guard" {
  count  = %[4]d
  source = "./guard"
}
`, emu.URL, quotaRegion, huaweiProjectID(quotaRegion), quotaModules)
	floor := requireProvider("baseline") + fmt.Sprintf(`
provider "baseline" {}

module "guard" {
  count  = %d
  source = "./guard"
}
`, quotaModules)
	cases := []struct{ name, root, module string }{
		{"cloudquota", cloudquota, quotasModule("cloudquota")},
		{"floor", floor, quotasModule("baseline")},
	}
	samples := map[string][]sample{}
	calls := map[string][]callStats{}
	for _, c := range cases {
		dir := filepath.Join(root, c.name)
		if err := writeModule(filepath.Join(dir, "guard"), c.module); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(c.root), 0o644); err != nil {
			return nil, err
		}
		// A module needs installing, and `terraform init` would ask the registry for the
		// providers dev_overrides offers (there is no registry here): the manifest init writes
		// for a local module, written directly.
		if err := os.MkdirAll(filepath.Join(dir, ".terraform", "modules"), 0o755); err != nil {
			return nil, err
		}
		manifest := `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"guard","Source":"./guard","Dir":"guard"}]}` + "\n"
		if err := os.WriteFile(filepath.Join(dir, ".terraform", "modules", "modules.json"), []byte(manifest), 0o644); err != nil {
			return nil, err
		}
	}
	// Each run's rate-limit windows and answers start empty: no cache_ttl is set, and the
	// shared limiter's files go to a directory of the scenario's own.
	env = append(slices.Clip(env), "CLOUDQUOTA_CACHE_DIR="+filepath.Join(root, "cache"))
	for i := -1; i < o.runs; i++ { // run -1 warms each configuration up, unmeasured
		for _, c := range cases {
			m := emu.mark()
			s := runMeasured(ctx, o.terraform, filepath.Join(root, c.name), env, []string{"plan", "-input=false", "-no-color", "-lock=false"}, providers)
			cs := countCalls(emu.since(m))
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if s.Err != nil {
				logf("quotas %s: plan failed: %v\n%s", c.name, s.Err, tail(s.Output))
			}
			if i < 0 {
				continue
			}
			samples[c.name] = append(samples[c.name], s)
			calls[c.name] = append(calls[c.name], cs)
			logf("quotas %-10s %d modules x 3 reads: %s, %d calls (%d throttled, %d failed), provider CPU %s",
				c.name, quotaModules, s.Wall.Round(time.Millisecond), cs.Calls, cs.Throttled, cs.Failed, s.ProviderCPU)
		}
	}
	return &quotasResult{
		Modules: quotaModules, CallsFloor: quotaCallsFloor,
		Provider: summarize(samples["cloudquota"], calls["cloudquota"]),
		Floor:    summarize(samples["floor"], nil),
	}, nil
}

// evaluate adds the scenario's targets.
func (q *quotasResult) targets(add func(name string, met bool, format string, args ...any)) {
	exact := len(q.Provider.CallsAll) > 0 && q.Provider.PlanFailures == 0
	for _, c := range q.Provider.CallsAll {
		exact = exact && c == q.CallsFloor
	}
	add(fmt.Sprintf("%d modules x 3 Huawei quota reads: %d API calls (the floor)", q.Modules, q.CallsFloor), exact,
		"API calls per run: %v; %d plans failed", q.Provider.CallsAll, q.Provider.PlanFailures)
	floor := q.Floor.WallMS
	if floor == 0 {
		floor = 1
	}
	x := q.Provider.WallMS / floor
	add(fmt.Sprintf("%d modules x 3 Huawei quota reads: plan time within 1.2x of the floor (floor: baseline_huaweicloud_*_quotas, the same schemas)", q.Modules), x <= 1.2,
		"%s vs %s: %.2fx", ms(q.Provider.WallMS), ms(q.Floor.WallMS), x)
}

// markdown is the scenario's section of BENCHMARKS.md.
func (q *quotasResult) markdown(p func(string, ...any)) {
	p("## Huawei general quotas in modules")
	p("")
	p("One `terraform plan` of %d instances of a module (`count`) that each read `cloudquota_huaweicloud_ecs_quotas`,", q.Modules)
	p("`cloudquota_huaweicloud_vpc_quotas` and `cloudquota_huaweicloud_evs_quotas` with the same arguments (the")
	p("provider's `project_id` set, so no IAM lookup): %d reads, of which only %d are distinct, so %d API calls is", q.Modules*3, q.CallsFloor, q.CallsFloor)
	p("the floor. The floor provider is the baseline's `baseline_huaweicloud_{ecs,vpc,evs}_quotas`: the same schemas,")
	p("constants of the same size as the emulator's answers (the vendors' examples), through the framework's own")
	p("`Config.Get`/`State.Set`, read by as many module instances. The emulator here has its default data and its")
	p("documented limits (10 a second for each of the three APIs, the conservative default; no `-rate-limit`).")
	p("")
	p("| case | wall (median) | runs (ms) | API calls | throttled / failed | provider peak RSS | provider CPU | all CPU | provider processes |")
	p("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	row := func(name string, st stats, api string) {
		p("| %s | %s | %s | %s | %s | %s | %s | %s | %d |", name, ms(st.WallMS), runsMS(st.WallAllMS), api,
			func() string {
				if api == "-" {
					return "-"
				}
				return fmt.Sprintf("%d / %d", st.Throttled, st.Failed)
			}(), kbMB(st.ProviderKB), ms(st.ProviderCPU), ms(st.TotalCPU), st.ProviderProc)
	}
	row("cloudquota", q.Provider, fmt.Sprint(q.Provider.Calls))
	row("floor (baseline quotas schemas)", q.Floor, "-")
	floor := q.Floor.WallMS
	if floor == 0 {
		floor = 1
	}
	p("")
	p("Ratio of the medians: %.2fx.", q.Provider.WallMS/floor)
	p("")
}
