package sas

import (
	"encoding/json"
	"strings"
	"testing"
)

// Whatever JSON the API sends, mapping never panics, never yields null, and every code has
// a name.
func FuzzFlattenAuthSummary(f *testing.F) {
	f.Add([]byte(seedResponse))
	f.Add([]byte(`{"HighestVersion":"99","PostPaidHostAutoBind":"","VersionSummary":[{},{"Version":"-1"}]}`))
	f.Add([]byte(`{"Machine":null,"VersionSummary":null}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out authSummary
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m authSummaryModel
		flattenAuthSummary(&out, &m)
		if m.Machine == nil || m.VersionSummary == nil || m.PostPaidVersionSummary == nil {
			t.Fatalf("null object or list in %+v", m)
		}
		for _, n := range []string{m.HighestVersionName.ValueString(), m.PostPaidHighestVersionName.ValueString(),
			m.PostPaidHostAutoBindVersionName.ValueString()} {
			if n == "" || strings.Contains(n, " ") {
				t.Fatalf("bad version name %q", n)
			}
		}
		for _, v := range m.VersionSummary {
			if v.VersionName.ValueString() == "" || v.AuthBindType.IsNull() {
				t.Fatalf("null in %+v", v)
			}
		}
	})
}
