package bssopenapi

import (
	"testing"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Alibaba publishes no limit for QueryAvailableInstances: the conservative default, named as
// such; and one BssOpenApi host per site.
func TestService(t *testing.T) {
	l := Service.Limits.For(actionQueryAvailableInstances)
	if l.N != conns.DefaultLimit.N || l.Window != conns.DefaultLimit.Window || l.Source == "" {
		t.Errorf("limit %+v, want the conservative default with its reason", l)
	}
	want := map[string]string{"cn": "business.aliyuncs.com", "intl": "business.ap-southeast-1.aliyuncs.com"}
	for site, host := range want {
		if Service.Sites[site] != host || Cloud.Host(site) != host {
			t.Errorf("site %s: host %q / %q, want %q", site, Service.Sites[site], Cloud.Host(site), host)
		}
	}
	if len(Service.Sites) != 2 || Cloud.Sites[0].Name != "cn" || Cloud.BatchSize != 100 {
		t.Errorf("sites %v, batch %d; want cn (default) and intl, 100", Service.Sites, Cloud.BatchSize)
	}
}
