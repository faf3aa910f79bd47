package provider_test

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

// The three data sources, one per cloud, that these tests read.
const oneReadPerCloud = `
data "cloudquota_hss_resource_quotas" "hw" {}
data "cloudquota_tcss_image_authorized_info" "tc" {}
data "cloudquota_sas_auth_summary" "ali" {}
`

// credentialsOnly is a provider block of the emulator's key pairs and regions and no
// endpoints at all: what a module that knows nothing of the emulator configures.
func credentialsOnly(emu *acctest.Emulator) string {
	return acctest.Provider("max_retries = 1",
		emu.HuaweiBlock(acctest.Block{Cred: emu.HuaweiCred, Region: "cn-north-4"}),
		emu.TencentBlock(acctest.Block{Cred: emu.TencentCred, Region: "ap-guangzhou"}),
		emu.AlibabaBlock(acctest.Block{Cred: emu.AlibabaCred, Region: "cn-shanghai"}))
}

// deadURL is a loopback address nothing listens on: a read sent there fails at once.
const deadURL = "http://127.0.0.1:1"

// Endpoints from the environment, HCL first: CLOUDQUOTA_ENDPOINT alone points every service
// of every cloud (Huawei's IAM project lookup included) at one emulator; a service's own
// variable wins over it, and HCL over both.
func TestAccEndpoints_fromEnvironment(t *testing.T) {
	cases := []struct {
		name   string
		env    func(emu *acctest.Emulator) map[string]string
		config func(emu *acctest.Emulator) string
	}{
		{"CLOUDQUOTA_ENDPOINT for every service of every cloud",
			func(emu *acctest.Emulator) map[string]string {
				return map[string]string{"CLOUDQUOTA_ENDPOINT": emu.URL}
			},
			credentialsOnly},
		{"a service's own variable wins over CLOUDQUOTA_ENDPOINT",
			func(emu *acctest.Emulator) map[string]string {
				return map[string]string{
					"CLOUDQUOTA_ENDPOINT":                 deadURL,
					"CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_HSS": emu.URL, "CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_IAM": emu.URL,
					"CLOUDQUOTA_TENCENTCLOUD_ENDPOINT_TCSS": emu.URL, "CLOUDQUOTA_ALICLOUD_ENDPOINT_SAS": emu.URL,
				}
			},
			credentialsOnly},
		{"HCL wins over both",
			func(*acctest.Emulator) map[string]string {
				return map[string]string{
					"CLOUDQUOTA_ENDPOINT": deadURL, "CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_HSS": deadURL,
					"CLOUDQUOTA_TENCENTCLOUD_ENDPOINT_TCSS": deadURL, "CLOUDQUOTA_ALICLOUD_ENDPOINT_SAS": deadURL,
				}
			},
			func(emu *acctest.Emulator) string { return emu.AllCloudsProvider("max_retries = 1") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			acctest.PreCheck(t)
			emu := acctest.StartEmulator(t, all.Options{})
			for k, v := range tc.env(emu) {
				t.Setenv(k, v)
			}
			acctest.Run(t, resource.TestStep{
				Config: tc.config(emu) + oneReadPerCloud,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("data.cloudquota_hss_resource_quotas.hw", "region", knownvalue.StringExact("cn-north-4")),
					acctest.Expect("data.cloudquota_tcss_image_authorized_info.tc", "region", knownvalue.StringExact("ap-guangzhou")),
					acctest.Expect("data.cloudquota_sas_auth_summary.ali", "region", knownvalue.StringExact("cn-shanghai")),
				},
			})
			for _, action := range []string{"KeystoneListProjects", "ShowResourceQuotas", "DescribeImageAuthorizedInfo", "GetAuthSummary"} {
				if len(arrivals(emu, action)) == 0 {
					t.Errorf("the emulator saw no %s: that read went elsewhere", action)
				}
			}
		})
	}
}

