variable "hosts_to_protect" {
  type    = number
  default = 20
}

data "cloudquota_hss_resource_quotas" "premium" {
  version       = "hss.version.premium"
  charging_mode = "packet_cycle"
}

# Fail the plan before any host is created when too few premium licences are free.
resource "terraform_data" "hosts" {
  input = var.hosts_to_protect

  lifecycle {
    precondition {
      condition     = data.cloudquota_hss_resource_quotas.premium.available_num >= var.hosts_to_protect
      error_message = "Only ${data.cloudquota_hss_resource_quotas.premium.available_num} HSS premium licences are free; ${var.hosts_to_protect} are needed."
    }
  }
}
