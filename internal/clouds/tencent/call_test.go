package tencent

import (
	"encoding/json"
	"testing"

	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"
)

// A typed SDK request is sent as the JSON body the SDK's own client would send, and a map
// as it is.
func TestActionParameters(t *testing.T) {
	typed := cvm.NewDescribeAccountQuotaRequest()
	name, zone := "zone", "ap-guangzhou-3"
	typed.Filters = []*cvm.Filter{{Name: &name, Values: []*string{&zone}}}
	cases := []struct {
		name string
		req  any
		want string
	}{
		{"typed request", typed, `{"Filters":[{"Name":"zone","Values":["ap-guangzhou-3"]}]}`},
		{"typed request without parameters", cvm.NewDescribeAccountQuotaRequest(), `{}`},
		{"map", map[string]any{"Product": "vpc"}, `{"Product":"vpc"}`},
		{"nil", nil, `{}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body, err := actionParameters(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			raw, ok := body.([]byte)
			if !ok {
				if raw, err = json.Marshal(body); err != nil {
					t.Fatal(err)
				}
			}
			if string(raw) != tc.want {
				t.Errorf("body %s, want %s", raw, tc.want)
			}
		})
	}
}
