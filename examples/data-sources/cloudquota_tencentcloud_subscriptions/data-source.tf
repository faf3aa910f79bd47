variable "notice" {
  description = "How far ahead an expiry without auto-renewal stops the plan."
  type        = string
  default     = "168h"
}

# Everything on Tencent Cloud's renewal page that expires within the notice. The billing API is
# global: no region is needed. A sub-user needs the CAM policy QcloudFinanceRenewManageFullAccess.
data "cloudquota_tencentcloud_subscriptions" "expiring" {
  expiring_within = var.notice
}

# Fail the plan while anything expires within the notice and does not renew itself.
resource "terraform_data" "release" {
  input = "v2"

  lifecycle {
    precondition {
      condition = length([
        for s in data.cloudquota_tencentcloud_subscriptions.expiring.subscriptions : s if !s.auto_renew
      ]) == 0
      error_message = "Tencent Cloud subscriptions expire within ${var.notice} without auto-renewal: ${join(", ", [
        for s in data.cloudquota_tencentcloud_subscriptions.expiring.subscriptions : "${s.product} ${s.id} (${s.expire_time})" if !s.auto_renew
      ])}."
    }
  }
}

# Only the CVM instances of this module, on the international site; expire_time is RFC 3339
# (Tencent's Beijing time with +08:00), so timecmp() works on it.
variable "instance_ids" {
  type    = set(string)
  default = ["ins-7d2a9c1e"]
}

data "cloudquota_tencentcloud_subscriptions" "cvm" {
  site         = "intl"
  products     = ["p_cvm"]
  resource_ids = var.instance_ids
}

check "cvm_renewal" {
  assert {
    condition = data.cloudquota_tencentcloud_subscriptions.cvm.total_count == 0 || timecmp(
      data.cloudquota_tencentcloud_subscriptions.cvm.soonest_expire_time, timeadd(plantimestamp(), "1440h")
    ) > 0
    error_message = "A CVM instance of this module expires on ${data.cloudquota_tencentcloud_subscriptions.cvm.soonest_expire_time}."
  }
}
