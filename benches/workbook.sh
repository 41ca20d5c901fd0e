#!/usr/bin/env bash
# Reading the year's tables from a workbook against reading them as CSV: synthetic data
# (10 villages per commune, two years) whose report-year `communes.csv` and `villages.csv`
# are converted by LibreOffice into `communes.xlsx` and `villages.xlsx` (sheets named after
# the files, ids kept as text). Prints the median wall time of three `check` runs and the
# peak memory, for each form; record them in docs/performance.md.
#
#   bash benches/workbook.sh              # 1,000 and 10,000 communes
#   SIZES=1000 bash benches/workbook.sh
#
# Needs: /usr/bin/time (Debian package `time`), LibreOffice (soffice).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
WORK=${WORK:-$(mktemp -d)}
cargo build --release --quiet
cargo build --release --quiet --example synth
BIN=${CARGO_TARGET_DIR:-target}/release/ntm-report
SYNTH=${CARGO_TARGET_DIR:-target}/release/examples/synth

# median wall seconds and peak RSS (MB) of three runs of a command
measure() {
  local walls=() rss=0 log
  for _ in 1 2 3; do
    log=$(mktemp)
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; return 1; }
    walls+=("$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{print $1*60+$2}')")
    local r
    r=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
    ((r > rss)) && rss=$r
    rm -f "$log"
  done
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 2p)" "$((rss / 1024))"
}

echo "| communes | rows in communes table | CSV: check | workbook: check | workbook size |"
echo "|---|---|---|---|---|"
for n in $SIZES; do
  csv="$WORK/csv-$n"
  wb="$WORK/wb-$n"
  rm -rf "$csv" "$wb"
  "$SYNTH" --communes "$n" --villages-per-commune 10 --years 2 --seed 1 --out "$csv" >/dev/null
  cp -r "$csv" "$wb"
  rows=$(($(wc -l <"$csv/2023/communes.csv") - 1))
  # Column 2 (the item) and 1 (ids) as text: an id typed as a number loses its zeros.
  (cd "$wb/2023" && soffice --headless "-env:UserInstallation=file://$WORK/lo" \
    --infilter="CSV:44,34,76,1,1/2/2/2" --convert-to xlsx communes.csv villages.csv >/dev/null 2>&1)
  rm "$wb/2023/communes.csv" "$wb/2023/villages.csv"
  read -r tc mc < <(measure "$BIN" --data "$csv" check 2023)
  read -r tw mw < <(measure "$BIN" --data "$wb" check 2023)
  size=$(du -ch "$wb/2023/"*.xlsx | tail -1 | cut -f1)
  echo "| $n | $rows | ${tc} s, ${mc} MB | ${tw} s, ${mw} MB | $size |"
done
