# Shared by demo.sh and test.sh (sourced, not run): build the provider and the emulator, offer
# terraform the local provider build from a filesystem mirror (so that `terraform init` works with
# no registry), start emulators on free loopback ports and stop them on exit, and set the
# emulator's credentials. The caller then runs begin NAME, which sets tmp and work.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
terraform=${TERRAFORM:-terraform}
bin="$root/.tmp/bin"
# The version the local build is offered as: there is no other, so any will do (but terraform
# never selects 0.0.0).
version=0.0.1
platform="$(go env GOOS)_$(go env GOARCH)"

# begin NAME: a clean working directory $work (a copy of the module goes there) under
# tmp=$root/.tmp/NAME, and the builds.
begin() {
  tmp="$root/.tmp/$1"
  mirror="$tmp/mirror"
  work="$tmp/capacity-guard"
  rm -rf "$work"
  mkdir -p "$work"
  echo "== Building the provider and the emulator"
  build
}

# build: the provider into the mirror, the emulator into $bin, and $tmp/terraform.tfrc, a CLI
# configuration that takes this provider from the mirror and every other one (none here) as usual.
build() {
  rm -rf "$mirror"
  mkdir -p "$bin" "$mirror/registry.terraform.io/cloudquota/cloudquota/$version/$platform"
  go build -ldflags "-X main.version=$version" \
    -o "$mirror/registry.terraform.io/cloudquota/cloudquota/$version/$platform/terraform-provider-cloudquota_v$version" "$root"
  go build -ldflags "-X main.version=$version" -o "$bin/cloudquota-emulator" "$root/internal/emulator/cmd/cloudquota-emulator"
  cat >"$tmp/terraform.tfrc" <<CFG
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
}

emulator_pids=()

stop_emulators() {
  local pid
  for pid in "${emulator_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  emulator_pids=()
}
trap stop_emulators EXIT

# start_emulator NAME [FLAG...]: start an emulator on a free loopback port with the extra flags,
# its request log in $tmp/NAME.log, and set emulator_url to its base URL. Stopped on exit.
start_emulator() {
  local name=$1 url_file="$tmp/$1.url"
  shift
  rm -f "$url_file"
  "$bin/cloudquota-emulator" -listen 127.0.0.1:0 -url-file "$url_file" "$@" >"$tmp/$name.log" 2>&1 &
  emulator_pids+=($!)
  local _
  for _ in $(seq 1 100); do
    [ -s "$url_file" ] && break
    kill -0 "${emulator_pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  if ! [ -s "$url_file" ]; then
    echo "the emulator ($name) did not start:" >&2
    cat "$tmp/$name.log" >&2
    return 1
  fi
  emulator_url=$(cat "$url_file")
}

# use_emulator_credentials: the emulator's own test key pairs (constants of the emulator, not
# secrets) for the three clouds, the CLI configuration from build, and no checkpoint calls.
use_emulator_credentials() {
  export HW_ACCESS_KEY=EMULATORHUAWEIAK0001
  export HW_SECRET_KEY=emulator-huawei-secret-key
  export TENCENTCLOUD_SECRET_ID=AKIDEMULATORTENCENT0001
  export TENCENTCLOUD_SECRET_KEY=emulator-tencent-secret-key
  export ALICLOUD_ACCESS_KEY=LTAIEMULATORALIBABA0001
  export ALICLOUD_SECRET_KEY=emulator-alibaba-secret-key
  export TF_CLI_CONFIG_FILE="$tmp/terraform.tfrc"
  # The emulator's key pairs are everyone's: keep their rate-limit budgets and cached answers
  # apart from those of other runs on this machine.
  export CLOUDQUOTA_CACHE_DIR="$tmp/cloudquota-cache"
  rm -rf "$CLOUDQUOTA_CACHE_DIR"
  export CHECKPOINT_DISABLE=1
  export TF_IN_AUTOMATION=1
}

# init_module DIR: terraform init, offline (the provider comes from the mirror); prints only
# what was installed, or everything when init fails.
init_module() {
  local out
  if ! out=$("$terraform" -chdir="$1" init -input=false -no-color 2>&1); then
    echo "$out" >&2
    return 1
  fi
  grep -E '^- (Installed|Installing)|successfully initialized' <<<"$out"
}
