package attrs

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A nearby known name is suggested for a typo; a name far from every known one gets nothing.
func TestSuggest(t *testing.T) {
	regions := []string{"ap-southeast-1", "cn-north-1", "cn-north-4", "cn-south-1", "ap-guangzhou"}
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"cn-nort-4", `Did you mean "cn-north-4"? `},
		{"CN-NORTH-4", `Did you mean "cn-north-4"? `}, // regions are case-sensitive; the table's spelling
		{"ap-guangzou", `Did you mean "ap-guangzhou"? `},
		{"metastudo", `Did you mean "metastudio"? `},
		{"eu-west-0", ""},
		{"", ""},
	} {
		known := regions
		if tc.in == "metastudo" {
			known = []string{"hss", "iam", "metastudio"}
		}
		got := Suggest(tc.in, known)
		if got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEndpointEnv(t *testing.T) {
	for block, key := range map[string]string{"huaweicloud": "hss", "alicloud": "sts", "tencentcloud": "cvm-x"} {
		got := EndpointEnv(block, key)
		want := "CLOUDQUOTA_" + strings.ToUpper(block) + "_ENDPOINT_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
		if got != want {
			t.Errorf("EndpointEnv(%q, %q) = %q, want %q", block, key, got, want)
		}
	}
}

// The endpoints map refuses an unknown key, naming the known ones (and the nearest), and
// checks each known key's URL with that key's own validator.
func TestEndpointsValidator(t *testing.T) {
	eps := []Endpoint{
		{Key: "hss", Validator: urlValidator{}}, {Key: "metastudio", Validator: urlValidator{}}, {Key: "iam"},
	}
	mapAttr := EndpointsAttribute("huaweicloud", eps)
	for _, tc := range []struct {
		name   string
		values map[string]string
		want   []string // substrings of the one error; nil = valid
	}{
		{"known keys", map[string]string{"hss": "http://x", "iam": "anything"}, nil},
		{"typo", map[string]string{"metastudo": "http://x"}, []string{
			`"metastudo" is not an endpoints key of the huaweicloud block`, `Did you mean "metastudio"?`,
			"Known keys: hss, iam, metastudio.",
		}},
		{"a known key's bad URL", map[string]string{"hss": "not a url"}, []string{"bad URL"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vals := map[string]attr.Value{}
			for k, v := range tc.values {
				vals[k] = types.StringValue(v)
			}
			req := validator.MapRequest{Path: path.Root("huaweicloud").AtName("endpoints"),
				ConfigValue: types.MapValueMust(types.StringType, vals)}
			resp := &validator.MapResponse{}
			for _, v := range mapAttr.Validators {
				v.ValidateMap(context.Background(), req, resp)
			}
			if tc.want == nil {
				if resp.Diagnostics.HasError() {
					t.Fatalf("unexpected: %v", resp.Diagnostics)
				}
				return
			}
			if resp.Diagnostics.ErrorsCount() != 1 {
				t.Fatalf("diagnostics = %v, want one error", resp.Diagnostics)
			}
			text := resp.Diagnostics[0].Summary() + " " + resp.Diagnostics[0].Detail()
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("error lacks %q: %s", w, text)
				}
			}
		})
	}
	if d := mapAttr.MarkdownDescription; !strings.Contains(d, "`CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_HSS`") ||
		!strings.Contains(d, "`CLOUDQUOTA_ENDPOINT`") {
		t.Errorf("description does not name the variables: %s", d)
	}
}

// urlValidator refuses values without "://".
type urlValidator struct{}

func (urlValidator) Description(context.Context) string         { return "a URL" }
func (urlValidator) MarkdownDescription(context.Context) string { return "a URL" }
func (urlValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !strings.Contains(req.ConfigValue.ValueString(), "://") {
		resp.Diagnostics.AddAttributeError(req.Path, "bad URL", req.ConfigValue.ValueString())
	}
}
