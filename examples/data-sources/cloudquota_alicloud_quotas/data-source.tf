variable "security_groups_to_add" {
  type    = number
  default = 10
}

# ECS quotas in one region (the default dimension is { regionId = region }).
data "cloudquota_alicloud_quotas" "ecs" {
  region       = "cn-shanghai"
  product_code = "ecs"
}

locals {
  security_groups = data.cloudquota_alicloud_quotas.ecs.quotas["q_security-groups"]
}

# Fail the plan when the region has no room for the new security groups.
resource "terraform_data" "security_groups" {
  input = var.security_groups_to_add

  lifecycle {
    precondition {
      condition     = local.security_groups.unlimited || local.security_groups.available >= var.security_groups_to_add
      error_message = "Only ${local.security_groups.available} of ${local.security_groups.limit} security groups are left in cn-shanghai; ${var.security_groups_to_add} are needed."
    }
  }
}

# API rate quotas are another category, reported as limits (they have no usage).
data "cloudquota_alicloud_quotas" "ecs_api" {
  region         = "cn-shanghai"
  product_code   = "ecs"
  quota_category = "FlowControl"
}

output "ecs_api_rate_limits" {
  value = data.cloudquota_alicloud_quotas.ecs_api.limits
}
