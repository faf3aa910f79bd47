// Package tcss holds the Tencent Cloud Container Security Service (TCSS) data sources.
package tcss

import (
	"context"
	"fmt"
	"math"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tcsssdk "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tcss/v20201101"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

var _ datasource.DataSourceWithConfigure = (*imageAuthorizedInfoDataSource)(nil)

// NewImageAuthorizedInfoDataSource is the factory for cloudquota_tcss_image_authorized_info.
func NewImageAuthorizedInfoDataSource() datasource.DataSource {
	return &imageAuthorizedInfoDataSource{conns.DataSource{TypeName: "_tcss_image_authorized_info"}}
}

type imageAuthorizedInfoDataSource struct{ conns.DataSource }

type imageAuthorizedInfoModel struct {
	ID                         types.String           `tfsdk:"id"`
	Region                     types.String           `tfsdk:"region"`
	Timeouts                   timeouts.Value         `tfsdk:"timeouts"`
	TotalAuthorizedCnt         types.Int64            `tfsdk:"total_authorized_cnt"`
	UsedAuthorizedCnt          types.Int64            `tfsdk:"used_authorized_cnt"`
	AvailableAuthorizedCnt     types.Int64            `tfsdk:"available_authorized_cnt"`
	ScannedImageCnt            types.Int64            `tfsdk:"scanned_image_cnt"`
	NotScannedImageCnt         types.Int64            `tfsdk:"not_scanned_image_cnt"`
	NotScannedLocalImageCnt    types.Int64            `tfsdk:"not_scanned_local_image_cnt"`
	TrialAuthorizedCnt         types.Int64            `tfsdk:"trial_authorized_cnt"`
	UsedTrialAuthorizedCnt     types.Int64            `tfsdk:"used_trial_authorized_cnt"`
	PurchasedAuthorizedCnt     types.Int64            `tfsdk:"purchased_authorized_cnt"`
	UsedPurchasedAuthorizedCnt types.Int64            `tfsdk:"used_purchased_authorized_cnt"`
	CanApplyFreeImageAuthorize types.Bool             `tfsdk:"can_apply_free_image_authorize"`
	RepeatImageIDCnt           types.Int64            `tfsdk:"repeat_image_id_cnt"`
	ImageScanInquireInfo       *imageScanInquireModel `tfsdk:"image_scan_inquire_info"`
}

type imageScanInquireModel struct {
	Capacity       types.Int64  `tfsdk:"capacity"`
	Usage          types.Int64  `tfsdk:"usage"`
	StartTime      types.String `tfsdk:"start_time"`
	EndTime        types.String `tfsdk:"end_time"`
	InquireKey     types.String `tfsdk:"inquire_key"`
	PurchaseStatus types.String `tfsdk:"purchase_status"`
	ResourceID     types.String `tfsdk:"resource_id"`
}

func (d *imageAuthorizedInfoDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	timeAttr := func(what string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: what + ", RFC 3339. The API's Beijing time `YYYY-MM-DD hh:mm:ss` becomes " +
				"`YYYY-MM-DDThh:mm:ss+08:00`, so that `timecmp()` works on it.",
			Computed: true,
		}
	}
	str := func(what string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: what, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Image scanning authorizations of Tencent Cloud Container Security Service " +
			"(TCSS API `DescribeImageAuthorizedInfo`, version " + APIVersion + "): how many are bought, " +
			"used and free, and the image scan billing information.\n\n" + attrs.ZeroRule,
		Blocks: map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: map[string]schema.Attribute{
			"id":                   attrs.ID(),
			"region":               attrs.Region("Tencent Cloud", "TENCENTCLOUD_REGION"),
			"total_authorized_cnt": attrs.Count("Valid image authorizations in total (`TotalAuthorizedCnt`)."),
			"used_authorized_cnt":  attrs.Count("Image authorizations in use (`UsedAuthorizedCnt`)."),
			"available_authorized_cnt": attrs.Count("Image authorizations still free: `total_authorized_cnt` " +
				"minus `used_authorized_cnt`, never below `0`. Computed by the provider."),
			"scanned_image_cnt":     attrs.Count("Images with scanning enabled (`ScannedImageCnt`)."),
			"not_scanned_image_cnt": attrs.Count("Images with scanning not enabled (`NotScannedImageCnt`)."),
			"not_scanned_local_image_cnt": attrs.Count("Local images with scanning not enabled " +
				"(`NotScannedLocalImageCnt`)."),
			"trial_authorized_cnt":      attrs.Count("Trial image authorizations (`TrialAuthorizedCnt`)."),
			"used_trial_authorized_cnt": attrs.Count("Trial image authorizations in use (`UsedTrialAuthorizedCnt`)."),
			"purchased_authorized_cnt":  attrs.Count("Purchased image authorizations (`PurchasedAuthorizedCnt`)."),
			"used_purchased_authorized_cnt": attrs.Count("Purchased image authorizations in use " +
				"(`UsedPurchasedAuthorizedCnt`)."),
			"can_apply_free_image_authorize": schema.BoolAttribute{
				MarkdownDescription: "Whether free image authorizations can be claimed (`CanApplyFreeImageAuthorize`).",
				Computed:            true,
			},
			"repeat_image_id_cnt": attrs.Count("Images counted twice, as local and as registry images " +
				"(`RepeatImageIdCnt`)."),
			"image_scan_inquire_info": schema.SingleNestedAttribute{
				MarkdownDescription: "Image scan billing information (`ImageScanInquireInfo`); an object of " +
					"zeros and empty strings when the API omits it.",
				Computed: true,
				Attributes: map[string]schema.Attribute{
					"capacity":        attrs.Count("Scans bought (the API's `Capcity`)."),
					"usage":           attrs.Count("Scans used (the API's `Useage`)."),
					"start_time":      timeAttr("Start of the billing period"),
					"end_time":        timeAttr("End of the billing period"),
					"inquire_key":     str("Billing item key (`InquireKey`), such as `sv_yunjing_cssil_image`."),
					"purchase_status": str("Purchase status (`PurchaseStatus`), such as `Normal`, as the API sends it."),
					"resource_id":     str("Billing resource ID (`ResourceID`)."),
				},
			},
		},
	}
}

