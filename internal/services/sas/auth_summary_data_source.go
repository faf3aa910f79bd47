// Package sas holds the Alibaba Cloud Security Center (Sas) data sources.
package sas

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

var _ datasource.DataSourceWithConfigure = (*authSummaryDataSource)(nil)

// NewAuthSummaryDataSource is the factory for cloudquota_sas_auth_summary.
func NewAuthSummaryDataSource() datasource.DataSource {
	return &authSummaryDataSource{conns.DataSource{TypeName: "_sas_auth_summary"}}
}

type authSummaryDataSource struct{ conns.DataSource }

// VersionNames names Security Center's edition codes, as GetAuthSummary documents them.
var VersionNames = map[int64]string{
	1:  "free",
	3:  "enterprise",
	5:  "advanced",
	6:  "anti_virus",
	7:  "ultimate",
	8:  "multi_version",
	10: "value_added_only",
}

// versionName names a code; 0 (absent) is "none", and a code the docs do not list is
// "unknown_<code>", so a new edition reads as new rather than failing the plan.
func versionName(code int64) string {
	if code == 0 {
		return "none"
	}
	if n, ok := VersionNames[code]; ok {
		return n
	}
	return "unknown_" + strconv.FormatInt(code, 10)
}

// versionNamesDoc lists the codes for attribute descriptions.
func versionNamesDoc() string {
	codes := make([]int64, 0, len(VersionNames))
	for c := range VersionNames {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool { return codes[i] < codes[j] })
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("`%d` `%s`", c, VersionNames[c])
	}
	return strings.Join(parts, ", ")
}

// authSummary is GetAuthSummary's answer, every field the API documents, in the API's
// spelling. The generated Sas SDK module is not available, so the generic OpenAPI client's
// body is decoded into this type of ours.
type authSummary struct {
	RequestID                   *string                  `json:"RequestId"`
	DefaultAuthToAll            *flexBool                `json:"DefaultAuthToAll"`
	AllowPartialBuy             *flexBool                `json:"AllowPartialBuy"`
	AllowUpgradePartialBuy      *flexBool                `json:"AllowUpgradePartialBuy"`
	HasPreBindSetting           *flexBool                `json:"HasPreBindSetting"`
	IsMultiVersion              *flexBool                `json:"IsMultiVersion"`
	AutoBind                    *flexBool                `json:"AutoBind"`
	HighestVersion              *flexInt                 `json:"HighestVersion"`
	Machine                     *machine                 `json:"Machine"`
	VersionSummary              []versionSummary         `json:"VersionSummary"`
	AllowUserUnbind             *flexBool                `json:"AllowUserUnbind"`
	PostPaidVersionSummary      []postPaidVersionSummary `json:"PostPaidVersionSummary"`
	PostPaidHostAutoBind        *flexBool                `json:"PostPaidHostAutoBind"`
	PostPaidHostAutoBindVersion *flexInt                 `json:"PostPaidHostAutoBindVersion"`
	PostPaidHighestVersion      *flexInt                 `json:"PostPaidHighestVersion"`
}

type machine struct {
	RiskCoreCount         *flexInt `json:"RiskCoreCount"`
	BindCoreCount         *flexInt `json:"BindCoreCount"`
	TotalEcsCount         *flexInt `json:"TotalEcsCount"`
	BindEcsCount          *flexInt `json:"BindEcsCount"`
	TotalCoreCount        *flexInt `json:"TotalCoreCount"`
	RiskEcsCount          *flexInt `json:"RiskEcsCount"`
	UnBindEcsCount        *flexInt `json:"UnBindEcsCount"`
	UnBindCoreCount       *flexInt `json:"UnBindCoreCount"`
	PostPaidBindCoreCount *flexInt `json:"PostPaidBindCoreCount"`
	PostPaidBindEcsCount  *flexInt `json:"PostPaidBindEcsCount"`
}

