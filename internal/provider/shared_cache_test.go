package provider_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

// One data source of each API, with arguments fixed at plan time (no expiring_within, whose
// window moves with each read's clock), so that identical reads are identical.
const cachedReads = `
data "cloudquota_hss_resource_quotas" "test" {}
data "cloudquota_hss_image_scan_statistics" "test" {}
data "cloudquota_metastudio_expiring_resources" "test" {
  resource_expire_start_time = "2026-01-01T00:00:00Z"
  resource_expire_end_time   = "2036-01-01T00:00:00Z"
}
data "cloudquota_tcss_image_authorized_info" "test" {}
data "cloudquota_sas_auth_summary" "test" {}
`

var cachedActions = []string{
	"ShowResourceQuotas", "ShowImagePayPerScanStatistics", "CountTenantResources",
	"DescribeImageAuthorizedInfo", "GetAuthSummary",
}

// answersChecks are what the reads must report, cached or not (the emulator's default data).
var answersChecks = []statecheck.StateCheck{
	acctest.Expect("data.cloudquota_tcss_image_authorized_info.test", "total_authorized_cnt", knownvalue.Int64Exact(300000)),
	acctest.Expect("data.cloudquota_sas_auth_summary.test", "highest_version_name", knownvalue.StringExact("free")),
	acctest.Expect("data.cloudquota_hss_resource_quotas.test", "quotas", knownvalue.ListSizeExact(1)),
}

// cacheTest runs two steps (each several terraform commands, each its own provider process)
// reading every API, and returns how many calls each API received.
func cacheTest(t *testing.T, emu *acctest.Emulator, settings string, preSecond func()) map[string]int {
	t.Helper()
	config := emu.AllCloudsProvider(settings) + cachedReads
	acctest.Run(t,
		resource.TestStep{Config: config, ConfigStateChecks: answersChecks},
		resource.TestStep{PreConfig: preSecond, Config: config + "\n# second plan\n", ConfigStateChecks: answersChecks},
	)
	calls := map[string]int{}
	for _, a := range cachedActions {
		calls[a] = emu.Count(a)
	}
	return calls
}

// cache_ttl: identical reads of every terraform command of both plans share one API call
// per API; without it (the default) each provider process calls again.
func TestAccSharedCache_ttl(t *testing.T) {
	cases := []struct {
		name     string
		settings string
		env      string
		one      bool
	}{
		{"off by default", "", "", false},
		{"cache_ttl", `cache_ttl = "10m"`, "", true},
		{"CLOUDQUOTA_CACHE_TTL", "", "10m", true},
		{"HCL 0s beats the variable", `cache_ttl = "0s"`, "10m", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			acctest.PreCheck(t)
			t.Setenv("CLOUDQUOTA_CACHE_TTL", tc.env)
			emu := acctest.StartEmulator(t, all.Options{})
			for action, n := range cacheTest(t, emu, tc.settings, nil) {
				if tc.one && n != 1 {
					t.Errorf("%s: %d API calls over two plans, want 1 (shared through cache_ttl)", action, n)
				}
				if !tc.one && n < 2 {
					t.Errorf("%s: %d API calls over two plans, want one per provider process (no cache)", action, n)
				}
			}
		})
	}
}

// A corrupt file and a directory that cannot be used still give the right answers (from the
// API), never an error.
func TestAccSharedCache_fallbacks(t *testing.T) {
	t.Run("corrupt files", func(t *testing.T) {
		acctest.PreCheck(t)
		emu := acctest.StartEmulator(t, all.Options{})
		dir := os.Getenv("CLOUDQUOTA_CACHE_DIR")
		calls := cacheTest(t, emu, `cache_ttl = "10m"`, func() {
			corrupted := 0
			err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
				if err != nil || e.IsDir() || filepath.Ext(p) != ".json" {
					return err
				}
				corrupted++
				return os.WriteFile(p, []byte("{\x00 not what was written"), 0o600)
			})
			if err != nil || corrupted == 0 {
				t.Fatalf("corrupting the cache: %d files, %v", corrupted, err)
			}
		})
		for action, n := range calls {
			if n != 2 { // one per plan: the corrupt answer is not used, the repaired one is
				t.Errorf("%s: %d API calls, want 2 (the first plan's, and one after the files were corrupted)", action, n)
			}
		}
	})
	t.Run("unusable directory", func(t *testing.T) {
		acctest.PreCheck(t)
		file := filepath.Join(t.TempDir(), "a-file")
		if err := os.WriteFile(file, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv("CLOUDQUOTA_CACHE_DIR", filepath.Join(file, "cache"))
		emu := acctest.StartEmulator(t, all.Options{})
		cacheTest(t, emu, `cache_ttl = "10m"`, nil)
	})
}

// Nothing in the shared directory names a credential, in any encoding the test can think of,
// and nothing is open to other users.
func TestAccSharedCache_noSecrets(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	cacheTest(t, emu, `cache_ttl = "10m"`, nil)
	var secrets [][]byte
	for _, c := range []emulator.Credential{emu.HuaweiCred, emu.TencentCred, emu.AlibabaCred} {
		for _, s := range []string{c.AccessKey, c.SecretKey} {
			secrets = append(secrets, []byte(s), bytes.ToLower([]byte(s)))
		}
	}
	files := 0
	err := filepath.WalkDir(os.Getenv("CLOUDQUOTA_CACHE_DIR"), func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %s: open to group or others", p, info.Mode().Perm())
		}
		for _, name := range [][]byte{[]byte(p)} {
			for _, s := range secrets {
				if bytes.Contains(name, s) {
					t.Errorf("the path %s names a credential", p)
				}
			}
		}
		if e.IsDir() {
			return nil
		}
		files++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if bytes.Contains(b, s) {
				t.Errorf("%s contains a credential", p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatal("the cache directory holds no file: the test proves nothing")
	}
}
