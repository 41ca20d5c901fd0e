#!/usr/bin/env bash
# Makes the page images of the Vietnamese guide (docs/vi/hinh/*.png) from the shipped data:
# pages of the built report, and the status sheet of the workbook `init --workbook` writes.
# Needs LibreOffice (soffice) and poppler (pdftoppm). Run from the repository root.
set -euo pipefail
bin="${NTM_REPORT:-target/release/ntm-report}"
out=docs/vi/hinh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
profile="-env:UserInstallation=file://$work/lo"

"$bin" --data data build 2023 --out "$work/out" >/dev/null
soffice --headless "$profile" --convert-to pdf --outdir "$work" "$work/out/2023/bao-cao-ntm-2023.docx" >/dev/null
pdf="$work/bao-cao-ntm-2023.pdf"
# The page that holds a text: the first one.
page_of() { for i in $(seq 1 "$(pdfinfo "$pdf" | awk '/^Pages/ {print $2}')"); do
    if pdftotext -f "$i" -l "$i" "$pdf" - | grep -q "$1"; then echo "$i"; return; fi; done; }
png() { pdftoppm -png -r 60 -f "$2" -l "$2" -singlefile "$pdf" "$out/$1"; }
png bao-cao-trang-1 1
png bao-cao-trang-ky "$(page_of 'Nơi nhận')"
png phu-bieu-02 "$(page_of 'PHỤ BIỂU 02$')"

mkdir -p "$work/data"
cp -r data/ntm.toml data/communes.csv data/villages.csv data/2022 "$work/data/"
"$bin" --data "$work/data" init 2023 --workbook >/dev/null
soffice --headless "$profile" --convert-to pdf --outdir "$work" "$work/data/2023/nhap-lieu.xlsx" >/dev/null
pdftoppm -png -r 150 -f 2 -l 2 -x 90 -y 90 -W 1100 -H 320 -singlefile "$work/nhap-lieu.pdf" "$out/so-nhap-lieu-tieu-chi"
ls -l "$out"
