#!/usr/bin/env bash
# The provider's main job, offline: start the cloudquota emulator, offer terraform the locally
# built provider from a filesystem mirror (so that `terraform init` works with no registry), and
# plan the capacity-guard module twice: once with enough licences, once asking for more than the
# accounts have. Run through `make demo`; exits 0 when both plans end as expected.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
data="${DEMO_DATA:-$root/internal/emulator/testdata/example-data.json}"
begin demo
start_emulator emulator -data "$data" -quiet
url=$emulator_url
use_emulator_credentials

# A copy of the module, so that terraform's working files stay under .tmp.
cp "$root/examples/capacity-guard/main.tf" "$work/"

echo "== Emulator at $url (Huawei Cloud, Tencent Cloud and Alibaba Cloud), data from ${data#"$root"/}"
echo
echo "== terraform init, offline: the provider comes from the local mirror"
init_module "$work"

cat <<'TXT'

== What examples/capacity-guard checks, from its data sources
   precondition  Huawei Cloud HSS premium licences free                 >= hosts_to_protect
   precondition  Tencent Cloud TCSS image authorizations free           >= images_to_scan
   precondition  Alibaba Cloud Security Center enterprise+ servers free >= servers_to_add
   precondition  Huawei Cloud ECS vCPUs and RAM free     >= instances_to_add x the flavor's
   check (warns) Huawei Cloud MetaStudio resources expiring within 30 days == 0
   check (warns) Huawei Cloud HSS registry images not scanned yet <= free image scans left
   check (warns) Alibaba Cloud Security Center binds new servers automatically
   check (warns) Huawei Cloud subscriptions (HSS, ECS) expiring within 30 days == 0
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