func (d *imageAuthorizedInfoDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *imageAuthorizedInfoModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *imageAuthorizedInfoModel) (diag.Diagnostics, error) {
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "DescribeImageAuthorizedInfo",
				tcsssdk.NewDescribeImageAuthorizedInfoRequest(), tcsssdk.NewDescribeImageAuthorizedInfoResponse)
			if err != nil {
				return nil, err
			}
			diags := flattenImageAuthorizedInfo(out.Response, m)
			m.ID = types.StringValue(target.Region)
			m.Region = types.StringValue(target.Region)
			return diags, nil
		})
}

var _ attrs.Flatten[tcsssdk.DescribeImageAuthorizedInfoResponseParams, imageAuthorizedInfoModel] = flattenImageAuthorizedInfo

// flattenImageAuthorizedInfo fills the computed part of m from the API response, the SDK's
// typed model (tcss v1.1.50, which has every field the data source shows; its counts are
// uint64), leaving id and region to the caller. A time it cannot read is kept as sent, with
// a warning.
func flattenImageAuthorizedInfo(in *tcsssdk.DescribeImageAuthorizedInfoResponseParams, m *imageAuthorizedInfoModel) diag.Diagnostics {
	if in == nil {
		in = &tcsssdk.DescribeImageAuthorizedInfoResponseParams{}
	}
	total, used := count(in.TotalAuthorizedCnt), count(in.UsedAuthorizedCnt)
	*m = imageAuthorizedInfoModel{
		ID:                         m.ID,
		Region:                     m.Region,
		Timeouts:                   m.Timeouts,
		TotalAuthorizedCnt:         total,
		UsedAuthorizedCnt:          used,
		AvailableAuthorizedCnt:     types.Int64Value(available(total.ValueInt64(), used.ValueInt64())),
		ScannedImageCnt:            count(in.ScannedImageCnt),
		NotScannedImageCnt:         count(in.NotScannedImageCnt),
		NotScannedLocalImageCnt:    count(in.NotScannedLocalImageCnt),
		TrialAuthorizedCnt:         count(in.TrialAuthorizedCnt),
		UsedTrialAuthorizedCnt:     count(in.UsedTrialAuthorizedCnt),
		PurchasedAuthorizedCnt:     count(in.PurchasedAuthorizedCnt),
		UsedPurchasedAuthorizedCnt: count(in.UsedPurchasedAuthorizedCnt),
		CanApplyFreeImageAuthorize: attrs.Bool(in.CanApplyFreeImageAuthorize),
		RepeatImageIDCnt:           count(in.RepeatImageIdCnt),
	}
	info := in.ImageScanInquireInfo
	if info == nil {
		info = &tcsssdk.ImageScanInquireInfo{}
	}
	var diags diag.Diagnostics
	when := func(name string, v *string) types.String {
		s, ok := attrs.BeijingTime(attrs.String(v).ValueString())
		if !ok {
			diags.AddAttributeWarning(path.Root("image_scan_inquire_info").AtName(name), "Unrecognised time format",
				fmt.Sprintf("Tencent Cloud sent %q, which is neither YYYY-MM-DD hh:mm:ss nor RFC 3339; it is "+
					"reported as sent, and timecmp() will not accept it.", s))
		}
		return types.StringValue(s)
	}
	m.ImageScanInquireInfo = &imageScanInquireModel{
		Capacity:       count(info.Capcity),
		Usage:          count(info.Useage),
		StartTime:      when("start_time", info.StartTime),
		EndTime:        when("end_time", info.EndTime),
		InquireKey:     attrs.String(info.InquireKey),
		PurchaseStatus: attrs.String(info.PurchaseStatus),
		ResourceID:     attrs.String(info.ResourceID),
	}
	return diags
}

// count is an SDK count as a number: 0 when omitted, saturating at the largest int64 (the
// SDK's counts are uint64, Terraform's numbers here int64).
func count(p *uint64) types.Int64 {
	switch {
	case p == nil:
		return types.Int64Value(0)
	case *p > math.MaxInt64:
		return types.Int64Value(math.MaxInt64)
	}
	return types.Int64Value(int64(*p))
}

// available is total - used, never below zero (used can exceed total while a purchase
// lapses) and without overflow for any pair of int64s.
func available(total, used int64) int64 {
	if used >= total {
		return 0
	}
	d := total - used
	if d < 0 { // overflow: total is large and used very negative; saturate
		return math.MaxInt64
	}
	return d
}
