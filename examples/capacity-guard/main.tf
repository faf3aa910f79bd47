# capacity-guard: a plan that stops before anything is created when the cloud accounts lack the
# licences a change needs, and warns about what will need attention soon. It reads cloudquota data
# sources across Huawei Cloud, Tencent Cloud and Alibaba Cloud, checks the Huawei Cloud ECS vCPU
# and RAM quotas for the instances it adds, and warns about Huawei Cloud subscriptions that
# expire soon.
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

variable "instances_to_add" {
  description = "Huawei Cloud ECS instances the rollout adds, all of one flavor (flavor_vcpus and flavor_ram_mib)."
  type        = number
  default     = 4
}

variable "flavor_vcpus" {
  description = "vCPUs of the ECS flavor the rollout uses (4 for s6.xlarge.2)."
  type        = number
  default     = 4
}

variable "flavor_ram_mib" {
  description = "RAM of the ECS flavor the rollout uses, in MiB as the ECS quotas count it (8192 for s6.xlarge.2)."
  type        = number
  default     = 8192
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
      ecs        = var.emulator_url
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

# Huawei Cloud ECS: vCPU and RAM quotas and what is used of them.
data "cloudquota_huaweicloud_ecs_quotas" "compute" {}

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

# Stands in for the ECS instances the rollout creates: N instances of one flavor need N times its
# vCPUs and RAM free in the region's ECS quotas. A limit of -1 (no limit) reads as unlimited.
resource "terraform_data" "instances" {
  input = {
    instances = var.instances_to_add
    vcpus     = var.flavor_vcpus
    ram_mib   = var.flavor_ram_mib
  }

  lifecycle {
    precondition {
      condition     = local.ecs_cores.unlimited || local.ecs_cores.available >= var.instances_to_add * var.flavor_vcpus
      error_message = "Huawei Cloud ECS: ${var.instances_to_add} instances of ${var.flavor_vcpus} vCPUs need ${var.instances_to_add * var.flavor_vcpus} vCPUs, but only ${local.ecs_cores.available} of ${local.ecs_cores.limit} are free (${local.ecs_cores.used} in use)."
    }
    precondition {
      condition     = local.ecs_ram.unlimited || local.ecs_ram.available >= var.instances_to_add * var.flavor_ram_mib
      error_message = "Huawei Cloud ECS: ${var.instances_to_add} instances of ${var.flavor_ram_mib} MiB need ${var.instances_to_add * var.flavor_ram_mib} MiB of RAM, but only ${local.ecs_ram.available} MiB of ${local.ecs_ram.limit} are free (${local.ecs_ram.used} in use)."
    }
  }
}

locals {
  # The data source always has these keys; the zeros are for a mock_provider, which cannot mock
  # a map of objects yet and answers an empty map.
  no_quota  = { limit = 0, used = 0, available = 0, unlimited = false }
  ecs_cores = lookup(data.cloudquota_huaweicloud_ecs_quotas.compute.quotas, "cores", local.no_quota)
  ecs_ram   = lookup(data.cloudquota_huaweicloud_ecs_quotas.compute.quotas, "ram", local.no_quota)
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

output "ecs_capacity" {
  description = "Huawei Cloud ECS vCPUs and RAM (MiB): needed by the rollout's instances, free, and whether unlimited."
  value = {
    vcpus_needed   = var.instances_to_add * var.flavor_vcpus
    vcpus_free     = local.ecs_cores.available
    ram_mib_needed = var.instances_to_add * var.flavor_ram_mib
    ram_mib_free   = local.ecs_ram.available
    unlimited      = local.ecs_cores.unlimited && local.ecs_ram.unlimited
  }
}
