# `terraform test` of the expiring-subscriptions module against the cloudquota emulator serving
# tests/subscriptions.json, whose times are relative to the moment the emulator answers: two HSS
# subscriptions expire in 10 and 45 days (the second renews itself), an ECS server in 200 days.
# Run it with ../test.sh (`make tftest`), or by hand against an emulator started with
#   cloudquota-emulator -data tests/subscriptions.json
#   terraform test -var emulator_url=http://127.0.0.1:PORT
# with the emulator's key pair in HW_ACCESS_KEY / HW_SECRET_KEY (see the emulator guide).

run "expires_in_10_days_stops_the_plan" {
  command = plan

  # The precondition (14 days) stops the plan; the check (60 days) warns.
  expect_failures = [
    terraform_data.workload,
    check.renewal_due,
  ]
}

run "within_60_days_warns_only" {
  command = plan

  variables {
    fail_days = 7
  }

  expect_failures = [
    check.renewal_due,
  ]

  assert {
    condition = output.expiring == [
      { id = "5c0e2f7a-hss-10d", name = "hss-enterprise", days_left = 10, auto_renew = false },
      { id = "8d1b3c9e-hss-45d", name = "hss-container", days_left = 45, auto_renew = true },
    ]
    error_message = "expiring: ${jsonencode(output.expiring)}, want the HSS subscriptions in 10 and 45 days"
  }
  assert {
    condition     = data.cloudquota_huaweicloud_subscriptions.due.min_days_left == 10
    error_message = "min_days_left ${data.cloudquota_huaweicloud_subscriptions.due.min_days_left}, want 10"
  }
}

run "nothing_due_is_quiet" {
  command = plan

  variables {
    products = ["hws.service.type.ec2"]
  }

  assert {
    condition     = data.cloudquota_huaweicloud_subscriptions.due.total_count == 0 && output.expiring == []
    error_message = "the ECS server expires in 200 days, outside the 60-day window"
  }
}
