package acctest

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

// Suite is the behaviour every data source of one cloud shares: where its credentials and
// region come from and in which order, what is refused before any request, and how the
// cloud's failures read. RunSuite runs each case for every data source in DataSources, so
// a new data source is covered by adding one row.
type Suite struct {
	Cloud     string // as diagnostics name it: "Tencent Cloud"
	BlockName string // "tencentcloud"
	// Block writes the cloud's provider block against e.
	Block func(e *Emulator, b Block) string
	// Cred is the key pair the emulator accepts by default.
	Cred func(e *Emulator) emulator.Credential
	// Accept is the emulator's options accepting creds besides the default key pair.
	Accept func(t *testing.T, creds ...emulator.Credential) all.Options

	Region      string // the region HCL sets
	OtherRegion string // a second region every data source of the cloud serves
	// KeyVars are the variables of the key pair (ID, secret), RegionVar the region's.
	KeyVars   [2]string
	RegionVar string
	SecretArg string // the block's secret argument, named when only the ID is set

	// Env are the environment variable families the cloud reads credentials from.
	Env []EnvRow
	// WrongSecret is how the cloud refuses a bad signature.
	WrongSecret Refusal
	// Faults are vendor errors injected into each data source's action.
	Faults []Fault

	DataSources []DataSource
}

// DataSource is one data source of the cloud, with an attribute its default answer sets.
type DataSource struct {
	Type     string // cloudquota_tcss_image_authorized_info
	Service  string // as diagnostics name it: "TCSS"
	Endpoint string // its key in the block's endpoints
	Action   string // the API action a read calls
	Attr     string
	Want     knownvalue.Check
	// Args are the data source's required arguments as HCL lines (product_code = "ecs"),
	// "" when it has none.
	Args string
	// Global is an API with one host per site and no region (billing): a read needs no
	// region and checks none, and its diagnostics name none.
	Global bool
}

// EnvRow is one way of giving credentials and region through the environment.
type EnvRow struct {
	Name string
	// Cred is a key pair the emulator accepts besides the default; zero: the default.
	Cred emulator.Credential
	// Env are the variables to set; c is the key pair that must sign (Cred, or the default).
	// t is for files the variables name.
	Env func(t *testing.T, c emulator.Credential) map[string]string
	// Region is the region the variables set.
	Region string
}

// Refusal is how a cloud answers a request it refuses.
type Refusal struct {
	Status int
	Code   string
}

// Fault is a vendor error injected Times times into a read. Final errors are not retried;
// others are, up to max_retries (1 in the suite), so Times 1 recovers and Times 2 fails
// after 2 attempts. Hint is what the diagnostic must say about the cause.
type Fault struct {
	Name    string
	Status  int
	Code    string
	Message string
	Times   int
	Final   bool
	Hint    string
}

// RunSuite runs the suite for every data source of the cloud.
func RunSuite(t *testing.T, s Suite) {
	for _, ds := range s.DataSources {
		t.Run(ds.Type, func(t *testing.T) {
			t.Run("environment", func(t *testing.T) { s.environment(t, ds) })
			t.Run("precedence", func(t *testing.T) { s.precedence(t, ds) })
			t.Run("refused before sending", func(t *testing.T) { s.refused(t, ds) })
			t.Run("other clouds only", func(t *testing.T) { s.otherClouds(t, ds) })
			t.Run("wrong secret", func(t *testing.T) { s.wrongSecret(t, ds) })
			t.Run("vendor errors", func(t *testing.T) { s.faults(t, ds) })
			t.Run("insecure", func(t *testing.T) { s.insecure(t, ds) })
		})
	}
}

// data is the data source's block; region "" leaves the provider's.
func (ds DataSource) data(region string) string {
	args := ""
	if ds.Args != "" {
		args = "  " + ds.Args + "\n"
	}
	if region == "" {
		if args == "" {
			return fmt.Sprintf("data %q \"test\" {}\n", ds.Type)
		}
		return fmt.Sprintf("data %q \"test\" {\n%s}\n", ds.Type, args)
	}
	return fmt.Sprintf("data %q \"test\" {\n  region = %q\n%s}\n", ds.Type, region, args)
}

// checks are what a successful read in region shows.
func (ds DataSource) checks(region string) []statecheck.StateCheck {
	addr := "data." + ds.Type + ".test"
	return []statecheck.StateCheck{
		Expect(addr, "region", knownvalue.StringExact(region)),
		Expect(addr, ds.Attr, ds.Want),
	}
}

