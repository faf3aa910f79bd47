# Every setting is optional. Each cloud setting may come from the environment variable named beside
# it instead; HCL wins when both are set, and the vendor SDK's own chain (profile files, instance
# metadata) is used when neither is. Keep secrets in the environment, not in HCL.
# Configure only the clouds you read: an unconfigured cloud never disturbs the others.
provider "cloudquota" {
  huaweicloud {
    region = "cn-north-4" # HW_REGION_NAME
    # access_key     = "..." # HW_ACCESS_KEY, then CLOUD_SDK_AK
    # secret_key     = "..." # HW_SECRET_KEY, then CLOUD_SDK_SK
    # security_token = "..." # HW_SECURITY_TOKEN (temporary credentials)
    # project_id     = "..." # HW_PROJECT_ID; resolved from the region through IAM when unset
    enterprise_project_id = "all_granted_eps" # HW_ENTERPRISE_PROJECT_ID; the data sources' default

    # Full URLs, for private clouds and local testing (the cloudquota emulator). Each key may also
    # come from CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_<KEY>, and every key of every cloud from
    # CLOUDQUOTA_ENDPOINT. An unknown key is an error naming the known ones.
    # endpoints = {
    #   hss        = "https://hss.cn-north-4.myhuaweicloud.com"
    #   metastudio = "https://metastudio.cn-north-4.myhuaweicloud.com"
    #   iam        = "https://iam.cn-north-4.myhuaweicloud.com"
    # }
  }

  tencentcloud {
    region = "ap-guangzhou" # TENCENTCLOUD_REGION
    # secret_id      = "..." # TENCENTCLOUD_SECRET_ID
    # secret_key     = "..." # TENCENTCLOUD_SECRET_KEY
    # security_token = "..." # TENCENTCLOUD_SECURITY_TOKEN (temporary credentials)
    # endpoints      = { tcss = "https://tcss.tencentcloudapi.com" }
  }

  alicloud {
    region = "cn-shanghai" # ALICLOUD_REGION, then ALIBABA_CLOUD_REGION_ID
    # access_key     = "..." # ALICLOUD_ACCESS_KEY, then ALIBABA_CLOUD_ACCESS_KEY_ID
    # secret_key     = "..." # ALICLOUD_SECRET_KEY, then ALIBABA_CLOUD_ACCESS_KEY_SECRET
    # security_token = "..." # ALICLOUD_SECURITY_TOKEN, then ALIBABA_CLOUD_SECURITY_TOKEN (STS)
    # endpoints      = { sas = "https://tds.aliyuncs.com" }
  }

  max_retries     = 5     # per API call, after throttling, 5xx, timeouts and connection errors
  request_timeout = "30s" # one HTTP attempt
  insecure        = false # skip TLS verification; never the default

  # Shared with every terraform process of this OS user on this machine (CLOUDQUOTA_CACHE_DIR):
  # cache_ttl   = "10m"                           # CLOUDQUOTA_CACHE_TTL; off by default
  # rate_limits = { ShowResourceQuotas = "20/1m" } # an account whose documented limit was raised
  # rate_limits = { "*" = "1000/1s" }              # every action at once: tests against the emulator
}
