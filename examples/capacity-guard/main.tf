# capacity-guard: a plan that fails before anything is created when the cloud account lacks the
# licences a change needs, and warns when paid resources are about to expire.
terraform {
  required_version = ">= 1.5"
  required_providers {
    cloudquota = {
      source = "cloudquota/cloudquota"
    }
  }
}

variable "hosts_to_protect" {
  description = "Hosts the change will create, each needing a free HSS premium licence."
  type        = number
  default     = 10
}

variable "renewal_window" {
  description = "Warn about MetaStudio resources that expire within this long."
  type        = string
  default     = "720h"
}

variable "huaweicloud_endpoint" {
  description = "One URL for every Huawei Cloud service (a private cloud or the cloudquota emulator); null for the public endpoints."
  type        = string
  default     = null
}

provider "cloudquota" {
  huaweicloud {
    region = "cn-north-4"
    # Credentials come from HW_ACCESS_KEY / HW_SECRET_KEY.
    endpoints = var.huaweicloud_endpoint == null ? null : {
      hss        = var.huaweicloud_endpoint
      metastudio = var.huaweicloud_endpoint
      iam        = var.huaweicloud_endpoint
    }
  }
}

data "cloudquota_hss_resource_quotas" "premium" {
  version = "hss.version.premium"
}

data "cloudquota_hss_image_scan_statistics" "images" {}

data "cloudquota_metastudio_expiring_resources" "renewals" {
  expiring_within = var.renewal_window
}

# Stands in for the hosts a real module would create.
resource "terraform_data" "protected_hosts" {
  input = var.hosts_to_protect

  lifecycle {
    precondition {
      condition     = data.cloudquota_hss_resource_quotas.premium.available_num >= var.hosts_to_protect
      error_message = "The change protects ${var.hosts_to_protect} hosts, but only ${data.cloudquota_hss_resource_quotas.premium.available_num} of ${data.cloudquota_hss_resource_quotas.premium.total_num} HSS premium licences are free."
    }
  }
}

# A check warns without failing the plan.
check "metastudio_renewals" {
  assert {
    condition     = data.cloudquota_metastudio_expiring_resources.renewals.total_count == 0
    error_message = "${data.cloudquota_metastudio_expiring_resources.renewals.total_count} MetaStudio resources expire before ${data.cloudquota_metastudio_expiring_resources.renewals.resource_expire_end_time}."
  }
}

output "hss_premium_licences" {
  description = "HSS premium licences: total, used and free."
  value = {
    total     = data.cloudquota_hss_resource_quotas.premium.total_num
    used      = data.cloudquota_hss_resource_quotas.premium.used_num
    available = data.cloudquota_hss_resource_quotas.premium.available_num
  }
}

output "hss_free_image_scans" {
  description = "Free HSS image scans left."
  value       = data.cloudquota_hss_image_scan_statistics.images.free_quota_num
}

output "metastudio_expiring" {
  description = "MetaStudio resources expiring within the renewal window, by business type."
  value = [
    for r in data.cloudquota_metastudio_expiring_resources.renewals.resources :
    "${r.business_type} (${r.charging_mode}, ${r.resource_source}): ${r.count}"
  ]
}
