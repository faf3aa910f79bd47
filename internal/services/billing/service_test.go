package billing

import (
	"testing"
	"time"
)

// Tencent documents 20 requests per second for DescribeRenewInstances, and one billing host
// per site.
func TestService(t *testing.T) {
	l := Service.Limits.For(actionDescribeRenewInstances)
	if l.N != 20 || l.Window != time.Second || l.Source == "" {
		t.Errorf("limit %+v, want 20 per second with its source", l)
	}
	want := map[string]string{"cn": "billing.tencentcloudapi.com", "intl": "billing.intl.tencentcloudapi.com"}
	if len(Service.Sites) != len(want) {
		t.Errorf("sites %v, want %v", Service.Sites, want)
	}
	for site, host := range want {
		if Service.Sites[site] != host || Cloud.Host(site) != host {
			t.Errorf("site %s: host %q / %q, want %q", site, Service.Sites[site], Cloud.Host(site), host)
		}
	}
	if Cloud.Sites[0].Name != "cn" || Cloud.BatchSize != 100 {
		t.Errorf("default site %q, batch %d; want cn and 100", Cloud.Sites[0].Name, Cloud.BatchSize)
	}
}
