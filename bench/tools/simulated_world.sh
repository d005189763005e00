# Sourced by bench/learning.sh, learning-paired.sh and learning-ceiling.sh: one fresh embedded engine per simulated world, and the
# world's options (world_option, world_check, world_parse, at the end).
#   simulated_world POLICY SEED SILO-SETTING SIMULATE-OPTIONS…
# starts the silo of the build under ${BUILD_ROOT:-.} (a main build made apart, for a paired run) on a fresh data folder
# with no retrain schedule, runs `contentgrains simulate` (this tree's CLI, $CLI) against it and stops it. Reads $work
# (results: $work/POLICY-SEED.json and .seconds), $users, $items, $days, $segments and ${SIMULATE_PARALLEL:-4}.
# With SIMULATE_IMPRESSIONS_DIR set, every shown slot goes to DIR/POLICY-SEED[-segmentsK].jsonl (`simulate --impressions`),
# for bench/tools/impressions_gap.py.
simulated_world() {
  local policy=$1 seed=$2 setting=$3; shift 3
  local data="$work/$policy-$seed" port silo_port gateway
  mkdir -p "$data"
  port=$(spare_port); silo_port=$(spare_port); gateway=$(spare_port)
  # shellcheck disable=SC2086 # $setting is one option or none
  dotnet "${BUILD_ROOT:-.}/src/ContentGrains.Silo/bin/Release/net10.0/ContentGrains.Silo.dll" --data-dir "$data" --urls "http://127.0.0.1:$port" \
    --silo-port "$silo_port" --gateway-port "$gateway" --ContentGrains:Engine:RetrainInterval=00:00:00 $setting > "$data/silo.log" 2>&1 &
  local silo=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null && break; sleep 0.5; done
  local started=$SECONDS
  echo "== seed $seed, $policy"
  local planted=()
  if (( segments > 0 )); then planted=(--segments "$segments" --groups "$work/$policy-$seed.groups"); fi
  if [[ -n "${SIMULATE_IMPRESSIONS_DIR:-}" ]]; then
    local world=""; (( segments > 0 )) && world="-segments$segments"
    planted+=(--impressions "$SIMULATE_IMPRESSIONS_DIR/$policy-$seed$world.jsonl")
  fi
  $CLI simulate --url "http://127.0.0.1:$port" --users "$users" --items "$items" --days "$days" --seed "$seed" --feed-size 10 \
    --parallel "${SIMULATE_PARALLEL:-4}" --out "$work/$policy-$seed.json" "${planted[@]}" "$@"
  echo "$((SECONDS - started))" > "$work/$policy-$seed.seconds"
  kill "$silo"; wait "$silo" || true
}

# The world's options, the same in both scripts. world_option OPTION VALUE… sets one of $seeds, $users, $items, $days
# or $segments and succeeds, or fails for an option that is not the world's; world_check SCRIPT checks them once parsed.
world_option() {
  case "$1" in
    --seeds) seeds="$2" ;;
    --users) users="$2" ;;
    --items) items="$2" ;;
    --days) days="$2" ;;
    --segments) segments="$2" ;;
    *) return 1 ;;
  esac
}
world_check() {
  if (( days < 6 )); then echo "$1: --days must be at least 6 (day 0 and five rounds)" >&2; exit 2; fi
  if ! [[ "$segments" =~ ^[0-9]+$ ]]; then echo "$1: --segments must be a whole number (0: independent tastes)" >&2; exit 2; fi
}
# world_parse SCRIPT ARGS…: the world's options and --out (a script that takes no other option), then world_check.
world_parse() {
  local script=$1; shift
  while [[ $# -gt 0 ]]; do
    if world_option "$@"; then shift 2; continue; fi
    case "$1" in
      --out) out="$2"; shift 2 ;;
      *) echo "$script: unknown option $1 (known: --seeds, --users, --items, --days, --segments, --out)" >&2; exit 2 ;;
    esac
  done
  world_check "$script"
}