// hcl is a provider with the cloud's key pair cred in HCL, region, and the emulator's
// endpoints; settings go at the top level.
func (s Suite) hcl(e *Emulator, cred emulator.Credential, region, settings string) string {
	return Provider(settings, s.Block(e, Block{Cred: cred, Region: region, Endpoints: true}))
}

// assertSigner checks that every request of ds's action was signed with ak.
func assertSigner(t *testing.T, e *Emulator, ds DataSource, ak string) {
	t.Helper()
	for _, r := range e.RequestsFor(t, ds.Action) {
		if r.AccessKey != ak {
			t.Errorf("%s signed with %q, want %q", r.Action, r.AccessKey, ak)
		}
	}
}

// Credentials and region from each family of variables, with nothing in HCL but endpoints.
func (s Suite) environment(t *testing.T, ds DataSource) {
	for _, row := range s.Env {
		t.Run(row.Name, func(t *testing.T) {
			PreCheck(t)
			var extra []emulator.Credential
			if row.Cred.AccessKey != "" {
				extra = append(extra, row.Cred)
			}
			e := StartEmulator(t, s.Accept(t, extra...))
			signer := row.Cred
			if signer.AccessKey == "" {
				signer = s.Cred(e)
			}
			for k, v := range row.Env(t, signer) {
				t.Setenv(k, v)
			}
			Run(t, resource.TestStep{
				Config:            Provider("max_retries = 1", s.Block(e, Block{Endpoints: true})) + ds.data(""),
				ConfigStateChecks: ds.checks(row.Region),
			})
			assertSigner(t, e, ds, signer.AccessKey)
		})
	}
}

// HCL wins over the environment, and the data source's region over the provider's.
func (s Suite) precedence(t *testing.T, ds DataSource) {
	PreCheck(t)
	e := StartEmulator(t, s.Accept(t))
	t.Setenv(s.KeyVars[0], "WRONGKEYFROMTHEENVIRONMENT")
	t.Setenv(s.KeyVars[1], "wrong-secret-from-the-environment")
	t.Setenv(s.RegionVar, s.OtherRegion)
	hcl := s.hcl(e, s.Cred(e), s.Region, "max_retries = 1")
	Run(t,
		resource.TestStep{Config: hcl + ds.data(""), ConfigStateChecks: ds.checks(s.Region)},
		resource.TestStep{Config: hcl + ds.data(s.OtherRegion), ConfigStateChecks: ds.checks(s.OtherRegion)},
	)
	assertSigner(t, e, ds, s.Cred(e).AccessKey)
}

// Incomplete or impossible settings are refused before any request, naming what to set.
func (s Suite) refused(t *testing.T, ds DataSource) {
	PreCheck(t)
	e := StartEmulator(t, s.Accept(t))
	cred := s.Cred(e)
	cases := []struct {
		name     string
		env      map[string]string
		provider string
		region   string
		want     string
	}{
		{"no credentials", nil, Provider(""), s.Region,
			s.Cloud + ` credentials are not configured.*` + s.BlockName + `.*` + s.KeyVars[0] + `.*` + s.KeyVars[1]},
		{"no region", map[string]string{s.KeyVars[0]: cred.AccessKey, s.KeyVars[1]: cred.SecretKey}, Provider(""), "",
			s.Cloud + ` region is not set.*` + s.RegionVar},
		{"half a key pair", nil, Provider("", s.Block(e, Block{Cred: emulator.Credential{AccessKey: cred.AccessKey}, Region: s.Region, Endpoints: true})), "",
			`Incomplete ` + s.Cloud + ` credentials.*` + s.SecretArg + `.*` + s.KeyVars[1]},
		{"unknown region", nil, Provider("", s.Block(e, Block{Cred: cred, Region: "xx-nowhere-1"})), "",
			`Unknown ` + s.Cloud + ` region "xx-nowhere-1" for ` + ds.Service + `.*` + s.Region + `.*endpoints\.` + ds.Endpoint},
		// One letter dropped from the cloud's test region: the nearest known region is suggested.
		{"misspelt region", nil, Provider("", s.Block(e, Block{Cred: cred, Region: s.Region[:3] + s.Region[4:]})), "",
			`Unknown ` + s.Cloud + ` region "` + regexp.QuoteMeta(s.Region[:3]+s.Region[4:]) + `".*Did\s+you\s+mean\s+"` +
				regexp.QuoteMeta(s.Region) + `"\?`},
	}
	for _, tc := range cases {
		if ds.Global && strings.Contains(tc.name, "region") {
			continue // no region to miss or to know: the data source's own tests read without one
		}
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			e.ExpectRefused(t, tc.provider+ds.data(tc.region), regexp.MustCompile(`(?s)`+tc.want))
		})
	}
}

