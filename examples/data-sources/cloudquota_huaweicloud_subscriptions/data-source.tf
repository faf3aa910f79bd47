variable "renew_within" {
  description = "Fail the plan when an HSS subscription expires within this long."
  type        = string
  default     = "336h" # 14 days
}

# The account's HSS yearly/monthly subscriptions that expire within the window, from the
# billing API. expiring_within is known at plan time, unlike a window built from timestamp().
data "cloudquota_huaweicloud_subscriptions" "hss" {
  products        = ["hws.service.type.hss"]
  expiring_within = var.renew_within
  # site = "intl" # an account of the international site (bss-intl.myhuaweicloud.com)
}

# Fail the plan while something the workload relies on expires within the window.
resource "terraform_data" "workload" {
  lifecycle {
    precondition {
      condition     = data.cloudquota_huaweicloud_subscriptions.hss.total_count == 0
      error_message = "HSS subscriptions expire within ${var.renew_within}: ${join(", ", [for s in data.cloudquota_huaweicloud_subscriptions.hss.subscriptions : "${s.name} (${s.id}) in ${s.days_left} days${s.auto_renew ? ", renews itself" : ""}"])}."
    }
  }
}
