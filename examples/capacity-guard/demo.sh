#!/usr/bin/env bash
# The provider's main job, offline: start the cloudquota emulator, offer terraform the locally
# built provider from a filesystem mirror (so that `terraform init` works with no registry), and
# plan the capacity-guard module twice: once with enough licences, once asking for more than the
# accounts have. Run through `make demo`; exits 0 when both plans end as expected.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
tmp="$root/.tmp/demo"
bin="$root/.tmp/bin"
data="${DEMO_DATA:-$root/internal/emulator/testdata/example-data.json}"
terraform=${TERRAFORM:-terraform}
# The version the local build is offered as: there is no other, so any will do (but terraform
# never selects 0.0.0).
version=0.0.1
platform="$(go env GOOS)_$(go env GOARCH)"
mirror="$tmp/mirror"
work="$tmp/capacity-guard"

rm -rf "$mirror" "$work"
mkdir -p "$bin" "$work" "$mirror/registry.terraform.io/cloudquota/cloudquota/$version/$platform"

echo "== Building the provider and the emulator"
go build -ldflags "-X main.version=$version" \
  -o "$mirror/registry.terraform.io/cloudquota/cloudquota/$version/$platform/terraform-provider-cloudquota_v$version" "$root"
go build -o "$bin/cloudquota-emulator" "$root/internal/emulator/cmd/cloudquota-emulator"

# The local build from the mirror, every other provider (none here) as usual.
cat > "$tmp/demo.tfrc" <<CFG
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/cloudquota/cloudquota"]
  }
  direct {
    exclude = ["registry.terraform.io/cloudquota/cloudquota"]
  }
}
CFG

rm -f "$tmp/emulator.url"
"$bin/cloudquota-emulator" -listen 127.0.0.1:0 -data "$data" -url-file "$tmp/emulator.url" -quiet >/dev/null &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  [ -s "$tmp/emulator.url" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || break
  sleep 0.1
done
[ -s "$tmp/emulator.url" ] || { echo "the emulator did not start" >&2; exit 1; }
url=$(cat "$tmp/emulator.url")

# The emulator's own test key pairs (constants of the emulator, not secrets).
export HW_ACCESS_KEY=EMULATORHUAWEIAK0001
export HW_SECRET_KEY=emulator-huawei-secret-key
export TENCENTCLOUD_SECRET_ID=AKIDEMULATORTENCENT0001
export TENCENTCLOUD_SECRET_KEY=emulator-tencent-secret-key
export ALICLOUD_ACCESS_KEY=LTAIEMULATORALIBABA0001
export ALICLOUD_SECRET_KEY=emulator-alibaba-secret-key
export TF_CLI_CONFIG_FILE="$tmp/demo.tfrc"
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1

# A copy of the module, so that terraform's working files stay under .tmp.
cp "$root/examples/capacity-guard/main.tf" "$work/"

echo "== Emulator at $url (Huawei Cloud, Tencent Cloud and Alibaba Cloud), data from ${data#"$root"/}"
echo
echo "== terraform init, offline: the provider comes from the local mirror"
if ! init_out=$("$terraform" -chdir="$work" init -input=false -no-color 2>&1); then
  echo "$init_out" >&2
  exit 1
fi
grep -E '^- (Installed|Installing)|successfully initialized' <<<"$init_out"

cat <<'TXT'

== What examples/capacity-guard checks, from all five data sources
   precondition  Huawei Cloud HSS premium licences free                 >= hosts_to_protect
   precondition  Tencent Cloud TCSS image authorizations free           >= images_to_scan
   precondition  Alibaba Cloud Security Center enterprise+ servers free >= servers_to_add
   check (warns) Huawei Cloud MetaStudio resources expiring within 30 days == 0
   check (warns) Huawei Cloud HSS registry images not scanned yet <= free image scans left
   check (warns) Alibaba Cloud Security Center binds new servers automatically
   The figures are the plan's outputs.
TXT

plan() {
  # A plan that fails has no changes to apply: terraform's hint that it could be applied
  # would mislead here, so it is left out.
  "$terraform" -chdir="$work" plan -input=false -no-color -var "emulator_url=$url" "$@" 2>&1 |
    awk '/^You can apply this plan to save these new output values/ { skip = 1 }
      skip { if (/infrastructure\.$/) { skip = 0; blank = 1 }; next }
      blank && /^$/ { blank = 0; next }
      { blank = 0; print }'
}

echo
echo "== 1. A rollout of 10 hosts, 200 images and 8 servers: every precondition holds, the plan passes."
echo
plan -var hosts_to_protect=10 -var images_to_scan=200 -var servers_to_add=8
echo
echo "== 2. The same rollout with 25 hosts: more HSS premium licences than the account has."
echo "==    The precondition stops the plan before anything is created."
echo
if plan -var hosts_to_protect=25 -var images_to_scan=200 -var servers_to_add=8; then
  echo "unexpected: the plan for 25 hosts passed" >&2
  exit 1
fi
echo
echo "== Demo done: the first plan passed, the second stopped on its precondition, as expected."
