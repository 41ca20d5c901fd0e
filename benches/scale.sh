#!/usr/bin/env bash
# Whole-process timings at 16 (the shipped example), 100, 1,000 and 10,000 communes
# (10 villages each, two years): the median wall time of five builds (three for the large
# sizes) and the peak memory from /usr/bin/time -v, and beside each
# the time pandoc takes to turn the tool's own Markdown report into DOCX — the route a
# user would otherwise take. Then the national folder of units (34 units, 3,321 communes,
# 19 villages each, two years: every unit's report and the summary), with pandoc's time for
# the summary's Markdown. Prints a Markdown table; record it in docs/performance.md.
#
#   bash benches/scale.sh                # all sizes and the national folder
#   SIZES="100 1000" bash benches/scale.sh
#   NATIONAL=0 bash benches/scale.sh     # without the national folder
#
# Needs: /usr/bin/time (Debian package `time`); pandoc (Debian package `pandoc`) for the
# comparison column.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100 1000 10000"}
WORK=${WORK:-$(mktemp -d)}
cargo build --release --quiet
cargo build --release --quiet --example synth
TARGET=${CARGO_TARGET_DIR:-target}
BIN=$TARGET/release/ntm-report
SYNTH=$TARGET/release/examples/synth

# wall seconds and peak RSS (MB) of one command
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; return 1; }
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  rm -f "$log"
  printf '%s %s\n' "$wall" "$((rss / 1024))"
}

# the median wall time of N runs of the whole build (the first build after another program
# often meets cold caches, and small inputs are noisy)
median_build() {
  local data=$1 out=$2 runs=$3 times=()
  for _ in $(seq "$runs"); do
    times+=("$(measure "$BIN" --data "$data" build 2023 --out "$out" | awk '{print $1}')")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

echo "| communes | villages | build wall (s) | peak memory (MB) | pandoc md→docx (s) | outputs |"
echo "|---:|---:|---:|---:|---:|---|"
# one row: the label, the data folder, the villages, and the Markdown pandoc converts
# (relative to OUT/2023)
row() {
  local n=$1 data=$2 villages=$3 md=${4:-bao-cao-ntm-2023.md}
  local out="$WORK/out-${n// /-}"
  read -r wall rss < <(measure "$BIN" --data "$data" build 2023 --out "$out")
  if [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -le 100 ]; then wall=$(median_build "$data" "$out" 5); else wall=$(median_build "$data" "$out" 3); fi
  local pd="n/a"
  if command -v pandoc >/dev/null 2>&1; then
    pd=$(measure pandoc "$out/2023/$md" -o "$WORK/pandoc-${n// /-}.docx" | awk '{print $1}')
  fi
  local files
  files=$(find "$out/2023" -type f | wc -l)
  echo "| $n | $villages | $wall | $rss | $pd | $files files |"
}
row 16 data 163
for n in $SIZES; do
  dir="$WORK/synth-$n"
  [ -d "$dir" ] || "$SYNTH" --communes "$n" --villages-per-commune 10 --years 2 --seed 1 --out "$dir" >/dev/null
  row "$n" "$dir" "$((n * 10))"
done
# The national folder of units: the build writes 34 unit reports and the summary; pandoc
# converts the summary's Markdown.
if [ "${NATIONAL:-1}" != 0 ]; then
  dir="$WORK/synth-national"
  [ -d "$dir" ] || "$SYNTH" --units 34 --communes 3321 --villages-per-commune 19 --years 2 --seed 1 --out "$dir" >/dev/null
  row "3321 (34 units)" "$dir" "$((3321 * 19))" tong-hop/tong-hop-2023.md
fi
echo
echo "machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%d)"
