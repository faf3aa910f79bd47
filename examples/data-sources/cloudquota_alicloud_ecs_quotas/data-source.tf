variable "vcpus_to_add" {
  type    = number
  default = 32
}

data "cloudquota_alicloud_ecs_quotas" "this" {
  region = "cn-shanghai"
}

locals {
  postpaid_vcpus = data.cloudquota_alicloud_ecs_quotas.this.quotas["postpaid-instance-vcpu-count"]
}

# Fail the plan when the new pay-as-you-go instances' vCPUs do not fit in the region.
resource "terraform_data" "instances" {
  input = var.vcpus_to_add

  lifecycle {
    precondition {
      condition     = local.postpaid_vcpus.unlimited || local.postpaid_vcpus.available >= var.vcpus_to_add
      error_message = "Only ${local.postpaid_vcpus.available} of ${local.postpaid_vcpus.limit} pay-as-you-go vCPUs are left in cn-shanghai; ${var.vcpus_to_add} are needed."
    }
  }
}

# Spot vCPUs are reported per zone when the values name one: "spot-instance-vcpu-count/<zone>".
output "spot_vcpus_available" {
  value = {
    for k, q in data.cloudquota_alicloud_ecs_quotas.this.quotas : k => q.available
    if startswith(k, "spot-instance-vcpu-count")
  }
}
