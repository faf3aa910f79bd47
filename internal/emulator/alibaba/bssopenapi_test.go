package alibaba

import (
	"net/url"
	"testing"
	"time"
)

func bi(id, product, subscription, end string) BSSInstance {
	return BSSInstance{InstanceID: &id, ProductCode: &product, SubscriptionType: &subscription, EndTime: &end}
}

// QueryAvailableInstances as the API applies it: relative times resolved at the answer, the
// UTC window with both ends included, the product, id and subscription filters, the order
// by expiry, PageNum/PageSize paging with TotalCount, and its refusals.
func TestAvailableInstances(t *testing.T) {
	now := time.Date(2019, 9, 1, 16, 0, 0, 0, time.UTC)
	c := &Cloud{data: &Data{AvailableInstances: []BSSInstance{
		bi("c", "sas", "Subscription", "now+240h"),
		bi("a", "rds", "Subscription", "now-24h"),
		bi("b", "sas", "Subscription", "2019-10-01T16:00:00Z"),
		bi("d", "sas", "Subscription", "2019-10-01T16:00:01Z"),
		bi("e", "ecs", "PayAsYouGo", "now+24h"),
	}}}
	ids := func(d *bssData) (out []string) {
		for _, i := range d.InstanceList {
			out = append(out, *i.InstanceID)
		}
		return out
	}
	q := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	d, f := c.availableInstances(q("SubscriptionType", "Subscription"), now)
	if f != nil || d.TotalCount != 4 || len(ids(d)) != 4 || ids(d)[0] != "a" || d.PageSize != 20 || d.PageNum != 1 {
		t.Fatalf("subscriptions: %v %+v %v", ids(d), d, f)
	}
	if got := *d.InstanceList[1].EndTime; got != "2019-09-11T16:00:00Z" {
		t.Errorf("now+240h answered as %q", got)
	}
	if *c.data.AvailableInstances[0].EndTime != "now+240h" {
		t.Error("the answer changed the data's relative time")
	}
	d, _ = c.availableInstances(q("EndTimeStart", "2019-09-01T16:00:00Z", "EndTimeEnd", "2019-10-01T16:00:00Z", "ProductCode", "sas"), now)
	if got := ids(d); len(got) != 2 || got[0] != "c" || got[1] != "b" {
		t.Errorf("window and product: %v, want c and b", got)
	}
	d, _ = c.availableInstances(q("InstanceIDs", "a,d,e"), now)
	if got := ids(d); len(got) != 3 || d.TotalCount != 3 {
		t.Errorf("ids: %v", got)
	}
	d, _ = c.availableInstances(q("PageNum", "2", "PageSize", "3"), now)
	if got := ids(d); len(got) != 2 || d.TotalCount != 5 || got[1] != "d" {
		t.Errorf("page 2 of 3: %v (total %d)", got, d.TotalCount)
	}
	for _, bad := range []url.Values{
		q("PageSize", "301"), q("PageNum", "0"), q("EndTimeStart", "2019-09-01 16:00:00"), q("Region", "cn-hangzhou"),
	} {
		if _, f := c.availableInstances(bad, now); f == nil || f.Status != 400 {
			t.Errorf("%v: failure %v, want a 400", bad, f)
		}
	}
}
