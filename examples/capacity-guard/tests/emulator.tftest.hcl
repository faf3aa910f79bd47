# `terraform test` against a running cloudquota emulator, serving the example data
# (internal/emulator/testdata/example-data.json): the provider signs real requests and decodes
# the clouds' real answers. Run it with ../test.sh (`make tftest`), which builds the provider,
# starts the emulators and passes their URLs; by hand:
#   terraform test -var emulator_url=http://127.0.0.1:PORT -var 'faulty_emulator_url="http://127.0.0.1:PORT2"'
# with the emulator's key pairs in the environment (HW_ACCESS_KEY, ...: see the emulator guide).
#
# Terraform turns the module's check warnings into test failures: a run that expects them lists
# them in expect_failures, next to the precondition it expects to stop the plan.

run "ten_hosts_pass" {
  command = plan

  variables {
    hosts_to_protect = 10
    images_to_scan   = 200
    servers_to_add   = 8
  }

  # The example data has 16 MetaStudio resources expiring within 30 days, more registry images
  # not scanned yet (11) than free image scans left (3), and an HSS subscription expiring in 20
  # days: the three checks warn.
  expect_failures = [
    check.metastudio_renewals,
    check.hss_image_scans,
    check.subscription_renewals,
  ]

  assert {
    condition     = output.hss_premium_licences == { needed = 10, free = 20, used = 30, total = 50 }
    error_message = "HSS premium licences: ${jsonencode(output.hss_premium_licences)}, want 20 of 50 free (the example data)"
  }
  assert {
    condition     = output.tcss_image_authorizations.free == 620
    error_message = "TCSS image authorizations: ${output.tcss_image_authorizations.free} free, want 620"
  }
  assert {
    condition     = output.sas_server_authorizations.free == 16 && output.sas_server_authorizations.highest_edition == "ultimate"
    error_message = "Security Center: ${jsonencode(output.sas_server_authorizations)}, want 16 free, ultimate"
  }
  # 4 instances of 4 vCPUs and 8192 MiB (the defaults): 16 of 20 free vCPUs, 32768 of 40960 MiB.
  assert {
    condition     = output.ecs_capacity == { vcpus_needed = 16, vcpus_free = 20, ram_mib_needed = 32768, ram_mib_free = 40960, unlimited = false }
    error_message = "ECS capacity: ${jsonencode(output.ecs_capacity)}, want 20 vCPUs and 40960 MiB free (the example data)"
  }
}

# The HSS subscription expires in 20 days: a 14-day window leaves the subscription check quiet.
run "subscriptions_quiet_within_14_days" {
  command = plan

  variables {
    renewal_window = "336h"
  }

  expect_failures = [
    check.metastudio_renewals,
    check.hss_image_scans,
  ]
}

run "twenty_five_hosts_refused" {
  command = plan

  variables {
    hosts_to_protect = 25
    images_to_scan   = 200
    servers_to_add   = 8
  }

  # The HSS precondition stops the plan: 25 hosts, 20 premium licences free.
  expect_failures = [
    terraform_data.rollout,
    check.metastudio_renewals,
    check.hss_image_scans,
    check.subscription_renewals,
  ]
}

run "six_instances_refused_for_vcpus" {
  command = plan

  variables {
    instances_to_add = 6
  }

  # The ECS preconditions stop the plan: 6 x 4 = 24 vCPUs, 20 free.
  expect_failures = [
    terraform_data.instances,
    check.metastudio_renewals,
    check.hss_image_scans,
    check.subscription_renewals,
  ]
}

run "three_large_instances_refused_for_ram" {
  command = plan

  variables {
    instances_to_add = 3
    flavor_ram_mib   = 16384
  }

  # 12 vCPUs fit, but 3 x 16384 = 49152 MiB of RAM do not: 40960 MiB free.
  expect_failures = [
    terraform_data.instances,
    check.metastudio_renewals,
    check.hss_image_scans,
    check.subscription_renewals,
  ]
}
