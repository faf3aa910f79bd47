variable "servers_to_add" {
  type    = number
  default = 10
}

data "cloudquota_sas_auth_summary" "this" {
  region = "cn-shanghai"
}

locals {
  # Unused server authorizations of the enterprise edition, across the summary's entries.
  enterprise_unused = sum(concat([0], [
    for v in data.cloudquota_sas_auth_summary.this.version_summary : v.unused_ecs_auth_count
    if v.version_name == "enterprise"
  ]))
}

# Fail the plan when the new servers cannot all be bound to an enterprise licence.
resource "terraform_data" "servers" {
  input = var.servers_to_add

  lifecycle {
    precondition {
      condition     = local.enterprise_unused >= var.servers_to_add
      error_message = "Security Center has ${local.enterprise_unused} unused enterprise server authorizations; ${var.servers_to_add} are needed."
    }
  }
}

# Warn when new assets will not be protected automatically.
check "sas_auto_bind" {
  assert {
    condition     = data.cloudquota_sas_auth_summary.this.auto_bind
    error_message = "Security Center does not bind new assets automatically (highest edition: ${data.cloudquota_sas_auth_summary.this.highest_version_name})."
  }
}
