# capacity-guard: a plan that stops before anything is created when the cloud accounts lack the
# licences a change needs, and warns about what will need attention soon. It reads cloudquota data
# sources across Huawei Cloud, Tencent Cloud and Alibaba Cloud, and warns about Huawei Cloud
# subscriptions that expire soon.
#
# The change is a rollout that adds hosts protected by Huawei Cloud HSS premium, container images
# scanned by Tencent Cloud TCSS, and servers bound to Alibaba Cloud Security Center. The rollout
# itself is a provider-free terraform_data resource, so that the module needs no other provider.
#
# Credentials come from the environment: HW_ACCESS_KEY / HW_SECRET_KEY,
# TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY, ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY.
# `make demo` runs it against the cloudquota emulator.
terraform {
  required_version = ">= 1.5"
  required_providers {
    cloudquota = {
      source = "cloudquota/cloudquota"
    }
  }
}

variable "hosts_to_protect" {
  description = "Hosts the rollout adds, each needing a free Huawei Cloud HSS premium licence."
  type        = number
  default     = 10
}

variable "images_to_scan" {
  description = "Container images the rollout adds, each needing a free Tencent Cloud TCSS image authorization."
  type        = number
  default     = 200
}

variable "servers_to_add" {
  description = "Servers the rollout adds, each needing a free Alibaba Cloud Security Center server authorization of the enterprise edition or higher."
  type        = number
  default     = 8
}

variable "renewal_window" {
  description = "Warn about MetaStudio resources and Huawei Cloud subscriptions that expire within this long (a duration such as \"720h\")."
  type        = string
  default     = "720h"
}

variable "emulator_url" {
  description = "One URL for every service of the three clouds: the cloudquota emulator. Null (the default) for the public endpoints."
  type        = string
  default     = null
}

provider "cloudquota" {
  huaweicloud {
    region = "cn-north-4"
    endpoints = var.emulator_url == null ? null : {
      hss        = var.emulator_url
      metastudio = var.emulator_url
      iam        = var.emulator_url
      bss        = var.emulator_url
    }
  }
  tencentcloud {
    region    = "ap-guangzhou"
    endpoints = var.emulator_url == null ? null : { tcss = var.emulator_url }
  }
  alicloud {
    region    = "cn-shanghai"
    endpoints = var.emulator_url == null ? null : { sas = var.emulator_url }
  }
}

# Huawei Cloud HSS: premium licences, and image scans.
data "cloudquota_hss_resource_quotas" "premium" {
  version = "hss.version.premium"
}

data "cloudquota_hss_image_scan_statistics" "images" {}

# Huawei Cloud MetaStudio: resources expiring within the renewal window. expiring_within is
# known at plan time, unlike a window built from timestamp().
data "cloudquota_metastudio_expiring_resources" "renewals" {
  expiring_within = var.renewal_window
}

# Huawei Cloud billing: the yearly/monthly subscriptions the rollout relies on (HSS and the
# servers) that expire within the renewal window. The check below only warns; the
# expiring-subscriptions guide shows the precondition that stops the plan.
data "cloudquota_huaweicloud_subscriptions" "renewals" {
  products        = ["hws.service.type.hss", "hws.service.type.ec2"]
  expiring_within = var.renewal_window
}

# Tencent Cloud TCSS: image scanning authorizations.
data "cloudquota_tcss_image_authorized_info" "images" {}

# Alibaba Cloud Security Center: editions bought and server authorizations.
data "cloudquota_sas_auth_summary" "servers" {}

locals {
  hss_premium = data.cloudquota_hss_resource_quotas.premium
  tcss        = data.cloudquota_tcss_image_authorized_info.images
  sas         = data.cloudquota_sas_auth_summary.servers

  # Unused server authorizations of the enterprise edition or higher (index 4 is enterprise,
  # 5 ultimate), over every subscription edition bought.
  sas_free_servers = sum(concat([0], [
    for v in local.sas.version_summary : v.unused_ecs_auth_count if v.index >= 4
  ]))
}

