# Every setting may come from the environment instead; HCL wins when both are set.
# Configure only the clouds you read: an unconfigured cloud never disturbs the others.
provider "cloudquota" {
  huaweicloud {
    region = "cn-north-4" # HW_REGION_NAME
    # access_key / secret_key: prefer HW_ACCESS_KEY and HW_SECRET_KEY
    # (or CLOUD_SDK_AK / CLOUD_SDK_SK, or the Huawei SDK's own credential chain).
    # security_token = HW_SECURITY_TOKEN, for temporary credentials.
    # project_id: HW_PROJECT_ID; resolved from the region through IAM when unset.
    enterprise_project_id = "all_granted_eps" # HW_ENTERPRISE_PROJECT_ID
  }

  tencentcloud {
    region = "ap-guangzhou" # TENCENTCLOUD_REGION
    # secret_id / secret_key: prefer TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY
    # (or the Tencent Cloud SDK's chain: ~/.tencentcloud/credentials, CVM role).
    # security_token = TENCENTCLOUD_SECURITY_TOKEN, for temporary credentials.
  }

  alicloud {
    region = "cn-shanghai" # ALICLOUD_REGION, then ALIBABA_CLOUD_REGION_ID
    # access_key / secret_key: prefer ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY
    # (or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET, or the credentials chain).
    # security_token = ALICLOUD_SECURITY_TOKEN, for STS credentials.
  }

  max_retries     = 5     # transient faults and throttling, per API call
  request_timeout = "30s" # one HTTP attempt
}
