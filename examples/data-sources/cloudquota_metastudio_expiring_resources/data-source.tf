variable "renewals_ordered" {
  type    = number
  default = 20
}

data "cloudquota_metastudio_expiring_resources" "next_30_days" {
  business        = ["LIVE_2D", "VIDEO_2D"]
  expiring_within = "720h" # known at plan time, unlike timestamp()
}

# Fail the plan when a renewal order does not cover every resource that expires within 30 days.
resource "terraform_data" "renewal_order" {
  input = var.renewals_ordered

  lifecycle {
    precondition {
      condition     = var.renewals_ordered >= data.cloudquota_metastudio_expiring_resources.next_30_days.total_count
      error_message = "${data.cloudquota_metastudio_expiring_resources.next_30_days.total_count} MetaStudio resources expire before ${data.cloudquota_metastudio_expiring_resources.next_30_days.resource_expire_end_time}; the order renews ${var.renewals_ordered}."
    }
  }
}

# Warn (without failing the plan) when MetaStudio packages expire within 30 days.
check "metastudio_renewals" {
  assert {
    condition     = data.cloudquota_metastudio_expiring_resources.next_30_days.total_count == 0
    error_message = "${data.cloudquota_metastudio_expiring_resources.next_30_days.total_count} MetaStudio resources expire before ${data.cloudquota_metastudio_expiring_resources.next_30_days.resource_expire_end_time}."
  }
}

# An explicit window, in RFC 3339.
data "cloudquota_metastudio_expiring_resources" "q1" {
  resource_expire_start_time = "2027-01-01T00:00:00+08:00"
  resource_expire_end_time   = "2027-04-01T00:00:00+08:00"
}
