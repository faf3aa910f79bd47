package tencent

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// The emulated billing API (global: Region is optional and ignored).
const (
	billingService                = "billing"
	billingVersion                = "2018-07-09"
	billingDescribeRenewInstances = "DescribeRenewInstances"
	// billingMaxResults and billingMaxIDs are DescribeRenewInstances' documented maxima:
	// MaxResults 1~100, InstanceIdList "最多不超过100个".
	billingMaxResults = 100
	billingMaxIDs     = 100
)

// BillingRenewInstance is one RenewInstance of DescribeRenewInstances. ExpireTime may be
// relative (now+240h): it is resolved when the emulator answers, so a module test's "expires
// in 10 days" stays true however long the emulator runs.
type BillingRenewInstance struct {
	InstanceId      *string `json:"InstanceId,omitempty"`
	ProductCode     *string `json:"ProductCode,omitempty"`
	SubProductCode  *string `json:"SubProductCode,omitempty"`
	RegionCode      *string `json:"RegionCode,omitempty"`
	Status          *string `json:"Status,omitempty"`
	RenewFlag       *string `json:"RenewFlag,omitempty"`
	ExpireTime      *string `json:"ExpireTime,omitempty"`
	InstanceName    *string `json:"InstanceName,omitempty"`
	ProductName     *string `json:"ProductName,omitempty"`
	ProjectName     *string `json:"ProjectName,omitempty"`
	RenewPeriod     *uint64 `json:"RenewPeriod,omitempty"`
	RenewPeriodUnit *string `json:"RenewPeriodUnit,omitempty"`
}

// billingDefaultRenewInstances is the InstanceList of the example response of
// DescribeRenewInstances in Tencent's API reference (document 555/78424), verbatim
// (ProductName and ProjectName as the page prints them, their \u escapes having lost
// their backslashes).
const billingDefaultRenewInstances = `[{"ExpireTime":"2025-07-06 23:59:59","InstanceId":"std_storage-20241106185002290002691-0","InstanceName":"","ProductCode":"p_cos","ProductName":"COS u5bf9u8c61u5b58u50a8","ProjectName":"u9ed8u8ba4u9879u76ee","RegionCode":"ap-others","RenewFlag":"DISABLE_NOTIFY_AND_MANUAL_RENEW","RenewPeriod":1,"RenewPeriodUnit":"m","Status":"NORMAL","SubProductCode":"sp_cos_pkg_std_new"}]`

// describeRenewInstancesParams are the action's parameters.
type describeRenewInstancesParams struct {
	MaxResults      *int64   `json:"MaxResults"`
	NextToken       *string  `json:"NextToken"`
	Reverse         *bool    `json:"Reverse"`
	RenewFlagList   []string `json:"RenewFlagList"`
	InstanceIdList  []string `json:"InstanceIdList"`
	ExpireTimeStart *string  `json:"ExpireTimeStart"`
	ExpireTimeEnd   *string  `json:"ExpireTimeEnd"`
}

// serveBilling runs the gateway pipeline for the billing service.
func (t *Cloud) serveBilling(x *emulator.Exchange) {
	body, _, apiErr := t.verify(x, billingService)
	var p describeRenewInstancesParams
	if apiErr == nil {
		p, apiErr = routeBilling(x, body)
	}
	if apiErr != nil {
		t.reply(x, http.StatusOK, tencentErrorPayload{Error: *apiErr, RequestID: x.Rec.RequestID})
		return
	}
	if x.Intercept(t) {
		return
	}
	page, apiErr := t.renewInstances(p, time.Now())
	if apiErr != nil {
		t.reply(x, http.StatusOK, tencentErrorPayload{Error: *apiErr, RequestID: x.Rec.RequestID})
		return
	}
	page.RequestID = x.Rec.RequestID
	t.reply(x, http.StatusOK, page)
}

// routeBilling checks version, action and parameters as the gateway and the API do.
func routeBilling(x *emulator.Exchange, body []byte) (describeRenewInstancesParams, *tencentAPIError) {
	var p describeRenewInstancesParams
	version := x.R.Header.Get("X-TC-Version")
	switch {
	case version == "":
		return p, tcError(tcCodeMissingParameter, tcMsgMissingParameter, "Version")
	case version != billingVersion:
		return p, tcError(tcCodeNoSuchVersion, tcMsgNoSuchVersion, version, billingService)
	case x.Rec.Action == "":
		return p, tcError(tcCodeMissingParameter, tcMsgMissingParameter, "Action")
	case x.Rec.Action != billingDescribeRenewInstances:
		return p, tcError(tcCodeInvalidAction, tcMsgInvalidAction, x.Rec.Action, billingService, version)
	}
	params, ok := tencentParams(x.R, body)
	if !ok {
		return p, tcError(tcCodeInvalidParameter, tcMsgInvalidJSON)
	}
	if err := onlyParams(params, "MaxResults", "NextToken", "Reverse", "RenewFlagList", "InstanceIdList",
		"ExpireTimeStart", "ExpireTimeEnd"); err != nil {
		return p, err
	}
	// The parameters as one JSON object again, GET's query included, decoded once.
	raw, err := json.Marshal(params)
	if err != nil || json.Unmarshal(raw, &p) != nil {
		return p, tcError(tcCodeInvalidParameter, tcMsgInvalidJSON)
	}
	switch {
	case p.MaxResults == nil:
		return p, tcError(tcCodeMissingParameter, tcMsgMissingParameter, "MaxResults")
	case *p.MaxResults < 1 || *p.MaxResults > billingMaxResults:
		return p, tcError(tcCodeInvalidParameter, "MaxResults must be between 1 and %d.", billingMaxResults)
	case len(p.InstanceIdList) > billingMaxIDs:
		return p, tcError(tcCodeInvalidParameter, "InstanceIdList holds at most %d instance IDs.", billingMaxIDs)
	}
	return p, nil
}

