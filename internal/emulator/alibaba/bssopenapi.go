package alibaba

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// The emulated BssOpenApi action (global per site; the emulator serves both sites alike:
// an account of the other site's NotApplicable is an injected fault).
const (
	bssProduct                 = "BssOpenApi"
	bssVersion                 = "2017-12-14"
	bssQueryAvailableInstances = "QueryAvailableInstances"
	// bssMaxPageSize and bssMaxIDs are QueryAvailableInstances' documented maxima: PageSize
	// "默认值为 20,最大不超过 300", InstanceIDs "最大不超过 100 个".
	bssDefaultPageSize = 20
	bssMaxPageSize     = 300
	bssMaxIDs          = 100
	bssTimeLayout      = "2006-01-02T15:04:05Z"
)

// BSSInstance is one InstanceList entry of QueryAvailableInstances. Its times may be
// relative (now+240h): they are resolved when the emulator answers, so a module test's
// "expires in 10 days" stays true however long the emulator runs.
type BSSInstance struct {
	CreateTime          *string `json:"CreateTime,omitempty"`
	EndTime             *string `json:"EndTime,omitempty"`
	ExpectedReleaseTime *string `json:"ExpectedReleaseTime,omitempty"`
	InstanceID          *string `json:"InstanceID,omitempty"`
	OwnerId             *int64  `json:"OwnerId,omitempty"`
	ProductCode         *string `json:"ProductCode,omitempty"`
	ProductType         *string `json:"ProductType,omitempty"`
	Region              *string `json:"Region,omitempty"`
	ReleaseTime         *string `json:"ReleaseTime,omitempty"`
	RenewStatus         *string `json:"RenewStatus,omitempty"`
	RenewalDuration     *int32  `json:"RenewalDuration,omitempty"`
	RenewalDurationUnit *string `json:"RenewalDurationUnit,omitempty"`
	Seller              *string `json:"Seller,omitempty"`
	SellerId            *int64  `json:"SellerId,omitempty"`
	Status              *string `json:"Status,omitempty"`
	StopTime            *string `json:"StopTime,omitempty"`
	SubStatus           *string `json:"SubStatus,omitempty"`
	SubscriptionType    *string `json:"SubscriptionType,omitempty"`
}

// bssDefaultInstances is assembled from the example values of the response fields in the
// QueryAvailableInstances API reference, which publishes no complete example answer.
const bssDefaultInstances = `[{"CreateTime":"2019-09-08T16:00:00Z","EndTime":"2019-09-08T16:00:00Z","ExpectedReleaseTime":"2019-09-08T16:00:00Z","InstanceID":"1049056","OwnerId":325352345,"ProductCode":"rds","ProductType":"rds","Region":"cn-hangzhou","ReleaseTime":"2019-09-08T16:00:00Z","RenewStatus":"ManualRenewal","RenewalDuration":1,"RenewalDurationUnit":"M","Seller":"123123123","SellerId":123123123,"Status":"Normal","StopTime":"2019-09-08T16:00:00Z","SubStatus":"Normal","SubscriptionType":"Subscription"}]`

func bssInvalidParameter(name, value string) *emulator.Failure {
	return &emulator.Failure{Status: http.StatusBadRequest, Code: "InvalidParameter",
		Message: fmt.Sprintf("The specified parameter %q is not valid: %q.", name, value)}
}

// bssPayload is the success body, fields in the API reference's order.
type bssPayload struct {
	Code      string  `json:"Code"`
	Message   string  `json:"Message"`
	RequestID string  `json:"RequestId"`
	Success   bool    `json:"Success"`
	Data      bssData `json:"Data"`
}

type bssData struct {
	InstanceList []BSSInstance `json:"InstanceList"`
	PageNum      int           `json:"PageNum"`
	PageSize     int           `json:"PageSize"`
	TotalCount   int           `json:"TotalCount"`
}

// routeBSS checks the action and path as the POP gateway does.
func routeBSS(x *emulator.Exchange) *emulator.Failure {
	r := x.R
	if x.Rec.Action != bssQueryAvailableInstances || r.URL.Path != "/" || (r.Method != http.MethodGet && r.Method != http.MethodPost) {
		return aliActionNotFound
	}
	return nil
}

// bssParams are the request's parameters: the query, and a form body if one was sent.
func bssParams(r *http.Request) url.Values {
	q, _ := url.ParseQuery(r.URL.RawQuery)
	if body, err := emulator.ReadBody(r); err == nil && len(body) > 0 {
		if form, err := url.ParseQuery(string(body)); err == nil {
			for k, v := range form {
				q[k] = append(q[k], v...)
			}
		}
	}
	return q
}