// With only the other clouds configured, this cloud's read fails, naming the block and the
// variables to set, and nothing is sent.
func (s Suite) otherClouds(t *testing.T, ds DataSource) {
	PreCheck(t)
	e := StartEmulator(t, s.Accept(t))
	var others []string
	for _, c := range []struct{ name, block string }{
		{"huaweicloud", e.HuaweiBlock(Block{Cred: e.HuaweiCred, Region: "cn-north-4", Endpoints: true})},
		{"tencentcloud", e.TencentBlock(Block{Cred: e.TencentCred, Region: "ap-guangzhou", Endpoints: true})},
		{"alicloud", e.AlibabaBlock(Block{Cred: e.AlibabaCred, Region: "cn-shanghai", Endpoints: true})},
	} {
		if c.name != s.BlockName {
			others = append(others, c.block)
		}
	}
	if len(others) != 2 {
		t.Fatalf("block %q is not one of the three clouds", s.BlockName)
	}
	e.ExpectRefused(t, Provider("", others...)+ds.data(s.Region), regexp.MustCompile(`(?s)`+s.Cloud+
		` credentials are not configured.*`+s.BlockName+`.*`+s.KeyVars[0]+`.*`+s.KeyVars[1]))
}

// A wrong secret is refused once, as the cloud refuses it, with every field of the
// diagnostic; for Huawei the IAM project lookup meets it first.
func (s Suite) wrongSecret(t *testing.T, ds DataSource) {
	PreCheck(t)
	e := StartEmulator(t, s.Accept(t))
	bad := emulator.Credential{AccessKey: s.Cred(e).AccessKey, SecretKey: "not-the-secret"}
	region := `Region:\s+` + s.Region + `.*`
	if ds.Global {
		region = ""
	}
	Run(t, resource.TestStep{
		Config: s.hcl(e, bad, s.Region, "max_retries = 1") + ds.data(""),
		ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)%s \S+ \S+ failed.*%sHTTP status: %d.*`+
			`Error code:\s+%s.*Request ID:\s+\S+.*Attempts:\s+1\b.*credentials`,
			s.Cloud, region, s.WrongSecret.Status, regexp.QuoteMeta(s.WrongSecret.Code))),
	})
	if n := e.Count(""); n != 1 {
		t.Errorf("a refused signature was sent %d times, want 1", n)
	}
}

// Vendor errors surface with status, code, message and request ID; final ones are never
// retried, the others are, and a read that recovers succeeds.
func (s Suite) faults(t *testing.T, ds DataSource) {
	for _, f := range s.Faults {
		t.Run(f.Name, func(t *testing.T) {
			PreCheck(t)
			e := StartEmulator(t, s.Accept(t))
			e.InjectFault(ds.Action, f.Times, f.Status, f.Code, f.Message)
			step := resource.TestStep{Config: s.hcl(e, s.Cred(e), s.Region, "max_retries = 1") + ds.data("")}
			attempts := f.Times
			if f.Final {
				attempts = 1
			}
			recovers := !f.Final && f.Times == 1
			if recovers {
				step.ConfigStateChecks = ds.checks(s.Region)
			} else {
				step.ExpectError = regexp.MustCompile(fmt.Sprintf(`(?s)%s %s %s failed.*HTTP status: %d.*Error code:\s+%s.*`+
					`Message:\s+%s.*Request ID:\s+\S+.*Attempts:\s+%d\b.*%s`, s.Cloud, ds.Service, ds.Action, f.Status,
					regexp.QuoteMeta(f.Code), spaced(f.Message), attempts, spaced(f.Hint)))
			}
			Run(t, step)
			n := e.Count(ds.Action)
			switch {
			case recovers && n < 2:
				t.Errorf("%s seen %d times after %s, want a retry", ds.Action, n, f.Code)
			case !recovers && n != attempts:
				t.Errorf("%s seen %d times after %s, want %d", ds.Action, n, f.Code, attempts)
			}
		})
	}
}

// spaced is text as a pattern that allows the line breaks Terraform wraps diagnostics with.
func spaced(text string) string {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(words, `\s+`)
}

// insecure reaches a self-signed endpoint; without it the certificate error is final.
func (s Suite) insecure(t *testing.T, ds DataSource) {
	PreCheck(t)
	e := StartTLSEmulator(t, s.Accept(t))
	config := func(insecure bool) string {
		return s.hcl(e, s.Cred(e), s.Region, fmt.Sprintf("insecure = %t\n  max_retries = 3", insecure)) + ds.data("")
	}
	Run(t, InsecureSteps(config, ds.checks(s.Region))...)
}
