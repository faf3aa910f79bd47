variable "subnets_to_add" {
  type    = number
  default = 10
}

# One resource type (sent as the API's `type`); without it, every type.
data "cloudquota_huaweicloud_vpc_quotas" "subnets" {
  type = "subnet"
}

locals {
  subnets = data.cloudquota_huaweicloud_vpc_quotas.subnets.quotas["subnet"]
}

# Fail the plan when the project has fewer free subnets than the change creates.
resource "terraform_data" "subnets" {
  input = var.subnets_to_add

  lifecycle {
    precondition {
      condition     = local.subnets.unlimited || local.subnets.available >= var.subnets_to_add
      error_message = "Only ${local.subnets.available} subnets are free; ${var.subnets_to_add} are needed."
    }
  }
}

# Every network quota, keyed by the API's type names (vpc, securityGroup, publicIp, ...).
data "cloudquota_huaweicloud_vpc_quotas" "all" {}

output "eips_free" {
  value = data.cloudquota_huaweicloud_vpc_quotas.all.quotas["publicIp"].available
}
