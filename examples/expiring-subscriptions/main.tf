# expiring-subscriptions: warn when a yearly/monthly subscription a workload relies on expires
# within 60 days, and stop the plan once one expires within 14 days. The module of the expiring
# subscriptions guide (docs/guides/expiring-subscriptions.md); `make tftest` runs its tests/
# against the cloudquota emulator.
#
# Credentials come from the environment: HW_ACCESS_KEY / HW_SECRET_KEY (and HW_DOMAIN_ID, to
# skip the IAM lookup of the account).
terraform {
  required_version = ">= 1.5"
  required_providers {
    cloudquota = {
      source = "cloudquota/cloudquota"
    }
  }
}

variable "products" {
  description = "The Huawei Cloud service type codes the workload relies on."
  type        = set(string)
  default     = ["hws.service.type.hss"]
}

variable "warn_days" {
  description = "Warn when a subscription expires within this many days."
  type        = number
  default     = 60
}

variable "fail_days" {
  description = "Stop the plan when a subscription expires within this many days."
  type        = number
  default     = 14
}

variable "emulator_url" {
  description = "The cloudquota emulator's URL for BSS and IAM; null (the default) for the public endpoints."
  type        = string
  default     = null
}

provider "cloudquota" {
  huaweicloud {
    region    = "cn-north-4"
    endpoints = var.emulator_url == null ? null : { bss = var.emulator_url, iam = var.emulator_url }
  }
}

# One read for both thresholds: everything that expires within the wider one. The window is
# known at plan time (a duration), unlike one built from timestamp().
data "cloudquota_huaweicloud_subscriptions" "due" {
  products        = var.products
  expiring_within = "${var.warn_days * 24}h"
}

locals {
  due = data.cloudquota_huaweicloud_subscriptions.due
  list = join(", ", [
    for s in local.due.subscriptions : "${s.name} (${s.id}) in ${s.days_left} days${s.auto_renew ? ", renews itself" : ""}"
  ])
}

# 60 days: a check block's assert warns and never stops the plan.
check "renewal_due" {
  assert {
    condition     = local.due.total_count == 0
    error_message = "${local.due.total_count} subscriptions expire within ${var.warn_days} days: ${local.list}."
  }
}

# 14 days: a precondition stops the plan. Test total_count first: min_days_left is 0 when the
# list is empty.
resource "terraform_data" "workload" {
  input = var.products

  lifecycle {
    precondition {
      condition     = local.due.total_count == 0 || local.due.min_days_left >= var.fail_days
      error_message = "A subscription the workload relies on expires within ${var.fail_days} days: ${local.list}. Renew it first."
    }
  }
}

output "expiring" {
  description = "The subscriptions that expire within warn_days, soonest first."
  value = [
    for s in local.due.subscriptions : { id = s.id, name = s.name, days_left = s.days_left, auto_renew = s.auto_renew }
  ]
}
