#!/usr/bin/env bash
# Byte-identity check for refactors: builds git revision REV (default HEAD) and the working
# tree, runs both on the same inputs and compares every output.
#
#   scripts/compare-outputs.sh [REV]
#
# Inputs: data/, examples/tam-duong-mini/ and a synthetic folder of 1,000 communes (made
# once by the working tree's `examples/synth.rs` and cached). Outputs compared: every file
# of `build 2023` (byte for byte; facts.json may only gain fields, checked value by value),
# the exit code of `build` and `check`, and `diff 2022 2023` in the text, md and json
# formats. Exits 1 and lists the differences when any output differs.
#
# REV's binary is cached by commit under $CARGO_TARGET_DIR/compare (or target/compare).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REV=${1:-HEAD}
SHA=$(git -C "$ROOT" rev-parse --verify "$REV^{commit}")
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
CACHE=${COMPARE_CACHE:-$TARGET/compare}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"

OLD=$CACHE/$SHA/ntm-report
if [ ! -x "$OLD" ]; then
  echo "building $REV ($SHA)…" >&2
  src=$CACHE/src-$SHA
  rm -rf "$src"
  mkdir -p "$src"
  git -C "$ROOT" archive "$SHA" | tar -x -C "$src"
  (cd "$src" && CARGO_TARGET_DIR=$TARGET cargo build --release --quiet --locked --bin ntm-report)
  mkdir -p "$CACHE/$SHA"
  cp "$TARGET/release/ntm-report" "$OLD"
  rm -rf "$src"
fi

echo "building the working tree…" >&2
(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build --release --quiet --locked --bin ntm-report --example synth)
NEW=$WORK/ntm-report-new
cp "$TARGET/release/ntm-report" "$NEW"

SYNTH=$CACHE/synth-1000
if [ ! -f "$SYNTH/ntm.toml" ]; then
  rm -rf "$SYNTH"
  "$TARGET/release/examples/synth" --communes 1000 --villages-per-commune 10 --years 2 \
    --seed 7 --out "$SYNTH" >/dev/null
fi

status=0
fail() {
  echo "DIFFERENT: $*"
  status=1
}

# facts.json: every value of OLD is in NEW, unchanged (NEW may add object fields).
facts_ok() {
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
added = len(json.dumps(new)) - len(json.dumps(old))
print(f"same values{' plus added fields' if added else ''}")
PY
}

compare_build() {
  local name=$1 data=$2
  local o=$WORK/old/$name n=$WORK/new/$name
  local oc=0 nc=0
  "$OLD" --data "$data" build 2023 --out "$o" >"$o.stdout" 2>"$o.stderr" || oc=$?
  "$NEW" --data "$data" build 2023 --out "$n" >"$n.stdout" 2>"$n.stderr" || nc=$?
  [ "$oc" = "$nc" ] || fail "$name: build exits $oc before, $nc after"
  if ! cmp -s "$o.stderr" "$n.stderr"; then
    echo "note: $name: build's messages differ:"
    diff "$o.stderr" "$n.stderr" | head -20 || true
  fi
  local of nf
  of=$(cd "$o" 2>/dev/null && find . -type f | sort || true)
  nf=$(cd "$n" 2>/dev/null && find . -type f | sort || true)
  [ "$of" = "$nf" ] || fail "$name: the build writes other files: $(diff <(echo "$of") <(echo "$nf") | grep '^[<>]' | tr '\n' ' ')"
  local count=0
  for f in $of; do
    [ -f "$n/$f" ] || continue
    count=$((count + 1))
    if [ "$(basename "$f")" = facts.json ]; then
      if cmp -s "$o/$f" "$n/$f"; then
        :
      elif r=$(facts_ok "$o/$f" "$n/$f"); then
        echo "note: $name: $f: $r"
      else
        fail "$name: $f: $r"
      fi
    elif ! cmp -s "$o/$f" "$n/$f"; then
      fail "$name: $f"
    fi
  done
  echo "$name: build 2023: $count files compared"
  for cmd in check; do
    oc=0 nc=0
    "$OLD" --data "$data" $cmd 2023 >/dev/null 2>&1 || oc=$?
    "$NEW" --data "$data" $cmd 2023 >/dev/null 2>&1 || nc=$?
    [ "$oc" = "$nc" ] || fail "$name: $cmd exits $oc before, $nc after"
  done
  [ -d "$data/2022" ] || return 0
  for fmt in text md json; do
    oc=0 nc=0
    "$OLD" --data "$data" diff 2022 2023 --format $fmt >"$o.diff.$fmt" 2>/dev/null || oc=$?
    "$NEW" --data "$data" diff 2022 2023 --format $fmt >"$n.diff.$fmt" 2>/dev/null || nc=$?
    [ "$oc" = "$nc" ] || fail "$name: diff --format $fmt exits $oc before, $nc after"
    cmp -s "$o.diff.$fmt" "$n.diff.$fmt" || fail "$name: diff 2022 2023 --format $fmt"
  done
  echo "$name: diff 2022 2023: text, md, json compared"
}

mkdir -p "$WORK/old" "$WORK/new"
compare_build data "$ROOT/data"
compare_build tam-duong-mini "$ROOT/examples/tam-duong-mini"
compare_build synth-1000 "$SYNTH"

if [ "$status" = 0 ]; then
  echo "identical to $REV ($SHA)"
fi
exit "$status"
