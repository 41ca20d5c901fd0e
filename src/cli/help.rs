//! The command's help in the user's language, with the exit codes; its shell completions
//! and man pages. All are made from the one clap definition ([`super::args::Cli`]): the
//! English help is its doc comments, the Vietnamese one replaces each text by the entry of
//! [`VI`] under the command path and the argument's id (a test checks that every argument
//! and command has one).

use super::args::Cli;
use crate::diagnostic::Lang;
use clap::{Arg, ArgAction, Command, CommandFactory};
use std::ffi::OsString;

/// The exit codes, as `--help` ends.
fn exit_codes(lang: Lang) -> &'static str {
    lang.pick(
        "Exit codes:
  0              success (warnings may have been printed); diff --exit-code: no differences
  1              the data is invalid (or has warnings, with --deny-warnings), nothing was
                 written; diff --exit-code: there are differences; audit: there are findings
  2              bad usage, or a path could not be read or written
  129, 130, 143  interrupted by SIGHUP, SIGINT (Ctrl-C) or SIGTERM; the unfinished output
                 was removed",
        "Mã thoát:
  0              thành công (có thể đã in cảnh báo); diff --exit-code: không có khác biệt
  1              số liệu không hợp lệ (hoặc có cảnh báo, với --deny-warnings), không ghi tệp
                 nào; diff --exit-code: có khác biệt; audit: có chỗ mâu thuẫn
  2              dùng lệnh sai, hoặc không đọc hay ghi được một đường dẫn
  129, 130, 143  bị ngắt bởi SIGHUP, SIGINT (Ctrl-C) hoặc SIGTERM; phần kết quả đang ghi dở
                 đã được xóa",
    )
}