type versionSummary struct {
	Index               *flexInt `json:"Index"`
	Version             *flexInt `json:"Version"`
	UsedCoreCount       *flexInt `json:"UsedCoreCount"`
	UnUsedCount         *flexInt `json:"UnUsedCount"`
	UsedEcsCount        *flexInt `json:"UsedEcsCount"`
	TotalCount          *flexInt `json:"TotalCount"`
	TotalEcsAuthCount   *flexInt `json:"TotalEcsAuthCount"`
	TotalCoreAuthCount  *flexInt `json:"TotalCoreAuthCount"`
	UnusedEcsAuthCount  *flexInt `json:"UnusedEcsAuthCount"`
	UnusedCoreAuthCount *flexInt `json:"UnusedCoreAuthCount"`
	AuthBindType        *string  `json:"AuthBindType"`
}

type postPaidVersionSummary struct {
	AuthBindType  *string  `json:"AuthBindType"`
	Version       *flexInt `json:"Version"`
	Index         *flexInt `json:"Index"`
	UsedCoreCount *flexInt `json:"UsedCoreCount"`
	UsedEcsCount  *flexInt `json:"UsedEcsCount"`
}

type authSummaryModel struct {
	ID                              types.String                  `tfsdk:"id"`
	Region                          types.String                  `tfsdk:"region"`
	Timeouts                        timeouts.Value                `tfsdk:"timeouts"`
	DefaultAuthToAll                types.Bool                    `tfsdk:"default_auth_to_all"`
	AllowPartialBuy                 types.Bool                    `tfsdk:"allow_partial_buy"`
	AllowUpgradePartialBuy          types.Bool                    `tfsdk:"allow_upgrade_partial_buy"`
	HasPreBindSetting               types.Bool                    `tfsdk:"has_pre_bind_setting"`
	IsMultiVersion                  types.Bool                    `tfsdk:"is_multi_version"`
	AutoBind                        types.Bool                    `tfsdk:"auto_bind"`
	AllowUserUnbind                 types.Bool                    `tfsdk:"allow_user_unbind"`
	PostPaidHostAutoBind            types.Bool                    `tfsdk:"post_paid_host_auto_bind"`
	HighestVersion                  types.Int64                   `tfsdk:"highest_version"`
	HighestVersionName              types.String                  `tfsdk:"highest_version_name"`
	PostPaidHostAutoBindVersion     types.Int64                   `tfsdk:"post_paid_host_auto_bind_version"`
	PostPaidHostAutoBindVersionName types.String                  `tfsdk:"post_paid_host_auto_bind_version_name"`
	PostPaidHighestVersion          types.Int64                   `tfsdk:"post_paid_highest_version"`
	PostPaidHighestVersionName      types.String                  `tfsdk:"post_paid_highest_version_name"`
	Machine                         *machineModel                 `tfsdk:"machine"`
	VersionSummary                  []versionSummaryModel         `tfsdk:"version_summary"`
	PostPaidVersionSummary          []postPaidVersionSummaryModel `tfsdk:"post_paid_version_summary"`
}

type machineModel struct {
	RiskCoreCount         types.Int64 `tfsdk:"risk_core_count"`
	BindCoreCount         types.Int64 `tfsdk:"bind_core_count"`
	TotalEcsCount         types.Int64 `tfsdk:"total_ecs_count"`
	BindEcsCount          types.Int64 `tfsdk:"bind_ecs_count"`
	TotalCoreCount        types.Int64 `tfsdk:"total_core_count"`
	RiskEcsCount          types.Int64 `tfsdk:"risk_ecs_count"`
	UnbindEcsCount        types.Int64 `tfsdk:"unbind_ecs_count"`
	UnbindCoreCount       types.Int64 `tfsdk:"unbind_core_count"`
	PostPaidBindCoreCount types.Int64 `tfsdk:"post_paid_bind_core_count"`
	PostPaidBindEcsCount  types.Int64 `tfsdk:"post_paid_bind_ecs_count"`
}

