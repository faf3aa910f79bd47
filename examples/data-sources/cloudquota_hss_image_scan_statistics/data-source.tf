data "cloudquota_hss_image_scan_statistics" "this" {
  enterprise_project_id = "all_granted_eps"
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