/// The Vietnamese texts: the command path (`""` for `ntm-report` itself, `build`,
/// `templates/export`), then `path/id` for each argument. Options that apply to several
/// commands are defined once, on the command that holds them.
const VI: &[(&str, &str)] = &[
    (
        "",
        "Lập báo cáo năm của Chương trình MTQG xây dựng nông thôn mới (NTM) từ một thư mục số liệu.",
    ),
    (":data", "Thư mục số liệu (mặc định: data)."),
    (
        ":message_format",
        "Cách in lỗi và cảnh báo: human (cho người đọc, mặc định) hoặc json (mỗi dòng một đối tượng JSON, cho CI).",
    ),
    (":deny_warnings", "Coi cảnh báo là lỗi."),
    (
        ":templates",
        "Thư mục mẫu báo cáo thay cho mẫu có sẵn, từng tệp một (mặc định: thư mục templates/ trong thư mục số liệu, nếu có).",
    ),
    (
        ":lang",
        "Ngôn ngữ của thông báo: vi (tiếng Việt) hoặc en (tiếng Anh); mặc định: ngôn ngữ của hệ thống.",
    ),
    (
        ":encoding",
        "Bảng mã của các tệp số liệu không có BOM và không phải UTF-8, ví dụ windows-1258 như Excel ghi (tệp UTF-16 có BOM luôn được nhận ra).",
    ),
    (
        ":quiet",
        "Chỉ in lỗi: không in cảnh báo, tiến độ và thông báo đã xong.",
    ),
    (
        ":color",
        "Tô màu: auto (trên cửa sổ dòng lệnh, trừ khi đặt NO_COLOR; CLICOLOR_FORCE để luôn tô màu; mặc định), always (luôn luôn) hoặc never (không bao giờ).",
    ),
    (
        "build",
        "Lập báo cáo năm YEAR vào OUT/YEAR (facts.json và các văn bản).",
    ),
    ("build:year", "Năm báo cáo."),
    (
        "build:out",
        "Thư mục kết quả; kết quả của năm được ghi vào OUT/YEAR (mặc định: out).",
    ),
    (
        "build:timings",
        "In thời gian của từng bước và bộ nhớ dùng nhiều nhất sau bước đó.",
    ),
    (
        "build:keep_going",
        "Với thư mục nhiều đơn vị: đơn vị có lỗi được bỏ ra (và nêu tên), các đơn vị khác và bản tổng hợp của chúng vẫn được ghi; mã thoát vẫn là 1.",
    ),
    (
        "build:detail_limit",
        "Số xã nhiều nhất mà báo cáo Word và Markdown in Phụ biểu 02a (kết quả các chỉ tiêu của từng xã: mỗi tiêu chí một bảng, mỗi xã một dòng) và hình kết quả các tiêu chí theo từng xã; đơn vị có nhiều xã hơn thì Phụ biểu 02a chỉ có trong sổ Excel, hình theo xã không in (Phụ biểu 02 có cùng kết quả) và báo cáo ghi rõ điều đó. Với thư mục nhiều đơn vị: áp dụng cho báo cáo của từng đơn vị (mặc định: 50).",
    ),
    (
        "check",
        "Kiểm tra số liệu năm YEAR và in mọi vấn đề tìm thấy; không ghi tệp nào.",
    ),
    ("check:year", "Năm báo cáo."),
    (
        "check:keep_going",
        "Với thư mục nhiều đơn vị: kiểm tra như build --keep-going lập báo cáo, nêu tên các đơn vị có lỗi (sẽ bị bỏ ra) và kiểm tra các đơn vị khác cùng bản tổng hợp của chúng; mã thoát vẫn là 1.",
    ),
    ("templates", "Làm việc với các mẫu báo cáo."),
    (
        "templates/export",
        "Ghi các mẫu có sẵn vào DIR để sửa (tệp đã có được giữ nguyên).",
    ),
    ("templates/export:dir", "Thư mục để ghi vào."),
    (
        "diff",
        "So sánh hai năm, hoặc hai thư mục số liệu, từng xã một. A và B là một năm của thư mục số liệu (2023) hoặc một thư mục năm của thư mục số liệu bất kỳ (old/2023).",
    ),
    ("diff:a", "Bên trước: YEAR hoặc DIR/YEAR."),
    ("diff:b", "Bên sau: YEAR hoặc DIR/YEAR."),
    (
        "diff:format",
        "Định dạng: text (văn bản, mặc định), md (bảng Markdown) hoặc json.",
    ),
    (
        "diff:exit_code",
        "Mã thoát 1 khi có khác biệt, 0 khi không có, 2 khi có trục trặc (số liệu không hợp lệ, dùng lệnh sai), như diff(1).",
    ),
    (
        "diff:old_communes",
        "Khi các xã đã sắp xếp, sáp nhập: liệt kê thêm năm A theo các xã cũ và mỗi xã cũ nay thuộc xã nào (dạng JSON luôn có).",
    ),
    (
        "init",
        "Tạo thư mục năm YEAR từ năm YEAR-1: report.toml, mỗi xã một tệp với kết quả đã công bố năm trước (cần xác nhận lại), villages.csv, mẫu và các đoạn văn. Tệp đã có được giữ nguyên, không bao giờ bị ghi đè.",
    ),
    ("init:year", "Năm báo cáo mới."),
    (
        "init:workbook",
        "Ghi kết quả các tiêu chí của xã, giá trị các chỉ tiêu, thôn bản và văn bản vào một sổ Excel để điền, YEAR/nhap-lieu.xlsx, thay cho các tệp của từng xã và villages.csv.",
    ),
    (
        "new",
        "Tạo thư mục số liệu cho một đơn vị chưa có năm nào: ntm.toml, danh sách xã và năm đầu tiên với sổ Excel để điền (YEAR/nhap-lieu.xlsx). Thông tin không có trong tùy chọn sẽ được hỏi. Không nhận thư mục đã có ntm.toml.",
    ),
    ("new:dir", "Thư mục cần tạo (hoặc một thư mục trống)."),
    ("new:year", "Năm báo cáo đầu tiên."),
    (
        "new:level",
        "Cấp báo cáo: district (huyện) hoặc province (tỉnh).",
    ),
    ("new:name", "Tên đơn vị (\"Phong Thổ\")."),
    (
        "new:label",
        "Cách gọi đơn vị trong báo cáo (mặc định: huyện với cấp huyện, tỉnh với cấp tỉnh).",
    ),
    (
        "new:province",
        "Tỉnh của đơn vị (với cấp tỉnh: chính tỉnh đó).",
    ),
    (
        "new:place",
        "Địa danh ở dòng \"…, ngày … tháng … năm …\" (mặc định: tên đơn vị).",
    ),
    (
        "new:issuer",
        "Cơ quan ban hành (mặc định: \"ỦY BAN NHÂN DÂN HUYỆN <TÊN>\").",
    ),
    (
        "new:issuer_parent",
        "Cơ quan cấp trên của cơ quan ban hành, dòng đầu của phần tiêu đề (mặc định: không có).",
    ),
    (
        "new:abbreviation",
        "Chữ viết tắt của cơ quan ban hành trong số báo cáo \"Số: …/BC-UBND\" (mặc định: UBND).",
    ),
    (
        "new:on_behalf",
        "Dòng đầu của phần chữ ký (mặc định: TM. ỦY BAN NHÂN DÂN).",
    ),
    ("new:position", "Chức vụ người ký (mặc định: CHỦ TỊCH)."),
    ("new:signer", "Họ tên người ký."),
    (
        "new:commune_ruleset",
        "Bộ tiêu chí xã: mã một bộ có sẵn (ntm-report rules) hoặc một tệp trong DIR.",
    ),
    (
        "new:village_ruleset",
        "Bộ tiêu chí thôn, bản (không bắt buộc): mã một bộ có sẵn hoặc một tệp trong DIR.",
    ),
    (
        "new:communes",
        "Một xã của danh sách: \"Tên xã\" hoặc \"id=Tên xã\"; lặp lại cho từng xã.",
    ),
    (
        "new:category",
        "Nhóm ban đầu của mọi xã (mặc định: nhóm đầu tiên của bộ tiêu chí); kiểm tra lại trong communes.csv.",
    ),
    (
        "audit",
        "Kiểm tra một báo cáo viết tay (Word, Markdown hoặc văn bản) với chính nó và, với --year, với số liệu: số đếm với danh sách tên, tỷ lệ phần trăm với tỷ số, tổng với các phần, phân loại và bình quân với danh sách theo tiêu chí.",
    ),
    ("audit:file", "Báo cáo: tệp .docx, .md hoặc văn bản."),
    (
        "audit:year",
        "Đối chiếu với số liệu năm YEAR trong thư mục --data.",
    ),
    (
        "audit:verbose",
        "Liệt kê cả các câu có số liệu chưa hiểu được.",
    ),
    (
        "rules",
        "In một bộ tiêu chí thành bảng (các bộ có sẵn khi không nêu bộ nào).",
    ),
    (
        "rules:ruleset",
        "Mã một bộ tiêu chí có sẵn, hoặc một tệp bộ tiêu chí.",
    ),
    (
        "rules:unverified",
        "Chỉ liệt kê các ngưỡng chưa đối chiếu với văn bản chính thức.",
    ),
    (
        "completions",
        "In tập lệnh tự hoàn thành lệnh cho một shell: bash, zsh, fish, powershell hoặc elvish.",
    ),
    ("completions:shell", "Shell cần tập lệnh."),
    (
        "man",
        "Ghi trang hướng dẫn (man) của ntm-report và của từng lệnh vào DIR.",
    ),
    (
        "man:dir",
        "Thư mục để ghi vào (ví dụ: ~/.local/share/man/man1).",
    ),
];

