variable "images_to_scan" {
  type    = number
  default = 1
}

data "cloudquota_hss_image_scan_statistics" "this" {
  enterprise_project_id = "all_granted_eps"
}

# Fail the plan when the images a change pushes would be billed per scan: too few free scans left.
resource "terraform_data" "images" {
  input = var.images_to_scan

  lifecycle {
    precondition {
      condition     = data.cloudquota_hss_image_scan_statistics.this.free_quota_num >= var.images_to_scan
      error_message = "Only ${data.cloudquota_hss_image_scan_statistics.this.free_quota_num} free HSS image scans are left; ${var.images_to_scan} are needed."
    }
  }
}

# Warn (without failing the plan) when high-risk registry images are waiting.
check "no_high_risk_registry_images" {
  assert {
    condition     = data.cloudquota_hss_image_scan_statistics.this.high_risk.registry == 0
    error_message = "${data.cloudquota_hss_image_scan_statistics.this.high_risk.registry} high-risk registry images need attention."
  }
}

output "free_image_scans_left" {
  value = data.cloudquota_hss_image_scan_statistics.this.free_quota_num
}