# Stands in for what the rollout creates. A failed precondition stops the plan before anything
# is created, with a message that says which licence is short and by how much.
resource "terraform_data" "rollout" {
  input = {
    hosts   = var.hosts_to_protect
    images  = var.images_to_scan
    servers = var.servers_to_add
  }

  lifecycle {
    precondition {
      condition     = local.hss_premium.available_num >= var.hosts_to_protect
      error_message = "Huawei Cloud HSS: the rollout protects ${var.hosts_to_protect} hosts, but only ${local.hss_premium.available_num} of ${local.hss_premium.total_num} premium licences are free (${local.hss_premium.used_num} in use). Buy ${var.hosts_to_protect - local.hss_premium.available_num} more or protect fewer hosts."
    }
    precondition {
      condition     = local.tcss.available_authorized_cnt >= var.images_to_scan
      error_message = "Tencent Cloud TCSS: the rollout adds ${var.images_to_scan} images to scan, but only ${local.tcss.available_authorized_cnt} of ${local.tcss.total_authorized_cnt} image authorizations are free."
    }
    precondition {
      condition     = local.sas_free_servers >= var.servers_to_add
      error_message = "Alibaba Cloud Security Center: the rollout adds ${var.servers_to_add} servers, but only ${local.sas_free_servers} server authorizations of the enterprise edition or higher are free."
    }
  }
}

# Checks warn without failing the plan.
check "metastudio_renewals" {
  assert {
    condition     = data.cloudquota_metastudio_expiring_resources.renewals.total_count == 0
    error_message = "Huawei Cloud MetaStudio: ${data.cloudquota_metastudio_expiring_resources.renewals.total_count} resources expire before ${data.cloudquota_metastudio_expiring_resources.renewals.resource_expire_end_time}; renew them."
  }
}

check "subscription_renewals" {
  assert {
    condition     = data.cloudquota_huaweicloud_subscriptions.renewals.total_count == 0
    error_message = "Huawei Cloud: ${data.cloudquota_huaweicloud_subscriptions.renewals.total_count} subscriptions expire within ${var.renewal_window}, the first in ${data.cloudquota_huaweicloud_subscriptions.renewals.min_days_left} days (${join(", ", [for s in data.cloudquota_huaweicloud_subscriptions.renewals.subscriptions : "${s.name} ${s.expire_time}"])}); renew them."
  }
}

check "hss_image_scans" {
  assert {
    condition     = data.cloudquota_hss_image_scan_statistics.images.unscan.registry <= data.cloudquota_hss_image_scan_statistics.images.free_quota_num
    error_message = "Huawei Cloud HSS: ${data.cloudquota_hss_image_scan_statistics.images.unscan.registry} registry images are not scanned yet and ${data.cloudquota_hss_image_scan_statistics.images.free_quota_num} free image scans are left; the rest are billed per scan."
  }
}

check "sas_auto_bind" {
  assert {
    condition     = local.sas.auto_bind
    error_message = "Alibaba Cloud Security Center does not bind new servers automatically: bind the rollout's servers by hand."
  }
}

output "hss_premium_licences" {
  description = "Huawei Cloud HSS premium licences: needed by the rollout, free, used and total."
  value = {
    needed = var.hosts_to_protect
    free   = local.hss_premium.available_num
    used   = local.hss_premium.used_num
    total  = local.hss_premium.total_num
  }
}

output "tcss_image_authorizations" {
  description = "Tencent Cloud TCSS image authorizations: needed by the rollout, free, used and total."
  value = {
    needed = var.images_to_scan
    free   = local.tcss.available_authorized_cnt
    used   = local.tcss.used_authorized_cnt
    total  = local.tcss.total_authorized_cnt
  }
}

output "sas_server_authorizations" {
  description = "Alibaba Cloud Security Center: server authorizations (enterprise or higher) needed and free, the highest edition bought, and whether new servers are bound automatically."
  value = {
    needed          = var.servers_to_add
    free            = local.sas_free_servers
    highest_edition = local.sas.highest_version_name
    auto_bind       = local.sas.auto_bind
  }
}

output "hss_image_scans" {
  description = "Huawei Cloud HSS image scans: free scans left, registry images not scanned yet, high-risk images."
  value = {
    free_scans_left           = data.cloudquota_hss_image_scan_statistics.images.free_quota_num
    registry_images_unscanned = data.cloudquota_hss_image_scan_statistics.images.unscan.registry
    high_risk_images = (
      data.cloudquota_hss_image_scan_statistics.images.high_risk.local +
      data.cloudquota_hss_image_scan_statistics.images.high_risk.registry +
      data.cloudquota_hss_image_scan_statistics.images.high_risk.cicd
    )
  }
}

output "metastudio_expiring" {
  description = "Huawei Cloud MetaStudio resources expiring within the renewal window, by business type."
  value = [
    for r in data.cloudquota_metastudio_expiring_resources.renewals.resources :
    "${r.business_type} (${r.charging_mode}, ${r.resource_source}): ${r.count}"
  ]
}
