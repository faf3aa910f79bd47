variable "instances_to_add" {
  type    = number
  default = 2
}

variable "flavor_vcpus" {
  type    = number
  default = 4
}

variable "flavor_ram_mib" {
  type    = number
  default = 8192 # ECS counts RAM in MiB
}

data "cloudquota_huaweicloud_ecs_quotas" "this" {}

locals {
  ecs = data.cloudquota_huaweicloud_ecs_quotas.this.quotas # every key is always there
}

# Fail the plan when the region's ECS quotas cannot take N instances of the flavor. A limit of -1
# (no limit) reads as unlimited, so test `unlimited || available >= n`.
resource "terraform_data" "instances" {
  input = var.instances_to_add

  lifecycle {
    precondition {
      condition     = local.ecs["instances"].unlimited || local.ecs["instances"].available >= var.instances_to_add
      error_message = "Only ${local.ecs["instances"].available} more ECS instances fit the quota; ${var.instances_to_add} are needed."
    }
    precondition {
      condition     = local.ecs["cores"].unlimited || local.ecs["cores"].available >= var.instances_to_add * var.flavor_vcpus
      error_message = "Only ${local.ecs["cores"].available} vCPUs are free; ${var.instances_to_add * var.flavor_vcpus} are needed."
    }
    precondition {
      condition     = local.ecs["ram"].unlimited || local.ecs["ram"].available >= var.instances_to_add * var.flavor_ram_mib
      error_message = "Only ${local.ecs["ram"].available} MiB of RAM are free; ${var.instances_to_add * var.flavor_ram_mib} MiB are needed."
    }
  }
}

# Limits without a usage: the most rules one security group can hold.
output "security_group_rules_per_group" {
  value = data.cloudquota_huaweicloud_ecs_quotas.this.limits["security_group_rules"]
}
