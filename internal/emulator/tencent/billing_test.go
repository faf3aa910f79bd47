package tencent

import (
	"testing"
	"time"
)

func renewData(list ...BillingRenewInstance) *Cloud {
	d := DefaultData()
	d.RenewInstances = list
	return &Cloud{data: &d}
}

func ri(id, flag, expire string) BillingRenewInstance {
	return BillingRenewInstance{InstanceId: &id, RenewFlag: &flag, ExpireTime: &expire}
}

func i64(v int64) *int64 { return &v }
func s(v string) *string { return &v }

// DescribeRenewInstances as the API applies it: relative times resolved at the answer, the
// Beijing-time window with both ends included, the id and flag filters, the order by
// expiry, and NextToken paging that ends with a null token.
func TestRenewInstances(t *testing.T) {
	now := time.Date(2025, 7, 1, 4, 0, 0, 0, time.UTC) // 12:00 Beijing time
	c := renewData(
		ri("c", "NOTIFY_AND_AUTO_RENEW", "now+240h"),
		ri("a", "NOTIFY_AND_MANUAL_RENEW", "now-24h"),
		ri("b", "NOTIFY_AND_MANUAL_RENEW", "2025-07-31 12:00:00"),
		ri("d", "NOTIFY_AND_MANUAL_RENEW", "2025-07-31 12:00:01"),
	)
	ids := func(p *renewInstancesPage) (out []string) {
		for _, i := range p.InstanceList {
			out = append(out, *i.InstanceId)
		}
		return out
	}
	page, err := c.renewInstances(describeRenewInstancesParams{MaxResults: i64(100)}, now)
	if err != nil || len(page.InstanceList) != 4 || page.NextToken != nil || ids(page)[0] != "a" || ids(page)[3] != "d" {
		t.Fatalf("all: %v %v", ids(page), err)
	}
	if got := *page.InstanceList[1].ExpireTime; got != "2025-07-11 12:00:00" {
		t.Errorf("now+240h answered as %q, want 2025-07-11 12:00:00 (Beijing time)", got)
	}
	if *c.data.RenewInstances[0].ExpireTime != "now+240h" {
		t.Error("the answer changed the data's relative time")
	}
	page, _ = c.renewInstances(describeRenewInstancesParams{MaxResults: i64(100),
		ExpireTimeStart: s("2025-07-01 12:00:00"), ExpireTimeEnd: s("2025-07-31 12:00:00")}, now)
	if got := ids(page); len(got) != 2 || got[0] != "c" || got[1] != "b" {
		t.Errorf("window: %v, want c and b", got)
	}
	page, _ = c.renewInstances(describeRenewInstancesParams{MaxResults: i64(100), InstanceIdList: []string{"a", "d"},
		RenewFlagList: []string{"NOTIFY_AND_MANUAL_RENEW"}}, now)
	if got := ids(page); len(got) != 2 || got[0] != "a" || got[1] != "d" {
		t.Errorf("filters: %v, want a and d", got)
	}
	var all []string
	p := describeRenewInstancesParams{MaxResults: i64(3)}
	for n := 0; ; n++ {
		page, err := c.renewInstances(p, now)
		if err != nil || n > 2 {
			t.Fatalf("paging: %v after %d pages", err, n)
		}
		all = append(all, ids(page)...)
		if page.NextToken == nil {
			break
		}
		p.NextToken = page.NextToken
	}
	if len(all) != 4 || all[3] != "d" {
		t.Errorf("pages: %v", all)
	}
	for _, bad := range []describeRenewInstancesParams{
		{MaxResults: i64(100), ExpireTimeStart: s("2025-07-01T12:00:00Z")},
		{MaxResults: i64(100), NextToken: s("not-a-token")},
	} {
		if _, err := c.renewInstances(bad, now); err == nil || err.Code != tcCodeInvalidParameter {
			t.Errorf("%+v: error %v, want InvalidParameter", bad, err)
		}
	}
}
