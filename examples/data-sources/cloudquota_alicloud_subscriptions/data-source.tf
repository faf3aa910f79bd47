variable "notice" {
  description = "How far ahead a Security Center expiry stops the plan."
  type        = string
  default     = "168h"
}

# The Security Center subscriptions of the account that expire within the notice. BssOpenApi is
# global per site: no region is needed; an account on the international site sets site = "intl".
data "cloudquota_alicloud_subscriptions" "sas" {
  products        = ["sas"]
  expiring_within = var.notice
}

# Fail the plan while the Security Center licence this module relies on expires within the notice.
resource "terraform_data" "hosts" {
  input = "v2"

  lifecycle {
    precondition {
      condition     = data.cloudquota_alicloud_subscriptions.sas.total_count == 0
      error_message = "A Security Center subscription expires on ${data.cloudquota_alicloud_subscriptions.sas.soonest_expire_time} (in ${data.cloudquota_alicloud_subscriptions.sas.min_days_left} days)."
    }
  }
}

# Warn at 60 days about the RDS instances of this module (test total_count before
# min_days_left, which is 0 when nothing is listed).
data "cloudquota_alicloud_subscriptions" "rds" {
  products     = ["rds"]
  resource_ids = ["rm-bp1x9k2m3n4"]
}

check "rds_renewal" {
  assert {
    condition     = data.cloudquota_alicloud_subscriptions.rds.total_count == 0 || data.cloudquota_alicloud_subscriptions.rds.min_days_left > 60
    error_message = "An RDS instance of this module expires on ${data.cloudquota_alicloud_subscriptions.rds.soonest_expire_time}."
  }
}
