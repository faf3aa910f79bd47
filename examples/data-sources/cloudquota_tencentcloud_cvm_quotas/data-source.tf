variable "zone" {
  type    = string
  default = "ap-guangzhou-3"
}

variable "instance_count" {
  type    = number
  default = 10
}

data "cloudquota_tencentcloud_cvm_quotas" "this" {
  zones = [var.zone]
}

locals {
  # A zone the answer does not list has no room: read it as a quota of zeros.
  post_paid = lookup(data.cloudquota_tencentcloud_cvm_quotas.this.quotas, "post_paid/${var.zone}",
  { limit = 0, used = 0, available = 0, unlimited = false })
}

# Fail the plan when the zone's post-paid CVM quota cannot take the instances a change adds.
# Tencent does not state the unit of the post-paid quota: check it against the CVM console for
# your account (multiply by the instance type's vCPUs if it counts vCPUs).
resource "terraform_data" "instances" {
  input = var.instance_count

  lifecycle {
    precondition {
      condition     = local.post_paid.unlimited || local.post_paid.available >= var.instance_count
      error_message = "Only ${local.post_paid.available} post-paid CVM quota is left in ${var.zone}; ${var.instance_count} instances are needed."
    }
  }
}

# Custom images are an account-wide quota.
check "cvm_images" {
  assert {
    condition     = data.cloudquota_tencentcloud_cvm_quotas.this.quotas["image"].available > 0
    error_message = "No custom CVM image can be created: ${data.cloudquota_tencentcloud_cvm_quotas.this.quotas["image"].used} of ${data.cloudquota_tencentcloud_cvm_quotas.this.quotas["image"].limit} are used."
  }
}