type versionSummaryModel struct {
	Index               types.Int64  `tfsdk:"index"`
	Version             types.Int64  `tfsdk:"version"`
	VersionName         types.String `tfsdk:"version_name"`
	AuthBindType        types.String `tfsdk:"auth_bind_type"`
	UsedCoreCount       types.Int64  `tfsdk:"used_core_count"`
	UnusedCount         types.Int64  `tfsdk:"unused_count"`
	UsedEcsCount        types.Int64  `tfsdk:"used_ecs_count"`
	TotalCount          types.Int64  `tfsdk:"total_count"`
	TotalEcsAuthCount   types.Int64  `tfsdk:"total_ecs_auth_count"`
	TotalCoreAuthCount  types.Int64  `tfsdk:"total_core_auth_count"`
	UnusedEcsAuthCount  types.Int64  `tfsdk:"unused_ecs_auth_count"`
	UnusedCoreAuthCount types.Int64  `tfsdk:"unused_core_auth_count"`
}

type postPaidVersionSummaryModel struct {
	Index         types.Int64  `tfsdk:"index"`
	Version       types.Int64  `tfsdk:"version"`
	VersionName   types.String `tfsdk:"version_name"`
	AuthBindType  types.String `tfsdk:"auth_bind_type"`
	UsedCoreCount types.Int64  `tfsdk:"used_core_count"`
	UsedEcsCount  types.Int64  `tfsdk:"used_ecs_count"`
}

