package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
)

// The emulator guide's commands and quoted outputs, run: its template marks
// them with Go template comments, which the generated guide drops:
//
//	{{/* doctest: file NAME */}}     the next fenced block is written to NAME
//	{{/* doctest: run NAME */}}      the next fenced block runs in bash and must succeed
//	{{/* doctest: run-fails NAME */}} ... and must fail
//	{{/* doctest: output */}}        the next fenced block quotes the last run's output
//
// Every block runs in order in one scratch directory holding example-data.json, with
// cloudquota-emulator (this test binary, see TestMain) and terraform on PATH and the provider
// built from this tree offered by dev_overrides (TF_CLI_CONFIG_FILE), as a reader who
// followed the guide has them. Each line of a quoted output must appear in the run's output
// (stdout and stderr), compared after normalize; a line "..." stands for lines left out, and a
// line ending in "..." for a longer one.
const guidePath = "../../../../templates/guides/emulator.md.tmpl"

var directive = regexp.MustCompile(`^\{\{/\* doctest: (file|run|run-fails|output)(?: (\S+))? \*/\}\}$`)

type guideStep struct {
	kind, name, body string
	line             int
}

// guideSteps reads the marked blocks of the guide's template.
func guideSteps(t *testing.T, path string) []guideStep {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var steps []guideStep
	var pending *guideStep
	var body []string
	inFence := false
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case inFence && strings.HasPrefix(line, "```"):
			inFence = false
			if pending != nil {
				pending.body = strings.Join(body, "\n") + "\n"
				steps = append(steps, *pending)
				pending = nil
			}
		case inFence:
			body = append(body, line)
		case strings.HasPrefix(line, "```"):
			inFence, body = true, nil
		case directive.MatchString(line):
			if pending != nil {
				t.Fatalf("%s:%d: a doctest directive without its fenced block", path, pending.line)
			}
			m := directive.FindStringSubmatch(line)
			pending = &guideStep{kind: m[1], name: m[2], line: n}
		case pending != nil && strings.TrimSpace(line) != "":
			t.Fatalf("%s:%d: text between a doctest directive and its fenced block", path, n)
		}
	}
	if pending != nil {
		t.Fatalf("%s:%d: a doctest directive without its fenced block", path, pending.line)
	}
	return steps
}

