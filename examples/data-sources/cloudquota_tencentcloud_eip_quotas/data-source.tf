variable "eips_to_allocate" {
  type    = number
  default = 2
}

data "cloudquota_tencentcloud_eip_quotas" "this" {}

locals {
  eips = data.cloudquota_tencentcloud_eip_quotas.this.quotas["TOTAL_EIP_QUOTA"]
}

# Fail the plan when the region cannot hold the EIPs a change allocates.
resource "terraform_data" "eips" {
  input = var.eips_to_allocate

  lifecycle {
    precondition {
      condition     = local.eips.unlimited || local.eips.available >= var.eips_to_allocate
      error_message = "Only ${local.eips.available} more EIPs fit in this region (${local.eips.used} of ${local.eips.limit} held); ${var.eips_to_allocate} are needed."
    }
  }
}