/// The Vietnamese text of a command or argument.
fn vi(key: &str) -> Option<&'static str> {
    VI.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// The key of an argument: the command's path, `:`, the argument's id (`build:out`,
/// `:data` for an option of `ntm-report` itself).
fn key(path: &str, id: &str) -> String {
    format!("{path}:{id}")
}

/// The path of a subcommand of the command at `path`.
fn sub_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}/{name}")
    }
}

/// The command with its help in `lang`, ending with the exit codes.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let cmd = cmd.after_help(exit_codes(lang));
    match lang {
        Lang::En => cmd,
        Lang::Vi => vietnamese(cmd, ""),
    }
}

fn vietnamese(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = vi(path) {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    let p = path.to_string();
    cmd = cmd
        .help_template(
            "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .mut_args(move |a| {
            let heading = if a.is_positional() {
                "Đối số"
            } else {
                "Tùy chọn"
            };
            // The Vietnamese texts say the values and the defaults themselves.
            let takes = a.get_action().takes_values();
            let a = a
                .help_heading(heading)
                .hide_possible_values(takes)
                .hide_default_value(takes);
            match vi(&key(&p, a.get_id().as_str())) {
                Some(text) => a.help(text).long_help(None::<&str>),
                None => a,
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In trợ giúp này.")
                .help_heading("Tùy chọn"),
        );
    if path.is_empty() {
        cmd = cmd.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In số phiên bản.")
                .help_heading("Tùy chọn"),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub = sub_path(path, &name);
        cmd = cmd.mut_subcommand(&name, |s| vietnamese(s, &sub));
    }
    cmd
}

/// The value of an option given in the arguments (`--lang vi`, `--lang=vi`; the last one
/// wins), read before they are parsed: the help's language, the colour of clap's own
/// messages and the form of a usage error are needed before the parse has a result.
pub fn early(args: &[OsString], name: &str) -> Option<String> {
    let mut it = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
    let mut found = None;
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        match a.strip_prefix(name) {
            Some("") => found = it.next().map(str::to_string),
            Some(v) if v.starts_with('=') => found = Some(v[1..].to_string()),
            _ => {}
        }
    }
    found
}

/// The options given before or after any command, shown only on the commands they apply
/// to (elsewhere they are accepted and change nothing); `--lang`, `--color`, `--quiet` and
/// `--message-format` apply to every command.
const APPLIES: &[(&str, &[&str])] = &[
    ("data", &["build", "check", "diff", "init", "audit"]),
    (
        "encoding",
        &["build", "check", "diff", "init", "audit", "new"],
    ),
    ("templates", &["build", "check"]),
    ("deny_warnings", &["build", "check", "diff"]),
];

/// The command line's definition with its help in `lang`, each option shown only on the
/// commands it applies to.
pub fn command(lang: Lang) -> Command {
    let cmd = localize(Cli::command(), lang);
    // Each command gets its own copy of each such option, shown or hidden (clap copies a
    // global option only into the commands that do not have it yet).
    let options: Vec<Arg> = APPLIES
        .iter()
        .map(|(id, _)| {
            let arg = cmd.get_arguments().find(|a| a.get_id() == id);
            arg.expect("an option of ntm-report").clone()
        })
        .collect();
    let mut cmd = cmd;
    for (id, _) in APPLIES {
        cmd = cmd.mut_arg(id, |a| a.hide(true));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |mut sub| {
            for (arg, (_, commands)) in options.iter().zip(APPLIES) {
                sub = sub.arg(arg.clone().hide(!commands.contains(&name.as_str())));
            }
            sub
        });
    }
    cmd
}

