# API errors as a module sees them, from a second emulator started with faults queued
# (see ../test.sh):
#   -fault ShowResourceQuotas:throttle:2                  two throttling answers (HTTP 429 APIGW.0308)
#   -fault GetAuthSummary:error:1:403/Forbidden.RAM/...   one permission error (HTTP 403)
# The first run meets them, the second finds the faults used up and reads normally: so the first
# run's failures are those answers, surfaced as error diagnostics of the reads, and nothing else.
#
# Only a data source scoped to a check block can fail as expected (tests/reads); the
# capacity-guard module's own reads are top-level, and an API error there fails the plan (and a
# run) with the provider's diagnostic.

# var.faulty_emulator_url is not a variable of the module: test.sh passes it as
# -var 'faulty_emulator_url="http://..."' (quoted: terraform test reads the values of undeclared
# variables as HCL expressions). It has no default here on purpose: a file-level value would
# override the command line's.

provider "cloudquota" {
  huaweicloud {
    region = "cn-north-4"
    endpoints = {
      hss        = var.faulty_emulator_url
      metastudio = var.faulty_emulator_url
      iam        = var.faulty_emulator_url
    }
  }
  alicloud {
    region    = "cn-shanghai"
    endpoints = { sas = var.faulty_emulator_url }
  }
  # One retry: the two throttling answers use up both attempts. A throttled answer holds the next
  # call for the API's window (HSS documents a minute); a short one keeps the test quick.
  max_retries = 1
  rate_limits = { ShowResourceQuotas = "5/5s" }
}

run "throttle_and_403_fail_the_reads" {
  command = plan

  module {
    source = "./tests/reads"
  }

  expect_failures = [
    check.hss_premium, # 429 APIGW.0308 twice: retried once, then the read fails
    check.sas_servers, # 403 Forbidden.RAM: never retried
  ]
}

run "reads_pass_once_the_faults_are_used_up" {
  command = plan

  module {
    source = "./tests/reads"
  }
}
