package acctest

import (
	"fmt"
	"strings"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// Block is what one cloud's provider block sets. Empty fields are left out, so that the
// environment or the SDK chain supplies them.
type Block struct {
	Cred   emulator.Credential
	Region string
	// Endpoints points every service of the cloud at the emulator; without it the SDK's
	// region table decides where requests go.
	Endpoints bool
	// Extra is added inside the block as written.
	Extra string
}

// Provider is a provider block with settings at its top level (max_retries, insecure, ...)
// and the cloud blocks given.
func Provider(settings string, blocks ...string) string {
	return fmt.Sprintf("\nprovider \"cloudquota\" {\n  %s\n%s}\n", settings, strings.Join(blocks, ""))
}

// HuaweiBlock is a huaweicloud block; its endpoints cover HSS, MetaStudio, BSS and IAM.
func (e *Emulator) HuaweiBlock(b Block) string {
	return block("huaweicloud", "access_key", "secret_key", b, e.HuaweiEndpoints())
}

// TencentBlock is a tencentcloud block; its endpoints cover TCSS, CVM and VPC.
func (e *Emulator) TencentBlock(b Block) string {
	return block("tencentcloud", "secret_id", "secret_key", b, fmt.Sprintf("endpoints  = { tcss = %[1]q, cvm = %[1]q, vpc = %[1]q, billing = %[1]q }", e.URL))
}

// AlibabaBlock is an alicloud block.
func (e *Emulator) AlibabaBlock(b Block) string {
	return block("alicloud", "access_key", "secret_key", b, fmt.Sprintf("endpoints  = { sas = %[1]q, quotas = %[1]q, ecs = %[1]q, bssopenapi = %[1]q }", e.URL))
}

// block writes a cloud block; id and secret are the names the block gives the key pair.
func block(name, id, secret string, b Block, endpoints string) string {
	var s strings.Builder
	fmt.Fprintf(&s, "  %s {\n", name)
	for _, kv := range [][2]string{
		{"region", b.Region}, {id, b.Cred.AccessKey}, {secret, b.Cred.SecretKey}, {"security_token", b.Cred.SecurityToken},
	} {
		if kv[1] != "" {
			fmt.Fprintf(&s, "    %s = %q\n", kv[0], kv[1])
		}
	}
	if b.Endpoints {
		fmt.Fprintf(&s, "    %s\n", endpoints)
	}
	if b.Extra != "" {
		fmt.Fprintf(&s, "    %s\n", b.Extra)
	}
	s.WriteString("  }\n")
	return s.String()
}

// HuaweiEndpoints is the endpoints attribute pointing every Huawei service at the emulator.
func (e *Emulator) HuaweiEndpoints() string {
	return fmt.Sprintf(`endpoints = {
      hss        = %[1]q
      metastudio = %[1]q
      iam        = %[1]q
      ecs        = %[1]q
      vpc        = %[1]q
      evs        = %[1]q
      bss        = %[1]q
    }`, e.URL)
}

// HuaweiProvider is a provider block with credentials in HCL, the emulator's key pair and
// region cn-north-4; extra is added inside the huaweicloud block.
func (e *Emulator) HuaweiProvider(extra string) string {
	return e.HuaweiProviderWith(e.HuaweiCred, "cn-north-4", extra)
}

// HuaweiProviderWith is HuaweiProvider with a chosen credential and region.
func (e *Emulator) HuaweiProviderWith(cred emulator.Credential, region, extra string) string {
	return Provider("max_retries = 1", e.HuaweiBlock(Block{Cred: cred, Region: region, Endpoints: true, Extra: extra}))
}

// TencentProvider is a provider block with a tencentcloud block only: the emulator's key
// pair in HCL, region ap-guangzhou; extra is added inside the block.
func (e *Emulator) TencentProvider(extra string) string {
	return Provider("max_retries = 1", e.TencentBlock(Block{Cred: e.TencentCred, Region: "ap-guangzhou", Endpoints: true, Extra: extra}))
}

// AlibabaProvider is a provider block with an alicloud block only: the emulator's key pair
// in HCL, region cn-shanghai; extra is added inside the block.
func (e *Emulator) AlibabaProvider(extra string) string {
	return Provider("max_retries = 1", e.AlibabaBlock(Block{Cred: e.AlibabaCred, Region: "cn-shanghai", Endpoints: true, Extra: extra}))
}

// AllCloudsProvider is a provider block configuring all three clouds against the emulator
// with its key pairs in HCL; settings go at the provider's top level (max_retries,
// request_timeout).
func (e *Emulator) AllCloudsProvider(settings string) string {
	return e.AllCloudsProviderWith(e.HuaweiCred, e.TencentCred, e.AlibabaCred, settings)
}

// AllCloudsProviderWith is AllCloudsProvider with chosen key pairs; a security token is set
// where the credential has one.
func (e *Emulator) AllCloudsProviderWith(hw, tc, ali emulator.Credential, settings string) string {
	return Provider(settings,
		e.HuaweiBlock(Block{Cred: hw, Region: "cn-north-4", Endpoints: true}),
		e.TencentBlock(Block{Cred: tc, Region: "ap-guangzhou", Endpoints: true}),
		e.AlibabaBlock(Block{Cred: ali, Region: "cn-shanghai", Endpoints: true}))
}