/// The manual pages, `ntm-report.1` then one per command (`ntm-report-build.1`), in
/// `lang`: (file name, roff text).
pub fn man_pages(lang: Lang) -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: &Command, out: &mut Vec<(String, Vec<u8>)>) {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut page = Vec::new();
        man.render(&mut page)
            .expect("writing to memory does not fail");
        out.push((man.get_filename(), page));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, out);
        }
    }
    let mut cmd = command(lang).disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn options_are_read_before_parsing() {
        let e = |args: &[&str], name| early(&os(args), name);
        assert_eq!(e(&["x", "check", "2023"], "--lang"), None);
        assert_eq!(
            e(&["x", "--lang", "vi", "--help"], "--lang").as_deref(),
            Some("vi")
        );
        assert_eq!(
            e(&["x", "--lang=en", "--lang=vi"], "--lang").as_deref(),
            Some("vi")
        );
        assert_eq!(e(&["x", "--", "--lang=vi"], "--lang"), None);
        assert_eq!(e(&["x", "--language=vi"], "--lang"), None);
        assert_eq!(
            e(&["x", "--color=never"], "--color").as_deref(),
            Some("never")
        );
    }

    /// Every command and argument has its Vietnamese text: a new option without one fails.
    #[test]
    fn every_command_and_argument_is_translated() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if vi(path).is_none() {
                missing.push(format!("command `{path}`"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if id != "help" && id != "version" && vi(&key(path, id)).is_none() {
                    missing.push(key(path, id));
                }
            }
            for s in cmd.get_subcommands() {
                walk(s, &sub_path(path, s.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no Vietnamese text for {missing:?}");
        // And no text for what no longer exists.
        let cmd = Cli::command();
        for (k, _) in VI {
            let (path, arg) = match k.split_once(':') {
                Some((path, arg)) => (path, Some(arg)),
                None => (*k, None),
            };
            let mut c = &cmd;
            for p in path.split('/').filter(|p| !p.is_empty()) {
                c = c
                    .find_subcommand(p)
                    .unwrap_or_else(|| panic!("{k}: no command {p}"));
            }
            if let Some(arg) = arg {
                let known = c.get_arguments().any(|a| a.get_id().as_str() == arg);
                assert!(known, "{k}: no such argument");
            }
        }
    }

    /// The Vietnamese help says the defaults itself: the detail limit's is the program's.
    #[test]
    fn the_detail_limit_says_its_default() {
        let text = vi("build:detail_limit").unwrap();
        let default = crate::appendix::DEFAULT_DETAIL_LIMIT;
        assert!(text.ends_with(&format!("(mặc định: {default}).")), "{text}");
        let mut cmd = command(Lang::En);
        let build = cmd.find_subcommand_mut("build").unwrap();
        let help = build.render_long_help().to_string();
        assert!(help.contains(&format!("[default: {default}]")), "{help}");
    }

    #[test]
    fn the_vietnamese_help_is_vietnamese() {
        let mut cmd = command(Lang::Vi);
        let help = cmd.render_long_help().to_string();
        for want in [
            "Cách dùng:",
            "Lệnh:",
            "Tùy chọn:",
            "Mã thoát:",
            "Ngôn ngữ của thông báo",
            "In trợ giúp",
        ] {
            assert!(help.contains(want), "{want:?} not in\n{help}");
        }
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Print help",
            "The data folder",
            "[default:",
            "[possible values",
        ] {
            assert!(!help.contains(english), "{english:?} in\n{help}");
        }
        let mut build = command(Lang::Vi);
        build.build();
        let sub = build.find_subcommand_mut("build").unwrap();
        let help = sub.render_long_help().to_string();
        for want in [
            "Đối số:",
            "Năm báo cáo.",
            "Thư mục kết quả",
            "Tùy chọn:",
            "Coi cảnh báo là lỗi.",
        ] {
            assert!(help.contains(want), "{want:?} not in\n{help}");
        }
        assert!(
            !help.contains("Arguments:") && !help.contains("The report year"),
            "{help}"
        );
        let en = command(Lang::En).render_long_help().to_string();
        assert!(en.contains("Exit codes:") && en.contains("Usage:"), "{en}");
    }

    #[test]
    fn options_are_shown_on_the_commands_they_apply_to() {
        let mut cmd = command(Lang::En);
        let shown = |c: &mut Command| c.render_long_help().to_string();
        let root = shown(&mut cmd);
        for global in ["--lang", "--color", "--quiet", "--message-format"] {
            assert!(root.contains(global), "{global} not in\n{root}");
        }
        assert!(!root.contains("--data"), "{root}");
        for (id, commands) in APPLIES {
            let flag = format!("--{}", id.replace('_', "-"));
            for sub in [
                "build",
                "check",
                "diff",
                "init",
                "audit",
                "new",
                "rules",
                "completions",
                "man",
            ] {
                let help = shown(cmd.find_subcommand_mut(sub).unwrap());
                assert_eq!(
                    help.contains(&format!("{flag} ")) || help.contains(&format!("{flag}\n")),
                    commands.contains(&sub),
                    "{flag} on {sub}:\n{help}"
                );
            }
        }
    }

    #[test]
    fn a_man_page_per_command() {
        let pages = man_pages(Lang::En);
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "ntm-report.1");
        for want in [
            "ntm-report-build.1",
            "ntm-report-check.1",
            "ntm-report-templates-export.1",
            "ntm-report-man.1",
        ] {
            assert!(names.contains(&want), "{want} not in {names:?}");
        }
        let main = String::from_utf8(pages[0].1.clone()).unwrap();
        assert!(main.starts_with(".ie"), "roff: {}", &main[..40]);
        assert!(
            main.contains(".SH NAME") && main.contains("ntm\\-report"),
            "{main}"
        );
        assert!(
            main.contains("Exit codes"),
            "the exit codes are in the page"
        );
        let vi = man_pages(Lang::Vi);
        let build = vi.iter().find(|(n, _)| n == "ntm-report-build.1").unwrap();
        let build = String::from_utf8(build.1.clone()).unwrap();
        assert!(build.contains("Thư mục số liệu"), "{build}");
        assert!(build.contains("Năm báo cáo."), "{build}");
    }
}
