variable "disks_to_add" {
  type    = number
  default = 10
}

variable "disk_gib" {
  type    = number
  default = 100
}

variable "disk_type" {
  type    = string
  default = "GPSSD" # per-type keys are volumes_<TYPE>, gigabytes_<TYPE>, snapshots_<TYPE>
}

data "cloudquota_huaweicloud_evs_quotas" "this" {}

locals {
  evs      = data.cloudquota_huaweicloud_evs_quotas.this.quotas
  of_type  = local.evs["volumes_${var.disk_type}"]
  gib_type = local.evs["gigabytes_${var.disk_type}"]
  gib      = local.evs["gigabytes"] # all types together
}

# Fail the plan when the disks of this type, or their capacity, do not fit the quotas.
resource "terraform_data" "disks" {
  input = { disks = var.disks_to_add, gib = var.disk_gib, type = var.disk_type }

  lifecycle {
    precondition {
      condition     = local.of_type.unlimited || local.of_type.available >= var.disks_to_add
      error_message = "Only ${local.of_type.available} ${var.disk_type} disks are free; ${var.disks_to_add} are needed."
    }
    precondition {
      condition = alltrue([
        for q in [local.gib_type, local.gib] : q.unlimited || q.available >= var.disks_to_add * var.disk_gib
      ])
      error_message = "The disks need ${var.disks_to_add * var.disk_gib} GiB; ${local.gib_type.available} GiB of ${var.disk_type} and ${local.gib.available} GiB in all are free."
    }
  }
}