func (d *authSummaryDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	flag := func(what, api string) schema.BoolAttribute {
		return schema.BoolAttribute{
			MarkdownDescription: what + " (`" + api + "`, a 0/1 flag in the API).",
			Computed:            true,
		}
	}
	code := func(what, api string) schema.Int64Attribute {
		return attrs.Count(what + " (`" + api + "`): an edition code, named in the `_name` twin.")
	}
	name := func(of string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: "Name of `" + of + "`: " + versionNamesDoc() + "; `none` for `0` (not reported), " +
				"and `unknown_<code>` for a code the API documentation does not list.",
			Computed: true,
		}
	}
	bindType := schema.StringAttribute{
		MarkdownDescription: "What binding consumes (`AuthBindType`), as the API sends it: `ASSET` (servers), " +
			"`CORE` (cores) or `ASSET_AND_CORE`.",
		Computed: true,
	}
	index := attrs.Count("Rank of the edition (`Index`), higher is a higher edition: `1` free, `2` anti-virus, " +
		"`3` advanced, `4` enterprise, `5` ultimate.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Licence (authorization) summary of Alibaba Cloud Security Center (API `GetAuthSummary`, " +
			"product Sas, version 2018-12-03): editions bought, servers and cores bound and unbound, and per-edition " +
			"usage for subscription and pay-as-you-go.\n\n" + attrs.ZeroRule,
		Blocks: map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: map[string]schema.Attribute{
			"id":                        attrs.ID(),
			"region":                    attrs.Region("Alibaba Cloud", "ALICLOUD_REGION"),
			"default_auth_to_all":       flag("Whether every asset is authorized by default", "DefaultAuthToAll"),
			"allow_partial_buy":         flag("Whether a new purchase may cover only some assets", "AllowPartialBuy"),
			"allow_upgrade_partial_buy": flag("Whether an upgrade may cover only some assets", "AllowUpgradePartialBuy"),
			"has_pre_bind_setting":      flag("Whether assets were chosen for binding at purchase", "HasPreBindSetting"),
			"is_multi_version":          flag("Whether several editions were bought", "IsMultiVersion"),
			"auto_bind":                 flag("Whether new assets are bound automatically to the subscription", "AutoBind"),
			"allow_user_unbind":         flag("Whether all bound assets may be unbound at once", "AllowUserUnbind"),
			"post_paid_host_auto_bind": flag("Whether new hosts are bound automatically to pay-as-you-go "+
				"protection", "PostPaidHostAutoBind"),
			"highest_version": code("Highest edition bought; with several editions, the highest of them",
				"HighestVersion"),
			"highest_version_name": name("highest_version"),
			"post_paid_host_auto_bind_version": code("Pay-as-you-go edition new hosts are bound to",
				"PostPaidHostAutoBindVersion"),
			"post_paid_host_auto_bind_version_name": name("post_paid_host_auto_bind_version"),
			"post_paid_highest_version": code("Highest pay-as-you-go edition among bound hosts",
				"PostPaidHighestVersion"),
			"post_paid_highest_version_name": name("post_paid_highest_version"),
			"machine": schema.SingleNestedAttribute{
				MarkdownDescription: "Asset counts (`Machine`); an object of zeros when the API omits it.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"risk_core_count":           attrs.Count("Cores of assets at risk."),
					"bind_core_count":           attrs.Count("Cores of bound assets."),
					"total_ecs_count":           attrs.Count("Assets (servers) in total."),
					"bind_ecs_count":            attrs.Count("Bound assets."),
					"total_core_count":          attrs.Count("Cores in total."),
					"risk_ecs_count":            attrs.Count("Assets at risk."),
					"unbind_ecs_count":          attrs.Count("Unbound assets (`UnBindEcsCount`)."),
					"unbind_core_count":         attrs.Count("Cores of unbound assets (`UnBindCoreCount`)."),
					"post_paid_bind_core_count": attrs.Count("Cores bound to pay-as-you-go authorizations."),
					"post_paid_bind_ecs_count":  attrs.Count("Assets bound to pay-as-you-go authorizations."),
				},
			},
			"version_summary": schema.ListNestedAttribute{
				MarkdownDescription: "Subscription usage per edition (`VersionSummary`), in the API's order. " +
					"Server counts apply when `auth_bind_type` is `ASSET` or `ASSET_AND_CORE`, core counts when it " +
					"is `CORE` or `ASSET_AND_CORE`.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"index":                  index,
					"version":                attrs.Count("Edition code (`Version`)."),
					"version_name":           name("version"),
					"auth_bind_type":         bindType,
					"used_core_count":        attrs.Count("Authorized cores in use."),
					"unused_count":           attrs.Count("Server authorizations not in use (`UnUsedCount`)."),
					"used_ecs_count":         attrs.Count("Server authorizations in use."),
					"total_count":            attrs.Count("Server authorizations of this edition."),
					"total_ecs_auth_count":   attrs.Count("Server authorizations in total."),
					"total_core_auth_count":  attrs.Count("Core authorizations in total."),
					"unused_ecs_auth_count":  attrs.Count("Server authorizations not in use."),
					"unused_core_auth_count": attrs.Count("Core authorizations not in use."),
				}},
			},
			"post_paid_version_summary": schema.ListNestedAttribute{
				MarkdownDescription: "Pay-as-you-go usage per edition (`PostPaidVersionSummary`), in the API's order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"index":           index,
					"version":         attrs.Count("Edition code (`Version`)."),
					"version_name":    name("version"),
					"auth_bind_type":  bindType,
					"used_core_count": attrs.Count("Authorized cores in use."),
					"used_ecs_count":  attrs.Count("Server authorizations in use."),
				}},
			},
		},
	}
}

func (d *authSummaryDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *authSummaryModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *authSummaryModel) (diag.Diagnostics, error) {
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "GetAuthSummary", nil, func() *authSummary { return &authSummary{} })
			if err != nil {
				return nil, err
			}
			diags := flattenAuthSummary(out, m)
			m.ID = types.StringValue(target.Region)
			m.Region = types.StringValue(target.Region)
			return diags, nil
		})
}

var _ attrs.Flatten[authSummary, authSummaryModel] = flattenAuthSummary

