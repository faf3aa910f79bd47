package alicloudquotas_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

// The capacity guide's Alibaba Cloud example applies against the emulator's example data
// (12 security groups and 64 pay-as-you-go vCPUs left in cn-shanghai), and its
// preconditions stop a rollout that needs more.
func TestAccCapacityGuideAlibaba(t *testing.T) {
	acctest.PreCheck(t)
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "templates", "guides", "capacity-preconditions.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(raw), "\n## Alibaba Cloud\n")
	if !ok {
		t.Fatal("the guide has no Alibaba Cloud section")
	}
	_, block, ok := strings.Cut(section, "```terraform\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatal("the Alibaba Cloud section has no terraform example")
	}
	emu := acctest.StartEmulator(t, all.Options{Data: acctest.ExampleData(t)})
	cfg := emu.AlibabaProvider("") + block
	acctest.Run(t,
		resource.TestStep{Config: cfg, ConfigVariables: config.Variables{"vcpus": config.IntegerVariable(64)}},
		resource.TestStep{Config: cfg, ConfigVariables: config.Variables{"vcpus": config.IntegerVariable(65)},
			ExpectError: message(`65 pay-as-you-go vCPUs needed, 64 of 200 left.`)},
		resource.TestStep{Config: cfg, ConfigVariables: config.Variables{"security_groups": config.IntegerVariable(13)},
			ExpectError: message(`13 security groups needed, 12 of 100 left.`)},
	)
}

// message matches text however terraform wraps its lines.
func message(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}
