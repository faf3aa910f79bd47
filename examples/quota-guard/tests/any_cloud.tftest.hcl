# quota-guard with literal quotas shaped as each cloud's data sources answer them, with no
# provider at all: the module is the same for every cloud.

run "tencent_remaining_as_sent" {
  command = plan

  variables {
    name = "Tencent Cloud CVM"
    quotas = {
      "ap-guangzhou-3/PostPaidQuotaSet" = { limit = 50, used = 10, available = 25, unlimited = false }
    }
    needs = { "ap-guangzhou-3/PostPaidQuotaSet" = 25 }
  }

  assert {
    condition     = output.headroom["ap-guangzhou-3/PostPaidQuotaSet"] == 0
    error_message = "headroom ${jsonencode(output.headroom)}"
  }
}

run "alibaba_fractional_short" {
  command = plan

  variables {
    quotas = { "q_gpu" = { limit = 2.5, used = 2, available = 0.5, unlimited = false } }
    needs  = { "q_gpu" = 1 }
  }

  expect_failures = [terraform_data.guard]
}
