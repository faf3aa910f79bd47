package tcss

import (
	"testing"
	"time"
)

// Tencent documents 20 requests per second for DescribeImageAuthorizedInfo.
func TestServiceRateLimit(t *testing.T) {
	l := Service.Limits.For("DescribeImageAuthorizedInfo")
	if l.N != 20 || l.Window != time.Second || l.Source == "" {
		t.Errorf("limit %+v, want 20 per second with its source", l)
	}
}
