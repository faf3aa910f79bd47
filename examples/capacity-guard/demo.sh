#!/usr/bin/env bash
# The provider's main job, offline: start the cloudquota emulator, point terraform at the
# locally built provider, and plan the capacity-guard module twice: once with enough
# licences, once asking for more than the account has. Run through `make demo`.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
tmp="$root/.tmp/demo"
bin="$root/.tmp/bin"
data="${DEMO_DATA:-$root/internal/emulator/testdata/example-data.json}"
terraform=${TERRAFORM:-terraform}
mkdir -p "$tmp" "$bin"

go build -o "$bin/terraform-provider-cloudquota" "$root"
go build -o "$bin/cloudquota-emulator" "$root/internal/emulator/cmd/cloudquota-emulator"

# dev_overrides makes terraform use the local build without a registry or `terraform init`.
cat > "$tmp/dev.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "cloudquota/cloudquota" = "$bin"
  }
  direct {}
}
CFG

rm -f "$tmp/emulator.url"
"$bin/cloudquota-emulator" -listen 127.0.0.1:0 -data "$data" -url-file "$tmp/emulator.url" -quiet &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  [ -s "$tmp/emulator.url" ] && break
  sleep 0.1
done
[ -s "$tmp/emulator.url" ] || { echo "the emulator did not start" >&2; exit 1; }
url=$(cat "$tmp/emulator.url")

# The emulator's own test key pair (a constant of the emulator, not a secret).
export HW_ACCESS_KEY=EMULATORHUAWEIAK0001
export HW_SECRET_KEY=emulator-huawei-secret-key
export TF_CLI_CONFIG_FILE="$tmp/dev.tfrc"
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1

cd "$root/examples/capacity-guard"
# Terraform warns at length that dev_overrides are in effect; that is the point here, so the
# warning block is left out of the demo's output.
plan() {
  "$terraform" plan -input=false -no-color -var "huaweicloud_endpoint=$url" -var "hosts_to_protect=$1" 2>&1 |
    awk '/^Warning: Provider development overrides/ { skip = 1 } skip && /^releases\.$/ { skip = 0; next } !skip'
}

echo "== cloudquota demo: emulator at $url, data from ${data#"$root"/}"
echo
echo "== 1. A change that needs 10 HSS premium licences: the plan passes."
echo
plan 10
echo
echo "== 2. The same change for 25 hosts: the precondition stops the plan before anything is created."
echo
if plan 25; then
  echo "unexpected: the plan for 25 hosts passed" >&2
  exit 1
fi
echo
echo "== Demo done: the first plan passed, the second failed on its precondition, as expected."
