# `terraform test` of quota-guard with the quotas of real data sources, read from a running
# cloudquota emulator serving the example data (internal/emulator/testdata/example-data.json).
# Run by ../capacity-guard/test.sh (`make tftest`); by hand, with the emulator's Huawei key pair
# in HW_ACCESS_KEY / HW_SECRET_KEY:
#   terraform test -var emulator_url=http://127.0.0.1:PORT
# (the helper module declares emulator_url, so the first run takes it from the command line).

run "huaweicloud" {
  command = plan

  module {
    source = "./tests/huaweicloud"
  }
}

# ECS in the example data: 20 vCPUs, 40960 MiB and 2 of 50 instances free.
run "ecs_room_for_two_instances" {
  command = plan

  variables {
    name   = "Huawei Cloud ECS"
    quotas = run.huaweicloud.ecs
    needs  = { instances = 2, cores = 16, ram = 32768 }
  }

  assert {
    condition     = output.shortfalls == {} && output.headroom == { instances = 0, cores = 4, ram = 8192 }
    error_message = "headroom ${jsonencode(output.headroom)}, shortfalls ${jsonencode(output.shortfalls)}"
  }
}

run "ecs_too_few_vcpus" {
  command = plan

  variables {
    quotas = run.huaweicloud.ecs
    needs  = { cores = 24 }
  }

  expect_failures = [terraform_data.guard]
}

# VPC's quotas carry min besides the four fields: the variable's type drops it. address_group
# is unlimited (-1) in the example data, so any need fits; 11 of 10 EIPs are used, so none is left.
run "vpc_unlimited_fits" {
  command = plan

  variables {
    quotas = run.huaweicloud.vpc
    needs  = { address_group = 1000 }
  }

  assert {
    condition     = output.headroom.address_group == -1
    error_message = "address_group headroom ${output.headroom.address_group}, want -1 (unlimited)"
  }
}

run "vpc_no_eip_left" {
  command = plan

  variables {
    quotas = run.huaweicloud.vpc
    needs  = { publicIp = 1 }
  }

  expect_failures = [terraform_data.guard]
}

# EVS per-type keys, a type newer than the SDK included: 38 GPSSD disks free.
run "evs_gpssd_disks" {
  command = plan

  variables {
    quotas = run.huaweicloud.evs
    needs  = { volumes_GPSSD = 38, gigabytes_GPSSD = 8192 }
  }

  assert {
    condition     = output.headroom == { volumes_GPSSD = 0, gigabytes_GPSSD = 0 }
    error_message = "headroom ${jsonencode(output.headroom)}"
  }
}

run "evs_one_gpssd_disk_too_many" {
  command = plan

  variables {
    quotas = run.huaweicloud.evs
    needs  = { volumes_GPSSD = 39 }
  }

  expect_failures = [terraform_data.guard]
}

run "unknown_key_refused" {
  command = plan

  variables {
    quotas = run.huaweicloud.ecs
    needs  = { vcpus = 1 }
  }

  expect_failures = [terraform_data.guard]
}