// renewInstancesPage is the success body.
type renewInstancesPage struct {
	InstanceList []BillingRenewInstance `json:"InstanceList"`
	NextToken    *string                `json:"NextToken"` // null on the last page, as in the example
	RequestID    string                 `json:"RequestId"`
}

// renewInstances applies p to the data at now: the id, renewal-flag and expiry filters
// (the window in Beijing time, both ends included), the order by expiry (Reverse flips it),
// then the page NextToken points at.
func (t *Cloud) renewInstances(p describeRenewInstancesParams, now time.Time) (*renewInstancesPage, *tencentAPIError) {
	bound := func(name string, v *string) (time.Time, bool, *tencentAPIError) {
		if v == nil || *v == "" {
			return time.Time{}, false, nil
		}
		at, err := time.ParseInLocation(tcTimeLayout, *v, beijing)
		if err != nil {
			return time.Time{}, false, tcError(tcCodeInvalidParameter, "%s must be yyyy-MM-dd HH:mm:ss.", name)
		}
		return at, true, nil
	}
	start, hasStart, apiErr := bound("ExpireTimeStart", p.ExpireTimeStart)
	if apiErr != nil {
		return nil, apiErr
	}
	end, hasEnd, apiErr := bound("ExpireTimeEnd", p.ExpireTimeEnd)
	if apiErr != nil {
		return nil, apiErr
	}
	offset := 0
	if p.NextToken != nil && *p.NextToken != "" {
		raw, err := base64.RawURLEncoding.DecodeString(*p.NextToken)
		n, convErr := strconv.Atoi(strings.TrimPrefix(string(raw), "offset:"))
		if err != nil || convErr != nil || n < 0 || !strings.HasPrefix(string(raw), "offset:") {
			return nil, tcError(tcCodeInvalidParameter, "NextToken is invalid.")
		}
		offset = n
	}
	type row struct {
		BillingRenewInstance
		at time.Time
	}
	var rows []row
	for _, inst := range t.data.RenewInstances {
		if inst.ExpireTime != nil {
			v, err := emulator.ResolveTime(*inst.ExpireTime, now, tcTimeLayout, beijing)
			if err == nil {
				inst.ExpireTime = &v
			}
		}
		at, _ := time.ParseInLocation(tcTimeLayout, deref(inst.ExpireTime), beijing)
		switch {
		case len(p.InstanceIdList) > 0 && !slices.Contains(p.InstanceIdList, deref(inst.InstanceId)),
			len(p.RenewFlagList) > 0 && !slices.Contains(p.RenewFlagList, deref(inst.RenewFlag)),
			hasStart && (inst.ExpireTime == nil || at.Before(start)),
			hasEnd && (inst.ExpireTime == nil || at.After(end)):
			continue
		}
		rows = append(rows, row{inst, at})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if !rows[i].at.Equal(rows[j].at) {
			return rows[i].at.Before(rows[j].at)
		}
		return deref(rows[i].InstanceId) < deref(rows[j].InstanceId)
	})
	if p.Reverse != nil && *p.Reverse {
		slices.Reverse(rows)
	}
	out := &renewInstancesPage{InstanceList: []BillingRenewInstance{}}
	size := int(*p.MaxResults)
	for i := offset; i < len(rows) && i < offset+size; i++ {
		out.InstanceList = append(out.InstanceList, rows[i].BillingRenewInstance)
	}
	if offset+size < len(rows) {
		next := base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(offset+size)))
		out.NextToken = &next
	}
	return out, nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// checkRenewInstanceTimes checks the relative times of the data (a malformed one is an
// error naming it).
func (d *Data) checkRenewInstanceTimes(now time.Time) error {
	for i, inst := range d.RenewInstances {
		if inst.ExpireTime == nil {
			continue
		}
		if _, err := emulator.ResolveTime(*inst.ExpireTime, now, tcTimeLayout, beijing); err != nil {
			return fmt.Errorf("billing_renew_instances[%d].ExpireTime: %w", i, err)
		}
	}
	return nil
}
