package sas

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// seedResponse is seed 002's example.
var seedResponse = seeds.SASAuthSummary

func decode(t testing.TB, raw string) *authSummary { return attrstest.Decode[authSummary](t, raw) }

func TestFlattenAuthSummary(t *testing.T) {
	i, s, b := types.Int64Value, types.StringValue, types.BoolValue
	tens := &machineModel{
		RiskCoreCount: i(10), BindCoreCount: i(10), TotalEcsCount: i(10), BindEcsCount: i(10), TotalCoreCount: i(10),
		RiskEcsCount: i(10), UnbindEcsCount: i(10), UnbindCoreCount: i(10), PostPaidBindCoreCount: i(10),
		PostPaidBindEcsCount: i(10),
	}
	zeros := &machineModel{
		RiskCoreCount: i(0), BindCoreCount: i(0), TotalEcsCount: i(0), BindEcsCount: i(0), TotalCoreCount: i(0),
		RiskEcsCount: i(0), UnbindEcsCount: i(0), UnbindCoreCount: i(0), PostPaidBindCoreCount: i(0),
		PostPaidBindEcsCount: i(0),
	}
	cases := []struct {
		name string
		in   *authSummary
		want authSummaryModel
	}{
		{
			name: "seed example: flags as booleans, string codes as numbers, names for codes",
			in:   decode(t, seedResponse),
			want: authSummaryModel{
				DefaultAuthToAll: b(true), AllowPartialBuy: b(true), AllowUpgradePartialBuy: b(true),
				HasPreBindSetting: b(true), IsMultiVersion: b(true), AutoBind: b(true), AllowUserUnbind: b(true),
				PostPaidHostAutoBind: b(true),
				HighestVersion:       i(1), HighestVersionName: s("free"),
				PostPaidHostAutoBindVersion: i(7), PostPaidHostAutoBindVersionName: s("ultimate"),
				PostPaidHighestVersion: i(7), PostPaidHighestVersionName: s("ultimate"),
				Machine: tens,
				VersionSummary: []versionSummaryModel{{
					Index: i(1), Version: i(3), VersionName: s("enterprise"), AuthBindType: s("ASSET"),
					UsedCoreCount: i(10), UnusedCount: i(10), UsedEcsCount: i(10), TotalCount: i(10),
					TotalEcsAuthCount: i(10), TotalCoreAuthCount: i(10), UnusedEcsAuthCount: i(10),
					UnusedCoreAuthCount: i(10),
				}},
				PostPaidVersionSummary: []postPaidVersionSummaryModel{{
					Index: i(1), Version: i(3), VersionName: s("enterprise"), AuthBindType: s("ASSET"),
					UsedCoreCount: i(10), UsedEcsCount: i(10),
				}},
			},
		},
		{
			name: "nothing sent: false, zeros, none, empty lists",
			in:   decode(t, `{}`),
			want: authSummaryModel{
				DefaultAuthToAll: b(false), AllowPartialBuy: b(false), AllowUpgradePartialBuy: b(false),
				HasPreBindSetting: b(false), IsMultiVersion: b(false), AutoBind: b(false), AllowUserUnbind: b(false),
				PostPaidHostAutoBind: b(false),
				HighestVersion:       i(0), HighestVersionName: s("none"),
				PostPaidHostAutoBindVersion: i(0), PostPaidHostAutoBindVersionName: s("none"),
				PostPaidHighestVersion: i(0), PostPaidHighestVersionName: s("none"),
				Machine: zeros, VersionSummary: []versionSummaryModel{}, PostPaidVersionSummary: []postPaidVersionSummaryModel{},
			},
		},
		{
			name: "unknown codes are named as such; numbers may arrive as strings and flags as strings",
			in: decode(t, `{"HighestVersion":"9","PostPaidHostAutoBind":"0","PostPaidHostAutoBindVersion":"",
				"PostPaidHighestVersion":10,"DefaultAuthToAll":"1","HasPreBindSetting":0,
				"VersionSummary":[{"Version":42}],"PostPaidVersionSummary":[{}]}`),
			want: authSummaryModel{
				DefaultAuthToAll: b(true), AllowPartialBuy: b(false), AllowUpgradePartialBuy: b(false),
				HasPreBindSetting: b(false), IsMultiVersion: b(false), AutoBind: b(false), AllowUserUnbind: b(false),
				PostPaidHostAutoBind: b(false),
				HighestVersion:       i(9), HighestVersionName: s("unknown_9"),
				PostPaidHostAutoBindVersion: i(0), PostPaidHostAutoBindVersionName: s("none"),
				PostPaidHighestVersion: i(10), PostPaidHighestVersionName: s("value_added_only"),
				Machine: zeros,
				VersionSummary: []versionSummaryModel{{
					Index: i(0), Version: i(42), VersionName: s("unknown_42"), AuthBindType: s(""),
					UsedCoreCount: i(0), UnusedCount: i(0), UsedEcsCount: i(0), TotalCount: i(0),
					TotalEcsAuthCount: i(0), TotalCoreAuthCount: i(0), UnusedEcsAuthCount: i(0),
					UnusedCoreAuthCount: i(0),
				}},
				PostPaidVersionSummary: []postPaidVersionSummaryModel{{
					Index: i(0), Version: i(0), VersionName: s("none"), AuthBindType: s(""),
					UsedCoreCount: i(0), UsedEcsCount: i(0),
				}},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := authSummaryModel{Timeouts: tc.want.Timeouts} // the configuration's, kept
			flattenAuthSummary(tc.in, &got)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestFlexDecoding(t *testing.T) {
	ints := []struct {
		raw  string
		want int64
		ok   bool
	}{
		{`7`, 7, true}, {`"7"`, 7, true}, {`" 7 "`, 7, true}, {`""`, 0, true}, {`1e3`, 1000, true},
		{`-3`, -3, true}, {`1.5`, 0, false}, {`"x"`, 0, false}, {`true`, 0, false}, {`{}`, 0, false},
	}
	for _, tc := range ints {
		var f flexInt
		err := json.Unmarshal([]byte(tc.raw), &f)
		if (err == nil) != tc.ok || (tc.ok && int64(f) != tc.want) {
			t.Errorf("flexInt %s = %d, %v; want %d, ok %v", tc.raw, f, err, tc.want, tc.ok)
		}
	}
	bools := []struct {
		raw  string
		want bool
		ok   bool
	}{
		{`1`, true, true}, {`0`, false, true}, {`"1"`, true, true}, {`"0"`, false, true}, {`true`, true, true},
		{`false`, false, true}, {`""`, false, true}, {`"yes"`, false, false},
	}
	for _, tc := range bools {
		var f flexBool
		err := json.Unmarshal([]byte(tc.raw), &f)
		if (err == nil) != tc.ok || (tc.ok && bool(f) != tc.want) {
			t.Errorf("flexBool %s = %v, %v; want %v, ok %v", tc.raw, f, err, tc.want, tc.ok)
		}
	}
}

// The model struct must match the schema exactly; State.Set refuses any missing or extra field.
func TestModelMatchesSchema(t *testing.T) {
	m := authSummaryModel{Timeouts: attrs.NullTimeouts()}
	flattenAuthSummary(decode(t, seedResponse), &m)
	m.ID, m.Region = types.StringValue("cn-shanghai"), types.StringValue("cn-shanghai")
	attrstest.CheckModel(t, NewAuthSummaryDataSource(), &m)
}
