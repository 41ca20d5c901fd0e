#!/usr/bin/env bash
# Records, or checks against a record, the outputs of every build of the shipped data
# folders and of a synthetic folder of 1,000 communes: the sha256 of every file each year's
# `build` writes, a copy of each facts.json, the exit codes of `build` and `check`, and
# `diff` against the year before in the text, md and json forms.
#
#   scripts/output-hashes.sh record DIR    # write the record into DIR (outside the repo)
#   scripts/output-hashes.sh check DIR     # compare the working tree's builds with DIR
#   scripts/output-hashes.sh against REV   # record git revision REV's outputs, then check
#                                          # the working tree against them (a refactor)
#
# The inputs: data/ and examples/tam-duong-mini/ (their years), examples/lai-chau-province/
# (2024, 2025, 2026) and DIR/input/synth-1000 (made once, by `examples/synth.rs`, at the first record:
# later checks read the same folder whatever the generator has become). `check` exits 1
# and lists the differences when a file differs, a file is missing or added, or an exit
# code changed; a facts.json that differs only by added fields is a note, not a difference.
# The binary is the working tree's release build (under $CARGO_TARGET_DIR, or target/), or
# $NTM_BIN with the generator $NTM_SYNTH (to record from another revision's build).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODE=${1:-}
REC=${2:-}
if [ "$MODE" = against ] && [ -n "$REC" ]; then
  # REV's binaries are cached by commit under $CARGO_TARGET_DIR/against (or target/against).
  TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
  SHA=$(git -C "$ROOT" rev-parse --verify "$REC^{commit}")
  CACHE=$TARGET/against/$SHA
  if [ ! -x "$CACHE/ntm-report" ] || [ ! -x "$CACHE/synth" ]; then
    echo "building $REC ($SHA)…" >&2
    src=$(mktemp -d)
    git -C "$ROOT" archive "$SHA" | tar -x -C "$src"
    (cd "$src" && CARGO_TARGET_DIR=$TARGET cargo build --release --quiet --locked \
      --bin ntm-report --example synth)
    mkdir -p "$CACHE"
    cp "$TARGET/release/ntm-report" "$TARGET/release/examples/synth" "$CACHE/"
    rm -rf "$src"
  fi
  record=$(mktemp -d)
  trap 'rm -rf "$record"' EXIT
  NTM_BIN=$CACHE/ntm-report NTM_SYNTH=$CACHE/synth "$0" record "$record" >/dev/null
  status=0
  "$0" check "$record" || status=$?
  [ "$status" = 0 ] && echo "identical to $REC ($SHA)"
  exit "$status"
fi
if [ "$MODE" != record ] && [ "$MODE" != check ] || [ -z "$REC" ]; then
  echo "usage: $0 record|check DIR, or $0 against REV" >&2
  exit 2