var (
	ansi      = regexp.MustCompile("\x1b\\[[0-9;]*m")
	loopPort  = regexp.MustCompile(`127\.0\.0\.1:[0-9]+`)
	requestID = regexp.MustCompile(`\b[0-9a-f]{32}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)
	spaces    = regexp.MustCompile(`\s+`)
)

// normalize makes outputs comparable across runs: no colours, any loopback
// port, any request ID, runs of white space as one space.
func normalize(s string) string {
	s = ansi.ReplaceAllString(s, "")
	s = loopPort.ReplaceAllString(s, "127.0.0.1:PORT")
	s = requestID.ReplaceAllString(s, "ID")
	return strings.TrimSpace(spaces.ReplaceAllString(s, " "))
}

// testbed is a scratch directory with the emulator and the provider ready,
// and the environment to run commands in it.
type testbed struct {
	dir string
	env []string
}

// newTestbed builds the provider from this tree, puts this test binary on
// PATH as cloudquota-emulator and terraform beside it, and isolates the
// environment from the developer's clouds and budgets.
func newTestbed(t *testing.T) *testbed {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the terraform CLI: set TF_ACC=1, as make testacc does")
	}
	acctest.PreCheck(t) // the terraform CLI, and no cloud settings of the developer's
	for _, k := range []string{"CLOUDQUOTA_ENDPOINT", "CLOUDQUOTA_RATE_LIMITS", "CLOUDQUOTA_EMULATOR_URL", "CLOUDQUOTA_CACHE_TTL",
		"HW_REGION_NAME", "TENCENTCLOUD_REGION", "ALICLOUD_REGION"} {
		t.Setenv(k, "")
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-cloudquota"), ".")
	build.Dir = "../../../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(bin, "cloudquota-emulator")); err != nil {
		t.Fatal(err)
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if err := os.Symlink(tf, filepath.Join(bin, "terraform")); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cliConfig := filepath.Join(t.TempDir(), "dev.tfrc")
	if err := os.WriteFile(cliConfig, fmt.Appendf(nil, "provider_installation {\n  dev_overrides {\n    \"cloudquota/cloudquota\" = %q\n  }\n  direct {}\n}\n", bin), 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../testdata/example-data.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "example-data.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"CHECKPOINT_DISABLE=1",
		// The provider's budgets and shared answers live here: not the developer's.
		"CLOUDQUOTA_CACHE_DIR="+t.TempDir(),
	)
	return &testbed{dir: dir, env: env}
}

// run runs script in bash in the scratch directory and returns its output
// (stdout and stderr) and whether it succeeded.
func (b *testbed) run(t *testing.T, script string) (string, bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", script)
	cmd.Dir, cmd.Env = b.dir, b.env
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("timed out:\n%s\n%s", script, out)
	}
	return string(out), err == nil
}

// TestGuide runs the emulator guide's marked commands and checks its quoted
// outputs. Every run is a subtest named after its directive.
func TestGuide(t *testing.T) {
	steps := guideSteps(t, guidePath)
	if len(steps) == 0 {
		t.Fatal("the guide marks no doctest blocks")
	}
	b := newTestbed(t)
	var last *testing.T // the subtest of the run the next output belongs to
	var lastOut, lastName string
	for _, s := range steps {
		switch s.kind {
		case "file":
			path := filepath.Join(b.dir, s.name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(s.body), 0o600); err != nil {
				t.Fatal(err)
			}
		case "run", "run-fails":
			last, lastOut, lastName = nil, "", s.name
			t.Run(s.name, func(t *testing.T) {
				last = t
				out, ok := b.run(t, s.body)
				lastOut = out
				if want := s.kind == "run"; ok != want {
					t.Errorf("%s:%d: succeeded %v, want %v:\n%s\noutput:\n%s", guidePath, s.line, ok, want, s.body, out)
				}
			})
		case "output":
			if last == nil {
				continue // its run was filtered out (-run) or missing: nothing to compare
			}
			got := normalize(lastOut)
			for line := range strings.SplitSeq(s.body, "\n") {
				// A line ending in "..." quotes the start of a longer one.
				want := strings.TrimSpace(strings.TrimSuffix(normalize(line), "..."))
				if want == "" {
					continue
				}
				if !strings.Contains(got, want) {
					t.Errorf("%s:%d: the output of run %q lacks the quoted line %q; it is:\n%s", guidePath, s.line, lastName, line, lastOut)
				}
			}
		}
	}
}

// TestGuideSteps: the extraction of the marked blocks itself.
func TestGuideSteps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.md.tmpl")
	src := "# g\n\n{{/* doctest: file a/main.tf */}}\n```terraform\nx = 1\n```\n\nprose\n```sh\nnot marked\n```\n" +
		"{{/* doctest: run-fails bad */}}\n\n```sh\nfalse\n```\n{{/* doctest: output */}}\n```text\nError\n...\n```\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(guideSteps(t, path))
	want := "[{file a/main.tf x = 1\n 3} {run-fails bad false\n 12} {output  Error\n...\n 17}]"
	if got != want {
		t.Errorf("steps %q, want %q", got, want)
	}
	if n := normalize("Request ID:  c70e5515fc8210381e404de1d11bdba4\n at http://127.0.0.1:4242 \x1b[31mred\x1b[0m"); n != "Request ID: ID at http://127.0.0.1:PORT red" {
		t.Errorf("normalize: %q", n)
	}
}

// TestExecTerraformTest: a module with no emulator-specific settings (no
// endpoints, keys or budgets in its provider block) tested with one line,
// twice in a row, as a module author's loop does. It needs the provider's
// CLOUDQUOTA_ENDPOINT and the "*" key of CLOUDQUOTA_RATE_LIMITS.
func TestExecTerraformTest(t *testing.T) {
	b := newTestbed(t)
	for name, text := range map[string]string{
		"main.tf": `terraform {
  required_providers {
    cloudquota = { source = "cloudquota/cloudquota" }
  }
}

provider "cloudquota" {
  huaweicloud {
    region = "cn-north-4"
  }
  tencentcloud {
    region = "ap-guangzhou"
  }
}

variable "hosts" {
  type = number
}

data "cloudquota_hss_resource_quotas" "premium" {
  version = "hss.version.premium"
}

data "cloudquota_tcss_image_authorized_info" "this" {}

resource "terraform_data" "rollout" {
  input = var.hosts
  lifecycle {
    precondition {
      condition     = data.cloudquota_hss_resource_quotas.premium.available_num >= var.hosts
      error_message = "too few free HSS premium licences"
    }
  }
}

output "free" {
  value = data.cloudquota_hss_resource_quotas.premium.available_num
}

output "images" {
  value = data.cloudquota_tcss_image_authorized_info.this.total_authorized_cnt
}
`,
		"tests/capacity.tftest.hcl": `run "ten_hosts_pass" {
  command = plan
  variables {
    hosts = 10
  }
  assert {
    condition     = output.free == 20 && output.images == 1000
    error_message = "want the example data's 20 free licences and 1000 image authorizations"
  }
}

run "twenty_five_hosts_refused" {
  command = plan
  variables {
    hosts = 25
  }
  expect_failures = [terraform_data.rollout]
}
`,
	} {
		path := filepath.Join(b.dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Twice: the second run must not wait on budgets or limits the first used.
	for i := range 2 {
		out, ok := b.run(t, "cloudquota-emulator exec -data example-data.json -- terraform test -no-color")
		if !ok || !strings.Contains(out, "Success! 2 passed, 0 failed.") {
			t.Fatalf("run %d: succeeded %v:\n%s", i+1, ok, out)
		}
		// The provider warns when a read waited on a budget or a throttle.
		for line := range strings.SplitSeq(out, "\n") {
			if strings.Contains(line, "Warning:") && !strings.Contains(line, "development overrides") {
				t.Errorf("run %d warned: %s\n%s", i+1, line, out)
			}
		}
	}
}
