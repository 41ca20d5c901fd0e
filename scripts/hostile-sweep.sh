#!/usr/bin/env bash
# A sweep of hostile inputs against the release binary (docs/fuzzing.md, "Hostile sweep").
#
#   scripts/hostile-sweep.sh [BINARY]        (default: target/release/ntm-report)
#
# Generates each case in a fresh copy of examples/tam-duong-mini (or a file of its own), runs
# the command with a 5 s limit, and fails when a case
#   - runs past the limit (a hang),
#   - exits with a code other than 0, 1 or 2 (a crash, an abort, a signal),
#   - prints "panicked" or "RUST_BACKTRACE",
#   - exits 1 or 2 with an error that names no place (every `error:` needs its `  --> `),
#   - prints more than 64 KB of messages (a line echoed whole).
# Rerunnable: everything is made under a temporary folder, removed at the end.
# SWEEP_ONLY=REGEX runs the cases whose name matches; SWEEP_KEEP=1 keeps the folder.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${1:-$ROOT/target/release/ntm-report}
[ -x "$BIN" ] || { echo "no binary at $BIN (cargo build --release)" >&2; exit 2; }
LIMIT=${SWEEP_LIMIT:-5}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hostile-sweep.XXXXXX")
[ "${SWEEP_KEEP:-0}" = 1 ] || trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
export LANG=en_US.UTF-8 LC_ALL=C.UTF-8 NO_COLOR=1
unset RUST_BACKTRACE

pass=0
fail=0
failed=()

# A fresh data folder: $D.
fresh() {
    D=$WORK/case/data
    rm -rf "$WORK/case"
    mkdir -p "$WORK/case"
    cp -r "$ROOT/examples/tam-duong-mini" "$D"
}

py() { python3 -c "$@"; }