fi
mkdir -p "$REC"
REC=$(cd "$REC" && pwd)
case "$REC/" in
"$ROOT"/*)
  echo "the record belongs outside the repository" >&2
  exit 2
  ;;
esac
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
if [ -n "${NTM_BIN:-}" ]; then
  BIN=$NTM_BIN
  SYNTH_BIN=${NTM_SYNTH:-$TARGET/release/examples/synth}
else
  (cd "$ROOT" && cargo build --release --quiet --locked --bin ntm-report --example synth)
  BIN=$TARGET/release/ntm-report
  SYNTH_BIN=$TARGET/release/examples/synth
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

SYNTH=$REC/input/synth-1000
if [ ! -f "$SYNTH/ntm.toml" ]; then
  if [ "$MODE" = check ]; then
    echo "$SYNTH is missing: record first" >&2
    exit 2
  fi
  "$SYNTH_BIN" --communes 1000 --villages-per-commune 10 --years 2 \
    --seed 7 --out "$SYNTH" >/dev/null
fi

# name, data folder, years
INPUTS=(
  "data|$ROOT/data|2022 2023"
  "tam-duong-mini|$ROOT/examples/tam-duong-mini|2023"
  "lai-chau-province|$ROOT/examples/lai-chau-province|2024 2025 2026"
  "synth-1000|$SYNTH|2022 2023"
)

# Every value of the old facts.json is in the new one, unchanged (objects may gain fields).
facts_within() {
  python3 - "$1" "$2" <<'PY'
import json, sys
old, new = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
def within(a, b, path):
    if isinstance(a, dict):
        if not isinstance(b, dict):
            return f"{path}: not an object"
        for k, v in a.items():
            if k not in b:
                return f"{path}.{k}: missing"
            r = within(v, b[k], f"{path}.{k}")
            if r:
                return r
        return None
    if isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            return f"{path}: list differs in length"
        for i, (x, y) in enumerate(zip(a, b)):
            r = within(x, y, f"{path}[{i}]")
            if r:
                return r
        return None
    if type(a) is not type(b) or a != b:
        return f"{path}: {a!r} -> {b!r}"
    return None
r = within(old, new, "$")
if r:
    print(r)
    sys.exit(1)
print("the same values, with added fields")
PY
}

# One build's record: hashes of its files and its exit codes, into directory $1.
snapshot() {
  local into=$1 data=$2 year=$3 code
  mkdir -p "$into"
  code=0
  "$BIN" --data "$data" build "$year" --out "$WORK/out" >/dev/null 2>&1 || code=$?
  echo "build $code" >"$into/exit-codes"
  if [ -d "$WORK/out/$year" ]; then
    (cd "$WORK/out/$year" && find . -type f | LC_ALL=C sort | xargs -d '\n' sha256sum) >"$into/sha256"
    cp "$WORK/out/$year/facts.json" "$into/facts.json" 2>/dev/null || true
  else
    : >"$into/sha256"
  fi
  rm -rf "$WORK/out"
  code=0
  "$BIN" --data "$data" check "$year" >/dev/null 2>&1 || code=$?
  echo "check $code" >>"$into/exit-codes"
  if [ -d "$data/$((year - 1))" ]; then
    for fmt in text md json; do
      code=0
      "$BIN" --data "$data" diff "$((year - 1))" "$year" --format "$fmt" >"$into/diff.$fmt" 2>/dev/null || code=$?
      echo "diff --format $fmt $code" >>"$into/exit-codes"
    done
  fi
}

status=0
for input in "${INPUTS[@]}"; do
  IFS='|' read -r name data years <<<"$input"
  for year in $years; do
    if [ "$MODE" = record ]; then
      rm -rf "$REC/hashes/$name/$year"
      snapshot "$REC/hashes/$name/$year" "$data" "$year"
      echo "$name $year: $(wc -l <"$REC/hashes/$name/$year/sha256") files recorded"
      continue
    fi
    now=$WORK/now/$name/$year
    was=$REC/hashes/$name/$year
    snapshot "$now" "$data" "$year"
    cmp -s "$was/exit-codes" "$now/exit-codes" ||
      { echo "DIFFERENT: $name $year: exit codes $(tr '\n' ' ' <"$was/exit-codes")-> $(tr '\n' ' ' <"$now/exit-codes")"; status=1; }
    while read -r line; do
      case "$line" in
      "< "*) echo "DIFFERENT: $name $year: was ${line#< }"; status=1 ;;
      "> "*) echo "           now ${line#> }" ;;
      esac
    done < <(diff <(grep -v ' \./facts\.json$' "$was/sha256") <(grep -v ' \./facts\.json$' "$now/sha256") || true)
    for fmt in text md json; do
      if [ -f "$was/diff.$fmt" ] && ! cmp -s "$was/diff.$fmt" "$now/diff.$fmt"; then
        echo "DIFFERENT: $name $year: diff $((year - 1)) $year --format $fmt"
        status=1
      fi
    done
    if [ -f "$was/facts.json" ]; then
      if [ ! -f "$now/facts.json" ]; then
        echo "DIFFERENT: $name $year: no facts.json"
        status=1
      elif ! cmp -s "$was/facts.json" "$now/facts.json"; then
        if r=$(facts_within "$was/facts.json" "$now/facts.json"); then
          echo "note: $name $year: facts.json: $r"
        else
          echo "DIFFERENT: $name $year: facts.json: $r"
          status=1
        fi
      fi
    fi
    echo "$name $year: $(wc -l <"$now/sha256") files compared"
  done
done
if [ "$MODE" = check ]; then
  [ "$status" = 0 ] && echo "every output as recorded in $REC"
fi
exit "$status"
