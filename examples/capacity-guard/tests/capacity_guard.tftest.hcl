# `terraform test` with a mocked cloudquota provider: no emulator, no credentials, no API calls.
# Each data source answers the values below; attributes not given are generated (numbers 0,
# flags false, lists empty, strings random). Terraform still needs the provider's schema: run
# `terraform test` in examples/capacity-guard after `terraform init`, or with a dev_overrides
# build (see the README).

mock_provider "cloudquota" {
  mock_data "cloudquota_hss_resource_quotas" {
    defaults = {
      total_num     = 50
      used_num      = 30
      available_num = 20
    }
  }
  mock_data "cloudquota_tcss_image_authorized_info" {
    defaults = {
      total_authorized_cnt     = 1000
      used_authorized_cnt      = 380
      available_authorized_cnt = 620
    }
  }
  # Nested lists such as version_summary cannot be mocked yet (hashicorp/terraform#38369):
  # they read as empty, so the runs below add no Security Center servers. Maps of objects such
  # as the ECS quotas read as empty too (the module reads a missing quota as zeros), so the runs
  # add no ECS instances either.
  mock_data "cloudquota_sas_auth_summary" {
    defaults = {
      auto_bind = true
    }
  }
}

run "the_accounts_can_take_the_rollout" {
  command = plan

  variables {
    hosts_to_protect = 10
    images_to_scan   = 200
    servers_to_add   = 0
    instances_to_add = 0
  }

  assert {
    condition     = output.hss_premium_licences.free == 20
    error_message = "expected 20 free HSS premium licences from the mock"
  }
}

run "too_few_hss_premium_licences" {
  command = plan

  variables {
    hosts_to_protect = 25
    servers_to_add   = 0
    instances_to_add = 0
  }

  expect_failures = [terraform_data.rollout]
}
