package alibaba

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

func TestClassifyAlibaba(t *testing.T) {
	body := func(code, msg, id string) map[string]any {
		return map[string]any{"Code": code, "Message": msg, "RequestId": id}
	}
	clientErr := func(status int, code, msg, id string) error {
		return &openapi.ClientError{
			StatusCode: dara.Int(status), Code: dara.String(code), RequestId: dara.String(id),
			Message: dara.String(fmt.Sprintf("code: %d, %s request id: %s", status, msg, id)), Data: body(code, msg, id),
		}
	}
	cases := []struct {
		name          string
		err           error
		status        int
		code, msg, id string
		retry         bool
	}{
		{"no permission", clientErr(403, "NoPermission", "caller has no permission", "R1"), 403, "NoPermission", "caller has no permission", "R1", false},
		{"bad signature", clientErr(400, "SignatureDoesNotMatch", "Specified signature is not matched", "R2"), 400, "SignatureDoesNotMatch", "Specified signature is not matched", "R2", false},
		{"throttled", &openapi.ThrottlingError{StatusCode: dara.Int(400), Code: dara.String("Throttling.User"), RequestId: dara.String("R3"), Data: body("Throttling.User", "flow control", "R3")}, 400, "Throttling.User", "flow control", "R3", true},
		{"server error", &openapi.ServerError{StatusCode: dara.Int(500), Code: dara.String("ServerError"), RequestId: dara.String("R4"), Data: body("ServerError", "ServerError", "R4")}, 500, "ServerError", "ServerError", "R4", true},
		{"unreadable body", &conns.APIError{HTTPStatus: 200, Message: "not JSON", RequestID: "R5"}, 200, "", "not JSON", "R5", true},
		{"connection refused", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, 0, "", "", "", true},
		{"bad certificate", fmt.Errorf("Post: %w", x509.UnknownAuthorityError{}), 0, "", "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, retry := classify(tc.err)
			if e.HTTPStatus != tc.status || e.Code != tc.code || e.Message != tc.msg || e.RequestID != tc.id || retry != tc.retry {
				t.Errorf("got %+v retry=%v, want status %d code %q msg %q id %q retry=%v", e, retry, tc.status, tc.code, tc.msg, tc.id, tc.retry)
			}
		})
	}
}

func TestAlibabaEndpoint(t *testing.T) {
	cases := []struct {
		region, override    string
		host, protocol, err string
	}{
		{"cn-shanghai", "", "tds.aliyuncs.com", "https", ""},
		{"cn-hangzhou", "", "tds.aliyuncs.com", "https", ""},
		{"ap-southeast-1", "", "tds.ap-southeast-1.aliyuncs.com", "https", ""},
		{"ap-southeast-3", "", "tds.ap-southeast-3.aliyuncs.com", "https", ""},
		{"xx-nowhere-1", "", "", "", `Unknown Alibaba Cloud region "xx-nowhere-1"`},
		{"xx-nowhere-1", "http://127.0.0.1:8080", "127.0.0.1:8080", "http", ""},
	}
	for _, tc := range cases {
		host, protocol, err := endpoint(Config{Endpoints: map[string]string{"sas": tc.override}}, sasForTest, tc.region)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "cn-shanghai") {
				t.Errorf("%s: got error %v, want one containing %q and the known regions", tc.region, err, tc.err)
			}
			continue
		}
		if err != nil || host != tc.host || protocol != tc.protocol {
			t.Errorf("%s %q: got %q %q %v, want %q %q", tc.region, tc.override, host, protocol, err, tc.host, tc.protocol)
		}
	}
}

// sasForTest is a service with a region table in the shape of Security Center's.
var sasForTest = &Service{
	Name: "SAS", Title: "Security Center", Product: "Sas", Endpoint: "sas",
	Hosts: map[string]string{
		"cn-shanghai": "tds.aliyuncs.com", "cn-hangzhou": "tds.aliyuncs.com",
		"ap-southeast-1": "tds.ap-southeast-1.aliyuncs.com", "ap-southeast-3": "tds.ap-southeast-3.aliyuncs.com",
	},
}
