# Every setting may come from the environment instead; HCL wins when both are set.
provider "cloudquota" {
  huaweicloud {
    region = "cn-north-4" # HW_REGION_NAME
    # access_key / secret_key: prefer HW_ACCESS_KEY and HW_SECRET_KEY
    # (or CLOUD_SDK_AK / CLOUD_SDK_SK, or the Huawei SDK's own credential chain).
    # security_token = HW_SECURITY_TOKEN, for temporary credentials.
    # project_id: HW_PROJECT_ID; resolved from the region through IAM when unset.
    enterprise_project_id = "all_granted_eps" # HW_ENTERPRISE_PROJECT_ID
  }

  max_retries     = 5     # transient faults and throttling, per API call
  request_timeout = "30s" # one HTTP attempt
}