// A variable that is not a URL is refused before any request, naming the variable.
func TestAccEndpoints_badVariable(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	t.Setenv("CLOUDQUOTA_ENDPOINT", strings.TrimPrefix(emu.URL, "http://"))
	acctest.Run(t, resource.TestStep{
		Config:      credentialsOnly(emu) + oneReadPerCloud,
		ExpectError: regexp.MustCompile(`(?s)Invalid CLOUDQUOTA_ENDPOINT.*must be an absolute http:// or https:// URL`),
	})
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests were sent for an invalid CLOUDQUOTA_ENDPOINT", n)
	}
}

// A typo in an endpoints key is an error at plan time that names the known keys (and the
// nearest), for every cloud, and no request is sent: before, Terraform dropped the unknown
// key and that service's reads went to the real cloud.
func TestAccEndpoints_unknownKey(t *testing.T) {
	cases := []struct {
		block, typo, nearest, known string
		provider                    func(emu *acctest.Emulator, extra string) string
		read                        string
	}{
		{"huaweicloud", "metastudo", "metastudio", `hss.*iam.*metastudio`, func(emu *acctest.Emulator, extra string) string {
			return acctest.Provider("", emu.HuaweiBlock(acctest.Block{Cred: emu.HuaweiCred, Region: "cn-north-4", Extra: extra}))
		}, `data "cloudquota_metastudio_expiring_resources" "test" {}`},
		{"tencentcloud", "tcs", "tcss", `sts.*tcss`, func(emu *acctest.Emulator, extra string) string {
			return acctest.Provider("", emu.TencentBlock(acctest.Block{Cred: emu.TencentCred, Region: "ap-guangzhou", Extra: extra}))
		}, `data "cloudquota_tcss_image_authorized_info" "test" {}`},
		{"alicloud", "sass", "sas", `sas.*sts`, func(emu *acctest.Emulator, extra string) string {
			return acctest.Provider("", emu.AlibabaBlock(acctest.Block{Cred: emu.AlibabaCred, Region: "cn-shanghai", Extra: extra}))
		}, `data "cloudquota_sas_auth_summary" "test" {}`},
	}
	for _, tc := range cases {
		t.Run(tc.block, func(t *testing.T) {
			acctest.PreCheck(t)
			emu := acctest.StartEmulator(t, all.Options{})
			acctest.Run(t, resource.TestStep{
				Config: tc.provider(emu, fmt.Sprintf("endpoints = { %s = %q }", tc.typo, emu.URL)) + tc.read + "\n",
				ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)Unknown endpoints key.*%q is not an endpoints key of\s+the\s+%s\s+block.*`+
					`Did\s+you\s+mean\s+%q\?.*Known\s+keys:.*%s`, tc.typo, tc.block, tc.nearest, tc.known)),
			})
			if n := len(emu.Requests()); n != 0 {
				t.Errorf("%d requests were sent for a configuration with an unknown endpoints key", n)
			}
		})
	}
}

// An endpoint that accepts connections and never answers: each attempt runs into
// request_timeout, and the diagnostic says so with the number of attempts.
func TestAccEndpoints_stalledEndpointNamesRequestTimeout(t *testing.T) {
	acctest.PreCheck(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, never answered, until the test ends
		}
	}()
	stalled := "http://" + ln.Addr().String()
	emu := acctest.StartEmulator(t, all.Options{})
	config := acctest.Provider(`max_retries = 1
  request_timeout = "1s"`, emu.AlibabaBlock(acctest.Block{Cred: emu.AlibabaCred, Region: "cn-shanghai",
		Extra: fmt.Sprintf("endpoints = { sas = %q }", stalled)}))
	acctest.Run(t, resource.TestStep{
		Config: config + `data "cloudquota_sas_auth_summary" "ali" {}` + "\n",
		ExpectError: regexp.MustCompile(`(?s)GetAuthSummary failed.*no\s+answer\s+within\s+request_timeout\s+\(1s\)\s+on\s+any\s+of\s+2\s+attempt\(s\)` +
			`.*Attempts:\s+2.*Each\s+attempt\s+ran\s+into\s+request_timeout\s+\(1s\).*2\s+attempt\(s\)\s+in\s+all`),
	})
}
