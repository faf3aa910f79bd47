package bss

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	bss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bss/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bss/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	huaweiemu "github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

// Without endpoints.bss, a call goes to the site's host (https://HOST, as the SDK's BSS
// regions are), signed with global credentials whose domain IAM resolved; endpoints.bss wins
// over the site. The emulator stands in for the site's host over TLS.
func TestCallGoesToTheSite(t *testing.T) {
	cred := emulator.Credential{AccessKey: "BSSSITETESTAK0001", SecretKey: "bss-site-test-secret"}
	site := all.New(all.Options{NoLimits: true, Huawei: huaweiemu.Options{Credentials: []emulator.Credential{cred}}})
	siteSrv := httptest.NewTLSServer(site)
	t.Cleanup(siteSrv.Close)
	other := all.New(all.Options{NoLimits: true, Huawei: huaweiemu.Options{Credentials: []emulator.Credential{cred}}})
	otherSrv := httptest.NewServer(other)
	t.Cleanup(otherSrv.Close)

	read := func(endpoints map[string]string) error {
		c := conns.New(conns.Settings{Insecure: true, MaxRetries: 0, CacheDir: t.TempDir()})
		huawei.Attach(c, huawei.Config{Region: "cn-north-4", AccessKey: cred.AccessKey, SecretKey: cred.SecretKey, Endpoints: endpoints})
		_, target, err := call(context.Background(), c, strings.TrimPrefix(siteSrv.URL, "https://"), "", actionList,
			&model.ListPayPerUseCustomerResourcesRequest{Body: &model.QueryResourcesReq{}}, (*bss.BssClient).ListPayPerUseCustomerResources)
		if err == nil && target.Project != site.Huawei.DomainID(cred.AccessKey) {
			t.Errorf("target %+v: the project is not the account's domain", target)
		}
		return err
	}
	if err := read(map[string]string{"iam": siteSrv.URL}); err != nil {
		t.Fatal(err)
	}
	if n := site.Count(actionList); n != 1 {
		t.Errorf("the site's host saw %d calls, want 1", n)
	}
	if err := read(map[string]string{"iam": siteSrv.URL, "bss": otherSrv.URL}); err != nil {
		t.Fatal(err)
	}
	if n, m := site.Count(actionList), other.Count(actionList); n != 1 || m != 1 {
		t.Errorf("with endpoints.bss: site %d, override %d calls; want 1 and 1", n, m)
	}
}