# case NAME SETUP ARGS...: SETUP is a shell function run in a fresh folder, ARGS the
# command's arguments ({D} is the data folder, {W} the case's folder).
case_() {
    local name=$1 setup=$2
    shift 2
    if [ -n "${SWEEP_ONLY:-}" ] && ! [[ $name =~ $SWEEP_ONLY ]]; then return; fi
    fresh
    (cd "$WORK/case" && $setup) >/dev/null 2>&1
    local args=()
    for a in "$@"; do
        a=${a//\{D\}/$D}
        args+=("${a//\{W\}/$WORK/case}")
    done
    local start end code why=""
    start=$(date +%s.%N)
    timeout -s KILL "$LIMIT" "$BIN" "${args[@]}" >"$WORK/out" 2>"$WORK/err" </dev/null
    code=$?
    end=$(date +%s.%N)
    local took
    took=$(printf '%.2f' "$(echo "$end - $start" | bc)")
    if [ $code = 137 ]; then
        why="timeout (> ${LIMIT} s)"
    elif [ $code -gt 2 ]; then
        why="exit $code"
    elif grep -qE 'panicked|RUST_BACKTRACE' "$WORK/err" "$WORK/out"; then
        why="panic"
    elif [ "$(stat -c %s "$WORK/err")" -gt 65536 ]; then
        why="$(stat -c %s "$WORK/err") bytes of messages"
    elif [ $code != 0 ]; then
        # Every error names its place on the line after it.
        why=$(awk '
            /^error(\[|:)/ { if (pending) bad = 1; pending = 1; next }
            pending && /^  --> / { pending = 0; next }
            pending && !/^  --> / { bad = 1; pending = 0 }
            END { if (pending || bad) print "an error without its place" }
        ' "$WORK/err")
        grep -qE '^error' "$WORK/err" || why="exit $code without an error"
    fi
    if [ -z "$why" ]; then
        pass=$((pass + 1))
        printf 'ok    %5ss  exit %s  %s\n' "$took" "$code" "$name"
    else
        fail=$((fail + 1))
        failed+=("$name")
        printf 'FAIL  %5ss  exit %s  %s: %s\n' "$took" "$code" "$name" "$why"
        head -c 1500 "$WORK/err" | sed 's/^/      | /'
    fi
}

CHECK=(--data {D} check 2023)
BUILD=(--data {D} build 2023 --out {W}/out)
TPL=(--data {D} --templates {W}/tpl build 2023 --out {W}/out)
tpl() { mkdir -p tpl && printf '%s' "$1" >tpl/trich-yeu.md; }

# ---- bytes and encodings ------------------------------------------------------------------
s_nul() { py "import re;p='data/communes.csv';t=open(p,'rb').read();open(p,'wb').write(t.replace(b'\n',b'\n\0',2))"; }
s_utf16() { py "p='data/2023/villages.csv';t=open(p,encoding='utf-8').read();open(p,'wb').write(t.encode('utf-16-le'))"; }
s_1258() { py "p='data/communes.csv';t=open(p,encoding='utf-8').read();open(p,'wb').write(t.encode('cp1258',errors='replace'))"; }
s_binary_toml() { py "import random;random.seed(7);open('data/ntm.toml','wb').write(bytes(random.randrange(256) for _ in range(100000)))"; }
s_empty_toml() { : >data/ntm.toml; }
s_cut_utf8() { py "p='data/communes.csv';t=open(p,'rb').read();open(p,'wb').write(t+'Đ'.encode()[:1])"; }
s_bom_mid() { py "p='data/communes.csv';t=open(p,encoding='utf-8').read().split(chr(10));t[1]=chr(0xfeff)+t[1].replace(',',chr(0x200b)+',',1);open(p,'w',encoding='utf-8').write(chr(10).join(t))"; }
s_controls() { py "p='data/communes.csv';t=open(p,encoding='utf-8').read();open(p,'w',encoding='utf-8').write(t.replace(',',chr(27)+'[31m,',3))"; }
s_long_line() { py "open('data/2023/villages.csv','w').write('village,' + 'x'*(10<<20))"; }
s_huge_line() { py "
with open('data/2023/villages.csv','w') as f:
    f.write('village,a,b\n')
    chunk = 'ban-x,1,2,' * 100000
    for _ in range(200):
        f.write(chunk)"; }
s_marks() { py "p='data/communes.csv';t=open(p,encoding='utf-8').read().split(chr(10));c=t[1].split(',');c[1]=c[1]+chr(0x301)*100000;t[1]=','.join(c);open(p,'w',encoding='utf-8').write(chr(10).join(t))"; }
s_marks_id() { py "p='data/communes.csv';t=open(p,encoding='utf-8').read().split(chr(10));c=t[1].split(',');c[0]=c[0]+chr(0x323)*100000;t[1]=','.join(c);open(p,'w',encoding='utf-8').write(chr(10).join(t))"; }
s_quotes() { py "open('data/2023/villages.csv','a').write('\"'*1000000)"; }
s_rows() { py "open('data/2023/villages.csv','a').write('garbage;;\n'*1000000)"; }
s_columns() { py "open('data/2023/villages.csv','w').write(','.join('c%d'%i for i in range(200000))+chr(10))"; }
s_deep_toml() { py "open('data/ntm.toml','a').write('x = ' + '['*100000 + ']'*100000 + chr(10))"; }
s_deep_inline() { py "open('data/ntm.toml','a').write('x = ' + '{a='*50000 + '1' + '}'*50000 + chr(10))"; }
s_many_keys() { py "open('data/2023/report.toml','a').write(''.join('k%d = %d\n'%(i,i) for i in range(300000)))"; }
s_long_string() { py "open('data/2023/report.toml','a').write('note = \"' + 'a'*(50<<20) + '\"\n')"; }
s_big_number() { py "
p='data/2023/funding.toml';t=open(p,encoding='utf-8').read()
import re;t=re.sub(r'= (\d+)', '= ' + '9'*100000, t, count=1);open(p,'w',encoding='utf-8').write(t)"; }
s_million_keys() { py "open('data/2023/report.toml','a').write(''.join('k%d = %d\n'%(i,i) for i in range(1000000)))"; }
s_deep_arrays_keys() { py "open('data/ntm.toml','a').write('[a]\n' + ''.join('x%d = [[[[[[[[[[1]]]]]]]]]]\n'%i for i in range(100000)))"; }
s_million_columns() { py "open('data/2023/villages.csv','w').write(','.join('c%d'%i for i in range(1000000))+chr(10))"; }
s_dates_absurd() { py "open('data/recognitions.csv','w').write('unit,level,event,decision,date,issuer,note\nbinh-lu,ntm,cong-nhan,1/QĐ,99999-01-01,,\nban-bo,ntm,cong-nhan,2/QĐ,0000-00-00,,\nbinh-lu,ntm,thu-hoi,3/QĐ,2023-02-30,,\nban-bo,ntm,cong-nhan,4/QĐ,' + '9'*100000 + ',,\n')"; }
s_huge_roster_date() { py "
p='data/communes.csv';t=open(p,encoding='utf-8').read().split(chr(10))
c=t[1].split(',');c[3]='1/QĐ';c[4]='-9223372036854775808-01-01';t[1]=','.join(c);open(p,'w',encoding='utf-8').write(chr(10).join(t))"; }
s_float_inf() { py "
p='data/2023/funding.toml';t=open(p,encoding='utf-8').read()
import re;t=re.sub(r'= (\d+)', '= nan', t, count=1);t=re.sub(r'= (\d+)', '= -inf', t, count=1);open(p,'w',encoding='utf-8').write(t)"; }
s_bad_date() { py "
p='data/2023/report.toml';t=open(p,encoding='utf-8').read()
import re;t=re.sub(r'\d{4}-\d{2}-\d{2}', '9999-99-99', t, count=1);open(p,'w',encoding='utf-8').write(t)"; }
s_tab_csv() { py "p='data/communes.csv';t=open(p,encoding='utf-8').read();open(p,'w',encoding='utf-8').write(t.replace(',',chr(9)))"; }
s_cr_only() { py "p='data/communes.csv';t=open(p,encoding='utf-8').read();open(p,'w',encoding='utf-8').write(t.replace(chr(10),chr(13)*1000))"; }

# ---- the file system ---------------------------------------------------------------------
s_year_file() { rm -rf data/2023 && : >data/2023; }
s_year_link() { rm -rf data/2023 && ln -s nowhere data/2023; }
s_year_loop() { rm -rf data/2023 && ln -s 2023 data/2023; }
s_dir_file() { rm -f data/2023/report.toml && mkdir data/2023/report.toml; }
s_link_loop() { rm -f data/2023/funding.toml && ln -s funding.toml data/2023/funding.toml; }
s_fifo() { rm -f data/2023/funding.toml && mkfifo data/2023/funding.toml; }
s_zero() { rm -f data/2023/funding.toml && ln -s /dev/zero data/2023/funding.toml; }
s_unreadable() { chmod 000 data/2023/funding.toml; }
s_bad_name() { mkdir -p data/2023/communes && : >"data/2023/communes/$(printf 'ban\377.toml')"; }
s_data_file() { rm -rf data && : >data; }
s_empty_dir() { rm -rf data && mkdir data; }
s_roster_dir() { rm -f data/communes.csv && mkdir data/communes.csv; }

# ---- templates ---------------------------------------------------------------------------
s_t_double() { tpl '{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l|length }}'; }
s_t_macro_double() { tpl '{% macro f(l, n) %}{% if n > 0 %}{{ f(l + l, n - 1) }}{% else %}{{ l|length }}{% endif %}{% endmacro %}{{ f([1], 60) }}'; }
s_t_strdouble() { tpl '{% set ns = namespace(s="ab") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}'; }
s_t_nested() { tpl '{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}'; }
s_t_recurse() { tpl '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}'; }
s_t_mul() { tpl '{{ "ab" * 2000000000 }}'; }
s_t_join() { tpl '{{ ([1] * 1000000000)|join(",") }}'; }
s_t_center() { tpl '{{ "a"|center(2000000000) }}'; }
s_t_dict() { tpl '{% set ns = namespace(d={}) %}{% for i in range(1000000) %}{% set ns.d = dict(ns.d, **{i|string: i}) %}{% endfor %}'; }
s_t_big() { mkdir -p tpl && py "open('tpl/trich-yeu.md','w').write('{{ unit.name }} ' * (6<<20))"; }
s_t_ifs() { mkdir -p tpl && py "open('tpl/trich-yeu.md','w').write('{% if true %}'*100000 + '{% endif %}'*100000)"; }
s_t_chain() { mkdir -p tpl && py "open('tpl/trich-yeu.md','w').write('{{ a' + '.b'*100000 + ' }}')"; }
s_t_undefined() { tpl 'x {{ khong_co.ten }}'; }
s_t_binary() { mkdir -p tpl && py "import random;random.seed(3);open('tpl/trich-yeu.md','wb').write(bytes(random.randrange(256) for _ in range(50000)))"; }
s_t_self() { tpl '{% include "trich-yeu.md" %}'; }
s_t_folder_file() { : >tpl; }
s_t_just_over() { mkdir -p tpl && py "open('tpl/phan-2.md','w').write('x' * ((1<<20) + 1))"; }
s_t_every_60mb() { mkdir -p tpl && for f in bao-cao phan-1-chi-dao phan-1-thanh-phan phan-1-tong-hop phan-1-von phan-2 trich-yeu; do printf '%s' '{{ "x " * 30000000 }}' >tpl/$f.md; done; }
s_t_markers() { mkdir -p tpl && cp "$ROOT/templates/phu-bieu.md" tpl/ && printf '%s' '{% for i in range(20000) %}
<!-- table:{{ code }} -->
{% endfor %}' >>tpl/phu-bieu.md; }
s_t_rows() { mkdir -p tpl && cp "$ROOT/templates/phu-bieu.md" tpl/ && py "
p='tpl/phu-bieu.md';t=open(p,encoding='utf-8').read()
open(p,'w',encoding='utf-8').write(t + '\n| a | b |\n|---|---|\n{% for i in range(200000) %}| {{ i }} | x |\n{% endfor %}')"; }

# ---- workbooks ---------------------------------------------------------------------------
xlsx() { # xlsx FILE SHEETXML [SHEETS]
    py "
import zipfile,sys
f,sheet,n=sys.argv[1],sys.argv[2],int(sys.argv[3])
z=zipfile.ZipFile(f,'w',zipfile.ZIP_DEFLATED)
ct='<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>'
z.writestr('[Content_Types].xml',ct)
z.writestr('_rels/.rels','<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>')
sheets=''.join('<sheet name=\"s%d\" sheetId=\"%d\" r:id=\"rId%d\"/>'%(i,i+1,i+1) for i in range(n))
z.writestr('xl/workbook.xml','<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>'+sheets+'</sheets></workbook>')
rels=''.join('<Relationship Id=\"rId%d\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet%d.xml\"/>'%(i+1,i+1) for i in range(n))
z.writestr('xl/_rels/workbook.xml.rels','<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">'+rels+'</Relationships>')
for i in range(n):
    z.writestr('xl/worksheets/sheet%d.xml'%(i+1), sheet)
z.close()" "$@"
}
SHEET_HEAD='<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL='</sheetData></worksheet>'
s_x_bomb() { py "
import zipfile
z=zipfile.ZipFile('data/2023/nhap-lieu.xlsx','w',zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml','<Types/>')
with z.open('xl/worksheets/sheet1.xml','w',force_zip64=True) as f:
    b=b' '*(1<<20)
    for _ in range(1200): f.write(b)
z.close()"; }
s_x_laughs() { xlsx data/2023/nhap-lieu.xlsx '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>' 1; }
s_x_sheets() { xlsx data/2023/nhap-lieu.xlsx "$SHEET_HEAD$SHEET_TAIL" 5000; }
s_x_deep() { xlsx data/2023/nhap-lieu.xlsx "$SHEET_HEAD<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>$(printf '<r>%.0s' $(seq 1 20000))</is></c></row>$SHEET_TAIL" 1; }
s_x_far() { xlsx data/2023/nhap-lieu.xlsx "$SHEET_HEAD<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>$SHEET_TAIL" 1; }
s_x_random() { py "import random;random.seed(5);open('data/2023/nhap-lieu.xlsx','wb').write(b'PK\x03\x04'+bytes(random.randrange(256) for _ in range(100000)))"; }
s_x_cut() { xlsx data/2023/nhap-lieu.xlsx "$SHEET_HEAD$SHEET_TAIL" 1 && py "p='data/2023/nhap-lieu.xlsx';t=open(p,'rb').read();open(p,'wb').write(t[:len(t)//2])"; }
s_ods_bomb() { py "
import zipfile
z=zipfile.ZipFile('data/2023/nhap-lieu.ods','w',zipfile.ZIP_DEFLATED)
z.writestr('mimetype','application/vnd.oasis.opendocument.spreadsheet',compress_type=zipfile.ZIP_STORED)
z.writestr('META-INF/manifest.xml','<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>')
with z.open('content.xml','w',force_zip64=True) as f:
    f.write(b'<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:spreadsheet><table:table table:name=\"communes\">')
    row=b'<table:table-row><table:table-cell/></table:table-row>'*10000
    for _ in range(600): f.write(row)
    f.write(b'</table:table></office:spreadsheet></office:body></office:document-content>')
z.close()"; }
s_ods_repeat() { py "
import zipfile
z=zipfile.ZipFile('data/2023/nhap-lieu.ods','w',zipfile.ZIP_DEFLATED)
z.writestr('mimetype','application/vnd.oasis.opendocument.spreadsheet',compress_type=zipfile.ZIP_STORED)
z.writestr('META-INF/manifest.xml','<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>')
z.writestr('content.xml','<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet><table:table table:name=\"communes\"><table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
z.close()"; }
s_ods_laughs() { py "
import zipfile
lol='<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">' + ''.join('<!ENTITY %s \"%s\">'%(chr(98+i), ('&%s;'%chr(97+i))*10) for i in range(9)) + ']>'
z=zipfile.ZipFile('data/2023/nhap-lieu.ods','w',zipfile.ZIP_DEFLATED)
z.writestr('mimetype','application/vnd.oasis.opendocument.spreadsheet',compress_type=zipfile.ZIP_STORED)
z.writestr('META-INF/manifest.xml','<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>')
z.writestr('content.xml','<?xml version=\"1.0\"?>'+lol+'<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet><table:table table:name=\"communes\"><table:table-row><table:table-cell><text:p>&j;</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
z.close()"; }

# ---- audit, diff, init --------------------------------------------------------------------
s_a_line() { py "open('r.md','w').write('Có 16/16 xã đạt chuẩn ' * (2<<20))"; }
s_a_parens() { py "open('r.md','w').write('('*1000000)"; }
s_a_binary() { py "import random;random.seed(9);open('r.md','wb').write(bytes(random.randrange(256) for _ in range(1<<20)))"; }
s_a_docx_random() { py "import random;random.seed(11);open('r.docx','wb').write(b'PK\x03\x04'+bytes(random.randrange(256) for _ in range(100000)))"; }
s_a_numbers() { py "open('r.md','w').write(' '.join('%d/%d xã'%(i,i+1) for i in range(500000)))"; }
s_a_near_limit() { py "
s = 'Có 16/16 xã đạt chuẩn ' * 280
open('r.md','w').write('## Xã Bản Bo\n\nTiêu chí số 8: ' + (s + '. ') * 2000 + '\n')"; }
s_a_near_parens() { py "
s = '(03 xã) ' * 480
open('r.md','w').write('## Xã Bản Bo\n\nTiêu chí số 8: ' + (s + '. ') * 2000 + '\n')"; }
s_a_paragraphs() { py "
s = 'Có 16/16 xã đạt chuẩn ' * 280
open('r.md','w').write(('## Xã Bản Bo\n\nTiêu chí số 8: ' + s + '.\n\n') * 2000)"; }
s_a_dense() { py "
s = '- Số xã đạt 15 - 18 tiêu chí: 02 xã (Bản Bo, Bình Lư).\n'
open('r.md','w').write(s * (20_000_000 // len(s.encode())))"; }
s_a_dense_limit() { py "
s = '- Số xã đạt 15 - 18 tiêu chí: 02 xã (Bản Bo, Bình Lư).\n'
open('r.md','w').write(s * ((16 << 20) // len(s.encode())))"; }
s_a_docx_runs() { py "
import zipfile
z = zipfile.ZipFile('r.docx', 'w', zipfile.ZIP_DEFLATED)
run = '<w:r><w:t>1 </w:t></w:r>'
z.writestr('word/document.xml', '<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>' + run * (60_000_000 // len(run)) + '</w:p></w:body></w:document>')
z.close()"; }
s_none() { :; }
s_foreign_out() { mkdir -p out/2023 && echo "của tôi" > out/2023/ghi-chu.txt; }
s_out_file() { : >out; }
s_funding_cycle() { py "
p='data/2023/funding.toml';open(p,'a').write('\n[[source]]\nid = \"cyc-a\"\nname = \"A\"\nparent = \"cyc-b\"\n\n[[source]]\nid = \"cyc-b\"\nname = \"B\"\nparent = \"cyc-a\"\n')"; }

case_ "nul byte in a UTF-8 CSV" s_nul "${CHECK[@]}"
case_ "UTF-16 without a byte-order mark" s_utf16 "${CHECK[@]}"
case_ "Windows-1258 without --encoding" s_1258 "${CHECK[@]}"
case_ "random bytes as ntm.toml" s_binary_toml "${CHECK[@]}"
case_ "empty ntm.toml" s_empty_toml "${CHECK[@]}"
case_ "UTF-8 cut in a character" s_cut_utf8 "${CHECK[@]}"
case_ "byte-order mark and zero-width space inside a row" s_bom_mid "${BUILD[@]}"
case_ "terminal escapes in cells" s_controls "${CHECK[@]}"
case_ "a 10 MB line" s_long_line "${CHECK[@]}"
case_ "a 200 MB one-line CSV" s_huge_line "${CHECK[@]}"
case_ "100,000 combining marks in a commune name" s_marks "${BUILD[@]}"
case_ "100,000 combining marks in a commune id" s_marks_id "${CHECK[@]}"
case_ "a million quotes" s_quotes "${CHECK[@]}"
case_ "a million rows of garbage" s_rows "${CHECK[@]}"
case_ "200,000 columns" s_columns "${CHECK[@]}"
case_ "TOML arrays nested 100,000 deep" s_deep_toml "${CHECK[@]}"
case_ "TOML tables nested 50,000 deep" s_deep_inline "${CHECK[@]}"
case_ "300,000 unknown keys" s_many_keys "${CHECK[@]}"
case_ "a 50 MB TOML string" s_long_string "${CHECK[@]}"
case_ "a number of 100,000 digits" s_big_number "${CHECK[@]}"
case_ "a million unknown keys" s_million_keys "${CHECK[@]}"
case_ "100,000 keys of arrays nested ten deep" s_deep_arrays_keys "${CHECK[@]}"
case_ "a million columns" s_million_columns "${CHECK[@]}"
case_ "recognitions.csv with absurd dates" s_dates_absurd "${CHECK[@]}"
case_ "a roster date of the smallest 64-bit year" s_huge_roster_date "${CHECK[@]}"
case_ "nan and -inf amounts" s_float_inf "${CHECK[@]}"
case_ "the date 9999-99-99" s_bad_date "${CHECK[@]}"
case_ "tabs for commas" s_tab_csv "${CHECK[@]}"
case_ "a thousand carriage returns per line end" s_cr_only "${CHECK[@]}"
case_ "the year folder is a file" s_year_file "${CHECK[@]}"
case_ "the year folder is a broken link" s_year_link "${CHECK[@]}"
case_ "the year folder is a link to itself" s_year_loop "${CHECK[@]}"
case_ "a folder for report.toml" s_dir_file "${CHECK[@]}"
case_ "a symbolic link loop" s_link_loop "${CHECK[@]}"
case_ "a FIFO for funding.toml" s_fifo "${CHECK[@]}"
case_ "a link to /dev/zero" s_zero "${CHECK[@]}"
case_ "an unreadable file" s_unreadable "${CHECK[@]}"
case_ "a file name that is not Unicode" s_bad_name "${CHECK[@]}"
case_ "the data folder is a file" s_data_file "${CHECK[@]}"
case_ "an empty data folder" s_empty_dir "${CHECK[@]}"
case_ "a folder for communes.csv" s_roster_dir "${CHECK[@]}"
case_ "template: a list doubled in a namespace" s_t_double "${TPL[@]}"
case_ "template: a list doubled through a macro" s_t_macro_double "${TPL[@]}"
case_ "template: a string doubled" s_t_strdouble "${TPL[@]}"
case_ "template: nested loops" s_t_nested "${TPL[@]}"
case_ "template: endless recursion" s_t_recurse "${TPL[@]}"
case_ "template: a string times two billion" s_t_mul "${TPL[@]}"
case_ "template: a billion items joined" s_t_join "${TPL[@]}"
case_ "template: centred in two billion" s_t_center "${TPL[@]}"
case_ "template: a dict grown a million times" s_t_dict "${TPL[@]}"
case_ "template: 60 MB of template" s_t_big "${TPL[@]}"
case_ "template: 100,000 nested ifs" s_t_ifs "${TPL[@]}"
case_ "template: 100,000 attributes in a chain" s_t_chain "${TPL[@]}"
case_ "template: an undefined variable" s_t_undefined "${TPL[@]}"
case_ "template: random bytes" s_t_binary "${TPL[@]}"
case_ "template: includes itself" s_t_self "${TPL[@]}"
case_ "template: the templates folder is a file" s_t_folder_file "${TPL[@]}"
case_ "template: an appendix of 200,000 rows" s_t_rows "${TPL[@]}"
case_ "template: one byte over 1 MB" s_t_just_over "${TPL[@]}"
case_ "template: seven templates writing 60 MB each" s_t_every_60mb "${TPL[@]}"
case_ "template: a table marker 20,000 times" s_t_markers "${TPL[@]}"
case_ "xlsx: a sheet unpacking to 1.2 GB" s_x_bomb "${CHECK[@]}"
case_ "xlsx: billion laughs" s_x_laughs "${CHECK[@]}"
case_ "xlsx: 5,000 sheets" s_x_sheets "${CHECK[@]}"
case_ "xlsx: 20,000 nested runs" s_x_deep "${CHECK[@]}"
case_ "xlsx: a cell at XFD1048576" s_x_far "${CHECK[@]}"
case_ "xlsx: random bytes" s_x_random "${CHECK[@]}"
case_ "xlsx: cut in half" s_x_cut "${CHECK[@]}"
case_ "ods: rows unpacking to 600 MB" s_ods_bomb "${CHECK[@]}"
case_ "ods: a cell repeated over the whole grid" s_ods_repeat "${CHECK[@]}"
case_ "ods: billion laughs" s_ods_laughs "${CHECK[@]}"
case_ "audit: a 45 MB line" s_a_line audit {W}/r.md
case_ "audit: a million (" s_a_parens audit {W}/r.md
case_ "audit: random bytes" s_a_binary audit {W}/r.md
case_ "audit: a .docx of random bytes" s_a_docx_random audit {W}/r.docx
case_ "audit: 500,000 counts" s_a_numbers audit {W}/r.md
case_ "audit: 2,000 sentences of 1,960 tokens in a paragraph" s_a_near_limit audit {W}/r.md
case_ "audit: 2,000 sentences of 480 parentheses" s_a_near_parens audit {W}/r.md
case_ "audit: 2,000 paragraphs of a sentence near the bound" s_a_paragraphs audit {W}/r.md
case_ "audit: 20 MB of counts with their lists" s_a_dense audit {W}/r.md
case_ "audit: 16 MB of counts with their lists (at the size limit)" s_a_dense_limit audit {W}/r.md
case_ "audit: a .docx of 2.4 million runs (60 MB of XML)" s_a_docx_runs audit {W}/r.docx
case_ "audit: a missing file" s_none audit {W}/nowhere.md
case_ "diff: neither a year nor a year folder" s_none diff {W}/nowhere {D}/2023
case_ "diff: a missing year folder" s_none diff {W}/nowhere/2023 {D}/2023
case_ "diff: a year folder that is a file" s_year_file diff {D}/2023 {D}/2023
case_ "init: the year before is a file" s_year_file --data {D} init 2024
case_ "init: the year before is missing" s_none --data {D} init 2019
case_ "new: no options and no terminal to ask" s_none new {W}/nouveau
case_ "build: the output folder is a file" s_out_file "${BUILD[@]}"
case_ "build: --out is the data folder (OUT/YEAR is the year's data)" s_none --data {D} build 2023 --out {D}
case_ "build: --out is a folder of somebody's files" s_foreign_out "${BUILD[@]}"
case_ "templates export into a file" s_out_file templates export {W}/out
case_ "a cycle among funding sources" s_funding_cycle "${CHECK[@]}"
case_ "the shipped example builds" s_none "${BUILD[@]}"

echo
echo "$pass passed, $fail failed"
for f in "${failed[@]}"; do echo "  failed: $f"; done
[ "$fail" = 0 ]
