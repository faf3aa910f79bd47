variable "vpcs_to_create" {
  type    = number
  default = 2
}

# Quota IDs are the API's: read `quotas[*].name` once to find the one you need (here "1",
# the VPCs a region may hold in the emulator's example data).
data "cloudquota_tencentcloud_vpc_quotas" "this" {
  product = "vpc"
}

locals {
  vpcs = data.cloudquota_tencentcloud_vpc_quotas.this.quotas["1"]
}

# Fail the plan when the region has no room for the VPCs a change creates.
resource "terraform_data" "network" {
  input = var.vpcs_to_create

  lifecycle {
    precondition {
      condition     = local.vpcs.unlimited || local.vpcs.available >= var.vpcs_to_create
      error_message = "Only ${local.vpcs.available} more VPCs fit (${local.vpcs.name}: ${local.vpcs.used} of ${local.vpcs.limit}); ${var.vpcs_to_create} are needed."
    }
  }
}
