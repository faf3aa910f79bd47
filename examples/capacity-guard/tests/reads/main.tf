# A helper module for emulator_faults.tftest.hcl: two of capacity-guard's reads, each inside a
# check block. terraform test can expect only failures of checkable objects, and the one API error
# it can expect is that of a data source scoped to a check block (Terraform reports it as the
# check's failure); an error of a top-level data source, such as capacity-guard's, fails the run.
# The provider configuration comes from the test file.
terraform {
  required_providers {
    cloudquota = {
      source = "cloudquota/cloudquota"
    }
  }
}

check "hss_premium" {
  data "cloudquota_hss_resource_quotas" "premium" {
    version = "hss.version.premium"
  }

  assert {
    condition     = data.cloudquota_hss_resource_quotas.premium.available_num <= data.cloudquota_hss_resource_quotas.premium.total_num
    error_message = "Huawei Cloud HSS: more premium licences free than bought."
  }
}

check "sas_servers" {
  data "cloudquota_sas_auth_summary" "servers" {}

  assert {
    condition     = data.cloudquota_sas_auth_summary.servers.highest_version_name != ""
    error_message = "Alibaba Cloud Security Center: no highest edition."
  }
}
