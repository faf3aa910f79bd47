# quota-guard: a portable capacity precondition. It takes the `quotas` map of any cloudquota
# general-quota data source (Huawei Cloud, Tencent Cloud or Alibaba Cloud: the four fields are the
# same on every cloud) and what a change needs of each quota, and stops the plan, before anything
# is created, when a quota is short or unknown. It needs no provider of its own.
#
#   module "ecs_capacity" {
#     source = "./quota-guard"
#     name   = "Huawei Cloud ECS"
#     quotas = data.cloudquota_huaweicloud_ecs_quotas.this.quotas
#     needs  = { instances = 4, cores = 16, ram = 32768 }
#   }
#
# Extra fields a data source adds to its quotas (VPC's min, EVS's reserved) are dropped by the
# variable's type, so any of them fits.
terraform {
  required_version = ">= 1.5"
}

variable "quotas" {
  description = "A general-quota data source's `quotas` attribute: limit, used, available and unlimited by key."
  type = map(object({
    limit     = number
    used      = number
    available = number
    unlimited = bool
  }))
}

variable "needs" {
  description = "How much of each quota the change needs, by the quotas' keys, such as { cores = 16, ram = 32768 }."
  type        = map(number)
}

variable "name" {
  description = "What the quotas are, for the messages, such as \"Huawei Cloud ECS (cn-north-4)\"."
  type        = string
  default     = "quotas"
}

locals {
  # Keys the change needs that the quotas do not have: a typo, or a quota of another cloud.
  unknown = sort([for k in keys(var.needs) : k if !contains(keys(var.quotas), k)])

  # The needed quotas that exist, with what the change needs of each.
  known = { for k, n in var.needs : k => merge(var.quotas[k], { needed = n }) if contains(keys(var.quotas), k) }

  # Quotas that cannot take the change. The test every cloud shares: unlimited, or enough available.
  short = { for k, q in local.known : k => q if !(q.unlimited || q.available >= q.needed) }
}

# Stands in for the guard: a failed precondition stops the plan with the quotas that are short.
resource "terraform_data" "guard" {
  input = var.needs

  lifecycle {
    precondition {
      condition     = length(local.unknown) == 0
      error_message = "${var.name}: no quota named ${join(", ", local.unknown)}; the quotas are ${join(", ", sort(keys(var.quotas)))}."
    }
    precondition {
      condition     = length(local.short) == 0
      error_message = "${var.name}: not enough quota for the change: ${join("; ", [for k, q in local.short : "${k} needs ${q.needed}, ${q.available} of ${q.limit} free (${q.used} used)"])}."
    }
  }
}

output "shortfalls" {
  description = "The quotas that cannot take the change, with what it needs of each: {} when all can."
  value       = local.short
}

output "headroom" {
  description = "What each needed quota has left after the change (negative: short); -1 for an unlimited quota."
  value       = { for k, q in local.known : k => (q.unlimited ? -1 : q.available - q.needed) }
}