// availableInstances answers q at now: the filters the API documents (SubscriptionType,
// ProductCode, ProductType, InstanceIDs, Region, EndTimeStart/End and CreateTimeStart/End,
// both ends included, RenewStatus), in the order of expiry then id, the page PageNum and
// PageSize ask for, and TotalCount.
func (a *Cloud) availableInstances(q url.Values, now time.Time) (*bssData, *emulator.Failure) {
	num, size := 1, bssDefaultPageSize
	for name, p := range map[string]*int{"PageNum": &num, "PageSize": &size} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || (name == "PageSize" && n > bssMaxPageSize) {
				return nil, bssInvalidParameter(name, v)
			}
			*p = n
		}
	}
	var ids []string
	if v := q.Get("InstanceIDs"); v != "" {
		ids = strings.Split(v, ",")
		if len(ids) > bssMaxIDs {
			return nil, bssInvalidParameter("InstanceIDs", v)
		}
	}
	if q.Get("Region") != "" && q.Get("ProductCode") == "" {
		// "当设置了 region 时,不为空": ProductCode is required with a Region.
		return nil, aliMissingParameter("ProductCode")
	}
	type bound struct {
		at  time.Time
		set bool
	}
	bounds := map[string]*bound{}
	for _, name := range []string{"EndTimeStart", "EndTimeEnd", "CreateTimeStart", "CreateTimeEnd"} {
		b := &bound{}
		if v := q.Get(name); v != "" {
			at, err := time.Parse(bssTimeLayout, v)
			if err != nil {
				return nil, bssInvalidParameter(name, v)
			}
			b.at, b.set = at, true
		}
		bounds[name] = b
	}
	outside := func(v *string, start, end *bound) bool {
		if !start.set && !end.set {
			return false
		}
		at, err := time.Parse(bssTimeLayout, str(v))
		return err != nil || (start.set && at.Before(start.at)) || (end.set && at.After(end.at))
	}
	match := func(name string, v *string) bool { return q.Get(name) == "" || q.Get(name) == str(v) }
	var rows []BSSInstance
	for _, inst := range copyInstances(a.data.AvailableInstances) {
		for _, p := range []*string{inst.CreateTime, inst.EndTime, inst.ExpectedReleaseTime, inst.ReleaseTime, inst.StopTime} {
			if p != nil {
				if v, err := emulator.ResolveTime(*p, now, bssTimeLayout, time.UTC); err == nil {
					*p = v
				}
			}
		}
		switch {
		case !match("SubscriptionType", inst.SubscriptionType), !match("ProductCode", inst.ProductCode),
			!match("ProductType", inst.ProductType), !match("Region", inst.Region), !match("RenewStatus", inst.RenewStatus),
			len(ids) > 0 && !slices.Contains(ids, str(inst.InstanceID)),
			outside(inst.EndTime, bounds["EndTimeStart"], bounds["EndTimeEnd"]),
			outside(inst.CreateTime, bounds["CreateTimeStart"], bounds["CreateTimeEnd"]):
			continue
		}
		rows = append(rows, inst)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if str(rows[i].EndTime) != str(rows[j].EndTime) {
			return str(rows[i].EndTime) < str(rows[j].EndTime)
		}
		return str(rows[i].InstanceID) < str(rows[j].InstanceID)
	})
	out := &bssData{InstanceList: []BSSInstance{}, PageNum: num, PageSize: size, TotalCount: len(rows)}
	for i := (num - 1) * size; i >= 0 && i < len(rows) && i < num*size; i++ {
		out.InstanceList = append(out.InstanceList, rows[i])
	}
	return out, nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// copyInstances copies the instances' times, which an answer resolves in place.
func copyInstances(in []BSSInstance) []BSSInstance {
	out := make([]BSSInstance, len(in))
	for i, inst := range in {
		for _, p := range []**string{&inst.CreateTime, &inst.EndTime, &inst.ExpectedReleaseTime, &inst.ReleaseTime, &inst.StopTime} {
			if *p != nil {
				v := **p
				*p = &v
			}
		}
		out[i] = inst
	}
	return out
}

// ResolveTimes checks the relative times of the data (a malformed one is an error naming
// it); they are resolved when the emulator answers, not here.
func (d *Data) ResolveTimes(now time.Time) error {
	for i, inst := range d.AvailableInstances {
		for name, p := range map[string]*string{"CreateTime": inst.CreateTime, "EndTime": inst.EndTime,
			"ExpectedReleaseTime": inst.ExpectedReleaseTime, "ReleaseTime": inst.ReleaseTime, "StopTime": inst.StopTime} {
			if p == nil {
				continue
			}
			if _, err := emulator.ResolveTime(*p, now, bssTimeLayout, time.UTC); err != nil {
				return fmt.Errorf("bssopenapi_available_instances[%d].%s: %w", i, name, err)
			}
		}
	}
	return nil
}

// serveBSS answers QueryAvailableInstances once the request is authenticated.
func (a *Cloud) serveBSS(x *emulator.Exchange) {
	if f := routeBSS(x); f != nil {
		a.Fail(x, *f)
		return
	}
	// Faults come after routing, so they only hit calls the API would serve.
	if x.Intercept(a) {
		return
	}
	data, f := a.availableInstances(bssParams(x.R), time.Now())
	if f != nil {
		a.Fail(x, *f)
		return
	}
	a.reply(x, http.StatusOK, bssPayload{Code: "Success", Message: "Successful!", RequestID: x.Rec.RequestID, Success: true, Data: *data})
}
