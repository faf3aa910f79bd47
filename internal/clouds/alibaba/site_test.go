package alibaba

import (
	"context"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

var testBSS = &Service{Name: "BssOpenApi", Title: "Expenses and Costs", Product: "BssOpenApi", Endpoint: "bssopenapi",
	APIVersion: "2017-12-14", Sites: map[string]string{"cn": "business.aliyuncs.com", "intl": "business.ap-southeast-1.aliyuncs.com"}}

// A global service resolves to its site's host over HTTPS (or its override) with no region,
// whatever region is configured.
func TestResolveSite(t *testing.T) {
	for _, tc := range []struct {
		site, override, wantHost, wantProtocol string
	}{
		{"cn", "", "business.aliyuncs.com", "https"},
		{"intl", "", "business.ap-southeast-1.aliyuncs.com", "https"},
		{"intl", "http://127.0.0.1:9", "127.0.0.1:9", "http"},
	} {
		settings := conns.Settings{RequestTimeout: 5 * time.Second}
		a := newClients(settings, Config{Region: "xx-nowhere-1", AccessKey: "ak", SecretKey: "sk",
			Endpoints: map[string]string{"bssopenapi": tc.override}})
		oc, err := a.resolveSite(context.Background(), testBSS, tc.site)
		if err != nil {
			t.Fatal(err)
		}
		if dara.StringValue(oc.Endpoint) != tc.wantHost || dara.StringValue(oc.Protocol) != tc.wantProtocol || oc.RegionId != nil {
			t.Errorf("%s %s: endpoint %q %q, region %v", tc.site, tc.override, dara.StringValue(oc.Endpoint),
				dara.StringValue(oc.Protocol), oc.RegionId)
		}
	}
}
