package sas

import "testing"

// Security Center's documented endpoints: Singapore and Kuala Lumpur their own, the others central.
func TestServiceHosts(t *testing.T) {
	for region, want := range map[string]string{
		"cn-shanghai":    "tds.aliyuncs.com",
		"cn-hangzhou":    "tds.aliyuncs.com",
		"ap-southeast-1": "tds.ap-southeast-1.aliyuncs.com",
		"ap-southeast-3": "tds.ap-southeast-3.aliyuncs.com",
	} {
		if got := Service.Hosts[region]; got != want {
			t.Errorf("%s: %q, want %q", region, got, want)
		}
	}
	if n := len(Service.Regions()); n != 28 {
		t.Errorf("%d regions, want the 28 documented", n)
	}
}
