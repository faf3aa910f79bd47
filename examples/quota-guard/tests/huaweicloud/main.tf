# A helper module for emulator.tftest.hcl: the three Huawei Cloud general-quota data sources read
# from the cloudquota emulator, their `quotas` as outputs for the module under test.
terraform {
  required_providers {
    cloudquota = {
      source = "cloudquota/cloudquota"
    }
  }
}

variable "emulator_url" {
  type = string
}

provider "cloudquota" {
  huaweicloud {
    region    = "cn-north-4"
    endpoints = { iam = var.emulator_url, ecs = var.emulator_url, vpc = var.emulator_url, evs = var.emulator_url }
  }
}

data "cloudquota_huaweicloud_ecs_quotas" "this" {}
data "cloudquota_huaweicloud_vpc_quotas" "this" {}
data "cloudquota_huaweicloud_evs_quotas" "this" {}

output "ecs" {
  value = data.cloudquota_huaweicloud_ecs_quotas.this.quotas
}

output "vpc" {
  value = data.cloudquota_huaweicloud_vpc_quotas.this.quotas
}

output "evs" {
  value = data.cloudquota_huaweicloud_evs_quotas.this.quotas
}
