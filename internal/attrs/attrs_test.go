package attrs

import (
	"math"
	"testing"
)

func TestZeroRules(t *testing.T) {
	n, s, b := int32(7), "x", true
	if Int64(nil).ValueInt64() != 0 || Int64(&n).ValueInt64() != 7 {
		t.Error("Int64")
	}
	if String(nil).IsNull() || String(nil).ValueString() != "" || String(&s).ValueString() != "x" {
		t.Error("String")
	}
	if Bool(nil).IsNull() || Bool(nil).ValueBool() || !Bool(&b).ValueBool() {
		t.Error("Bool")
	}
}

func TestInt64FromFloat(t *testing.T) {
	cases := []struct {
		in   float32
		want int64
	}{
		{0, 0},
		{1, 1},
		{2147483647, 2147483648}, // float32 cannot hold 2^31-1; the SDK's type is the limit
		{16777216, 16777216},
		{0.9999999, 1},
		{float32(math.NaN()), 0},
		{float32(math.Inf(1)), math.MaxInt64},
		{float32(math.Inf(-1)), math.MinInt64},
		{3.4e38, math.MaxInt64},
	}
	for _, tc := range cases {
		if got := Int64FromFloat(tc.in).ValueInt64(); got != tc.want {
			t.Errorf("Int64FromFloat(%g) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestBeijingTime(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"2024-12-24 13:01:18", "2024-12-24T13:01:18+08:00", true},
		{"2024-02-29 00:00:00", "2024-02-29T00:00:00+08:00", true},
		{"2022-09-17T17:00:24Z", "2022-09-17T17:00:24Z", true},
		{"2022-09-17T17:00:24+08:00", "2022-09-17T17:00:24+08:00", true},
		{"", "", true},
		{"2023-02-29 00:00:00", "2023-02-29 00:00:00", false},
		{"24/12/2024", "24/12/2024", false},
	}
	for _, tc := range cases {
		got, ok := BeijingTime(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("BeijingTime(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
