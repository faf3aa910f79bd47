package conns

import (
	"math"
	"testing"
	"time"
)

// A service's documented limit becomes its action's limiter, under the margin; an action
// without one gets the default, and regions share their API's limiter.
func TestLimiterRates(t *testing.T) {
	c := New(Settings{})
	documented := Operation{Cloud: "Tencent Cloud", Service: "TCSS", Action: "DescribeImageAuthorizedInfo",
		Limit: Limit{N: 20, Window: time.Second, Source: "test"}}
	undocumented := Operation{Cloud: "Huawei Cloud", Service: "HSS", Action: "ShowResourceQuotas"}
	perMinute := Operation{Cloud: "x", Service: "y", Action: "z", Limit: Limit{N: 60, Window: time.Minute}}
	for _, tc := range []struct {
		op   Operation
		want float64
	}{{documented, 18}, {undocumented, 9}, {perMinute, 0.9}} {
		if got := float64(c.limiter(tc.op).Limit()); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: %v requests/s, want %v", tc.op.Action, got, tc.want)
		}
	}
	other := documented
	other.Region = "ap-singapore"
	if c.limiter(other) != c.limiter(documented) {
		t.Error("regions must share an API's limiter")
	}
	if got := (Limits{}).For("Anything"); got != DefaultLimit {
		t.Errorf("undeclared action: %+v, want DefaultLimit", got)
	}
}
