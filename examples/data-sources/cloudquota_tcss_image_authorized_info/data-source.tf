variable "images_to_scan" {
  type    = number
  default = 500
}

data "cloudquota_tcss_image_authorized_info" "this" {}

# Fail the plan when too few TCSS image authorizations are free for the images a change adds.
resource "terraform_data" "registry" {
  input = var.images_to_scan

  lifecycle {
    precondition {
      condition     = data.cloudquota_tcss_image_authorized_info.this.available_authorized_cnt >= var.images_to_scan
      error_message = "Only ${data.cloudquota_tcss_image_authorized_info.this.available_authorized_cnt} TCSS image authorizations are free; ${var.images_to_scan} are needed."
    }
  }
}

# Warn when the image scan billing period ends within 30 days (times are RFC 3339).
check "tcss_scan_billing" {
  assert {
    condition     = timecmp(data.cloudquota_tcss_image_authorized_info.this.image_scan_inquire_info.end_time, timeadd(plantimestamp(), "720h")) > 0
    error_message = "The TCSS image scan billing period ends ${data.cloudquota_tcss_image_authorized_info.this.image_scan_inquire_info.end_time}."
  }
}