// flattenAuthSummary fills the computed part of m from the API response (id and region are
// the caller's).
//
//nolint:unparam // attrs.Flatten is one signature for every mapping, and some mappings warn
func flattenAuthSummary(in *authSummary, m *authSummaryModel) diag.Diagnostics {
	if in == nil {
		in = &authSummary{}
	}
	i64 := func(p *flexInt) types.Int64 { return types.Int64Value(intOf(p)) }
	flag := func(p *flexBool) types.Bool { return types.BoolValue(boolOf(p)) }
	named := func(p *flexInt) types.String { return types.StringValue(versionName(intOf(p))) }
	*m = authSummaryModel{
		ID:                              m.ID,
		Region:                          m.Region,
		Timeouts:                        m.Timeouts,
		DefaultAuthToAll:                flag(in.DefaultAuthToAll),
		AllowPartialBuy:                 flag(in.AllowPartialBuy),
		AllowUpgradePartialBuy:          flag(in.AllowUpgradePartialBuy),
		HasPreBindSetting:               flag(in.HasPreBindSetting),
		IsMultiVersion:                  flag(in.IsMultiVersion),
		AutoBind:                        flag(in.AutoBind),
		AllowUserUnbind:                 flag(in.AllowUserUnbind),
		PostPaidHostAutoBind:            flag(in.PostPaidHostAutoBind),
		HighestVersion:                  i64(in.HighestVersion),
		HighestVersionName:              named(in.HighestVersion),
		PostPaidHostAutoBindVersion:     i64(in.PostPaidHostAutoBindVersion),
		PostPaidHostAutoBindVersionName: named(in.PostPaidHostAutoBindVersion),
		PostPaidHighestVersion:          i64(in.PostPaidHighestVersion),
		PostPaidHighestVersionName:      named(in.PostPaidHighestVersion),
		VersionSummary:                  make([]versionSummaryModel, 0, len(in.VersionSummary)),
		PostPaidVersionSummary:          make([]postPaidVersionSummaryModel, 0, len(in.PostPaidVersionSummary)),
	}
	mc := in.Machine
	if mc == nil {
		mc = &machine{}
	}
	m.Machine = &machineModel{
		RiskCoreCount:         i64(mc.RiskCoreCount),
		BindCoreCount:         i64(mc.BindCoreCount),
		TotalEcsCount:         i64(mc.TotalEcsCount),
		BindEcsCount:          i64(mc.BindEcsCount),
		TotalCoreCount:        i64(mc.TotalCoreCount),
		RiskEcsCount:          i64(mc.RiskEcsCount),
		UnbindEcsCount:        i64(mc.UnBindEcsCount),
		UnbindCoreCount:       i64(mc.UnBindCoreCount),
		PostPaidBindCoreCount: i64(mc.PostPaidBindCoreCount),
		PostPaidBindEcsCount:  i64(mc.PostPaidBindEcsCount),
	}
	for _, v := range in.VersionSummary {
		m.VersionSummary = append(m.VersionSummary, versionSummaryModel{
			Index:               i64(v.Index),
			Version:             i64(v.Version),
			VersionName:         named(v.Version),
			AuthBindType:        attrs.String(v.AuthBindType),
			UsedCoreCount:       i64(v.UsedCoreCount),
			UnusedCount:         i64(v.UnUsedCount),
			UsedEcsCount:        i64(v.UsedEcsCount),
			TotalCount:          i64(v.TotalCount),
			TotalEcsAuthCount:   i64(v.TotalEcsAuthCount),
			TotalCoreAuthCount:  i64(v.TotalCoreAuthCount),
			UnusedEcsAuthCount:  i64(v.UnusedEcsAuthCount),
			UnusedCoreAuthCount: i64(v.UnusedCoreAuthCount),
		})
	}
	for _, v := range in.PostPaidVersionSummary {
		m.PostPaidVersionSummary = append(m.PostPaidVersionSummary, postPaidVersionSummaryModel{
			Index:         i64(v.Index),
			Version:       i64(v.Version),
			VersionName:   named(v.Version),
			AuthBindType:  attrs.String(v.AuthBindType),
			UsedCoreCount: i64(v.UsedCoreCount),
			UsedEcsCount:  i64(v.UsedEcsCount),
		})
	}
	return nil
}
