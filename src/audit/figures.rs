//! Claims about figures in a sentence: a ratio and its percentage, a total and its parts,
//! classes of communes and villages, the average criteria per commune, appendix
//! citations, amounts of named things, and indicator totals.

use super::claim::{Claim, Figure, Found, Site};
use super::count::Count;
use super::sentence::{Sent, direction};
use super::token::{Kind, Role};

fn site(k: usize, s: &Sent, from: usize, to: usize) -> Site {
    Site {
        unit: k,
        sentence: s.range.clone(),
        at: s.toks[from].at.start..s.toks[to].at.end,
    }
}

fn figure(s: &Sent, i: usize) -> Figure {
    Figure {
        value: s.toks[i].num().unwrap_or_default(),
        decimals: s.toks[i].decimals(),
        text: s.tok(i).to_string(),
    }
}

/// The unit word right after a number ("km", "ha", "trieu"), folded; empty when none.
pub fn unit_word<'s>(s: &'s Sent, i: usize) -> &'s str {
    match s.toks.get(i + 1) {
        Some(t) if t.is_word() => &s.folded[i + 1],
        _ => "",
    }
}

/// Whether the value at `i` comes after "tăng"/"giảm": a change, not an amount.
fn is_change(s: &Sent, i: usize) -> bool {
    (i >= 1 && direction(&s.folded[i - 1]) != 0)
        || (i >= 2 && direction(&s.folded[i - 2]) != 0 && s.is(i - 1, "them"))
}

/// Whether the percentage at `i` is linked to what comes before it ("đạt 75%", "chiếm tỷ
/// lệ 38,35%", "(đạt 82,35%)", ", 22%").
fn linked(s: &Sent, i: usize) -> bool {
    i >= 1
        && (s.punct(i - 1, '(')
            || s.toks[i - 1].kind == Kind::Punct(',')
            || ["dat", "chiem", "le", "bang", "la"].contains(&s.folded[i - 1].as_str()))
}

/// The numerator of the ratio whose denominator is at `d` ("96,42/269,39", "146,51km/187,62km").
fn numerator_of(s: &Sent, d: usize) -> Option<usize> {
    if d < 2 || !s.punct(d - 1, '/') || s.toks[d].space_before {
        return None;
    }
    if s.value(d - 2) {
        return Some(d - 2);
    }
    (d >= 3 && s.toks[d - 2].is_word() && s.value(d - 3) && unit_word(s, d - 3) == s.folded[d - 2])
        .then_some(d - 3)
}

/// Ratios and the percentages given for them.
pub fn percents(k: usize, s: &Sent, out: &mut Vec<Found>) {
    let depths = s.depths();
    for i in 0..s.len() {
        if !s.percent(i) || !linked(s, i) {
            continue;
        }
        // "đạt 78,1% (146,51/187,62 km)": the ratio right after, in parentheses.
        if s.punct(i + 2, '(')
            && let Some(d) =
                (i + 3..s.closing(i + 2).min(s.len())).find(|&j| numerator_of(s, j).is_some())
            && let Some(n) = numerator_of(s, d)
        {
            out.push(Found {
                claim: Claim::Percent {
                    part: figure(s, n),
                    whole: figure(s, d),
                    percent: figure(s, i),
                },
                site: site(k, s, i, d),
            });
            continue;
        }
        // "có 02/09 xã (A theo …; B theo …), chiếm 22%": a ratio before a parenthesis,
        // whose inside (a list, with its own numbers and semicolons) is passed over.
        let outside = (0..i)
            .rev()
            .filter(|&j| depths[j] <= depths[i] && !s.punct(j, ')'))
            .take_while(|&j| !s.punct(j, ';') && !s.percent(j))
            .find(|&j| s.value(j))
            .filter(|&j| numerator_of(s, j).is_some());
        let Some(d) = outside.or_else(|| {
            (0..i)
                .rev()
                .take_while(|&j| !s.punct(j, ';') && !s.percent(j))
                .find(|&j| s.value(j))
        }) else {
            continue;
        };
        // "đạt 130,8% so với kế hoạch": a share of a plan that is not given.
        let of_plan =
            s.words_at(i + 2, "ke hoach") || s.words_at(i + 2, "so voi") || s.words_at(i + 2, "kh");
        let whole = if let Some(n) = numerator_of(s, d) {
            Some((n, figure(s, d)))
        } else if let Some(plan) = plan_of_disbursement(s, d) {
            Some((d, plan))
        } else if !of_plan {
            total_before_trong_do(s, d).map(|t| (d, figure(s, t)))
        } else {
            None
        };
        if let Some((n, whole)) = whole {
            out.push(Found {
                claim: Claim::Percent {
                    part: figure(s, n),
                    whole,
                    percent: figure(s, i),
                },
                site: site(k, s, n, i + 1),
            });
        }
    }
}

/// "giải ngân được 3.890 triệu đồng, đạt 65,6%": the plan is the last amount of money
/// before it in the paragraph that is not itself disbursed.
fn plan_of_disbursement(s: &Sent, d: usize) -> Option<Figure> {
    if unit_word(s, d) != "trieu" {
        return None;
    }
    let g = (d.saturating_sub(4)..d).find(|&j| s.words_at(j, "giai ngan"))?;
    let before = Sent::new(s.text, 0..s.toks[g].at.start);
    (0..before.len())
        .rev()
        .filter(|&j| before.value(j) && matches!(unit_word(&before, j), "trieu" | "ty"))
        .find(|&j| !(j.saturating_sub(4)..j).any(|x| before.words_at(x, "giai ngan")))
        .map(|j| figure(&before, j))
}

/// "385km, trong đó kiên cố 322,2km đạt 83,7%": the total a part after "trong đó" is of.
fn total_before_trong_do(s: &Sent, d: usize) -> Option<usize> {
    let unit = unit_word(s, d);
    if unit.is_empty() {
        return None;
    }
    let td = (0..d).rev().find(|&j| s.words_at(j, "trong do"))?;
    (0..td)
        .rev()
        .find(|&j| s.value(j) && !s.percent(j) && unit_word(s, j) == unit && !is_change(s, j))
}

/// A total and its parts in parentheses: "5.112 triệu đồng (trong đó, vốn đầu tư: 3.244
/// triệu đồng; vốn sự nghiệp: 1.868 triệu đồng)".
pub fn parts(k: usize, s: &Sent, out: &mut Vec<Found>) {
    let depths = s.depths();
    for i in 0..s.len() {
        if !s.punct(i, '(') {
            continue;
        }
        let close = s.closing(i);
        let trong_do = s.words_at(i + 1, "trong do");
        let inner = s.folded_between(i + 1, close);
        if inner.contains("dac biet") || (i + 1..close.min(s.len())).any(|j| s.punct(j, '…')) {
            continue;
        }
        let parts: Vec<usize> = (i + 1..close.min(s.len()))
            .filter(|&j| depths[j] == depths[i] && s.value(j) && !s.percent(j) && !is_change(s, j))
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let unit = unit_word(s, parts[0]);
        if unit.is_empty() || parts.iter().any(|&j| unit_word(s, j) != unit) {
            continue;
        }
        let Some(t) = (0..i).rev().find(|&j| {
            depths[j] == depths[i] - 1
                && s.value(j)
                && !s.percent(j)
                && unit_word(s, j) == unit
                && !is_change(s, j)
        }) else {
            continue;
        };
        let between =
            (t + 1..i).any(|j| matches!(s.toks[j].kind, Kind::Punct(_) | Kind::Num { .. }));
        if !trong_do && (between || i - t > 6) {
            continue;
        }
        out.push(Found {
            claim: Claim::Parts {
                total: figure(s, t),
                parts: parts.iter().map(|&j| figure(s, j)).collect(),
            },
            site: site(k, s, t, close.min(s.len() - 1)),
        });
    }
}

/// A whole number at `i`, whatever its role.
fn whole_at(s: &Sent, i: usize) -> Option<u32> {
    let t = s.toks.get(i)?;
    let v = t.num().filter(|_| t.decimals() == 0)?;
    u32::try_from(v.mantissa()).ok()
}

/// Classes by criteria met: "Số xã đạt 10-14 tiêu chí: 3 xã", "Số xã dưới 10 tiêu chí: 9 xã",
/// "Đạt 03 - 05 tiêu chí: 23 thôn, bản", "có 10 xã đạt từ 10 – 14 tiêu chí".
pub fn classes(k: usize, s: &Sent, counts: &[Count], out: &mut Vec<Found>) {
    if s.planned() {
        return;
    }
    for c in counts {
        let villages = c.noun == "thon ban" || c.noun == "thon";
        if !(c.is_communes() || villages) || c.change != 0 {
            continue;
        }
        let range = if c.idx >= 4 && s.punct(c.idx - 1, ':') && s.words_at(c.idx - 3, "tieu chi") {
            range_ending(s, c.idx - 4)
        } else if s.is(c.noun_idx + 1, "dat") {
            let a = if s.is(c.noun_idx + 2, "tu") {
                c.noun_idx + 3
            } else {
                c.noun_idx + 2
            };
            let b = if s.dash(a + 1) { a + 2 } else { a };
            if s.words_at(b + 1, "tieu chi") && !s.punct(b + 3, '/') {
                range_ending(s, b)
            } else {
                None
            }
        } else {
            None
        };
        let Some((min, max)) = range else {
            continue;
        };
        out.push(Found {
            claim: Claim::Class {
                min,
                max,
                n: c.n,
                text: c.text.clone(),
                names: c.names().filter(|l| !l.open).map(|l| l.names.clone()),
                villages,
            },
            site: Site {
                unit: k,
                sentence: s.range.clone(),
                at: c.at.clone(),
            },
        });
    }
    if let Some(i) = s.find_words(0, "tong so thon")
        && let Some(c) = counts
            .iter()
            .find(|c| c.idx > i && c.noun.starts_with("thon"))
    {
        out.push(Found {
            claim: Claim::VillageTotal { n: c.n },
            site: Site {
                unit: k,
                sentence: s.range.clone(),
                at: c.at.clone(),
            },
        });
    }
}

/// The class a number or range before "tiêu chí" names: `A`, `A - B`, `dưới A`.
fn range_ending(s: &Sent, b: usize) -> Option<(u32, u32)> {
    let hi = whole_at(s, b)?;
    if b >= 2 && s.dash(b - 1) {
        let lo = whole_at(s, b - 2)?;
        return (lo <= hi).then_some((lo, hi));
    }
    if b >= 1 && s.is(b - 1, "duoi") {
        return hi.checked_sub(1).map(|h| (0, h));
    }
    Some((hi, hi))
}

/// "bình quân đạt 11,06 tiêu chí/xã (năm 2022: 10,56 tiêu chí/xã)"; "Tổng số tiêu chí đạt:
/// 177 tiêu chí".
pub fn averages(k: usize, s: &Sent, out: &mut Vec<Found>) {
    let per_commune = |j: usize| {
        s.value(j) && s.words_at(j + 1, "tieu chi") && s.punct(j + 3, '/') && s.is(j + 4, "xa")
    };
    if s.planned() {
        plan(k, s, &per_commune, out);
        return;
    }
    for i in 0..s.len() {
        if s.words_at(i, "binh quan") {
            let j = if s.is(i + 2, "dat") { i + 3 } else { i + 2 };
            if per_commune(j) {
                out.push(Found {
                    claim: Claim::Average {
                        value: figure(s, j),
                        previous: false,
                    },
                    site: site(k, s, j, j + 4),
                });
            }
        }
        if s.toks[i].role == Role::Year && s.punct(i + 1, ':') && per_commune(i + 2) {
            out.push(Found {
                claim: Claim::Average {
                    value: figure(s, i + 2),
                    previous: true,
                },
                site: site(k, s, i + 2, i + 6),
            });
        }
        if s.words_at(i, "tong so tieu chi dat") {
            let j = if s.punct(i + 5, ':') { i + 6 } else { i + 5 };
            if let Some(n) = whole_at(s, j).filter(|_| s.value(j) && s.words_at(j + 1, "tieu chi"))
            {
                out.push(Found {
                    claim: Claim::TotalCriteria { n },
                    site: site(k, s, j, j + 2),
                });
            }
        }
    }
}

/// "Phấn đấu đạt thêm 31 tiêu chí …, nâng tổng số tiêu chí đạt lên 208 tiêu chí, bình quân
/// đạt 13,00 tiêu chí/xã".
fn plan(k: usize, s: &Sent, per_commune: &dyn Fn(usize) -> bool, out: &mut Vec<Found>) {
    let criteria_after =
        |j: usize| whole_at(s, j).filter(|_| s.value(j) && s.words_at(j + 1, "tieu chi"));
    let added = (1..s.len()).find(|&j| s.is(j - 1, "them") && criteria_after(j).is_some());
    let total = s.find_words(0, "tong so tieu chi dat").and_then(|t| {
        (t + 5..s.len()).find(|&j| criteria_after(j).is_some() && s.is(j - 1, "len"))
    });
    let average = s
        .find_words(0, "binh quan")
        .map(|b| if s.is(b + 2, "dat") { b + 3 } else { b + 2 })
        .filter(|&j| per_commune(j));
    let Some(first) = [added, total, average].into_iter().flatten().min() else {
        return;
    };
    let last = [added, total, average]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(first);
    out.push(Found {
        claim: Claim::Plan {
            added: added.and_then(&criteria_after),
            total: total.and_then(&criteria_after),
            average: average.map(|j| figure(s, j)),
        },
        site: site(k, s, first, last),
    });
}

/// "Phụ biểu 06", "phụ biểu số 02, 02a", as cited or, at the head of a unit, as a title.
pub fn appendices(k: usize, s: &Sent, part: Option<u32>, out: &mut Vec<Found>) {
    let all = s.folded_between(0, s.len());
    for i in 0..s.len() {
        if !s.words_at(i, "phu bieu") {
            continue;
        }
        let title = i <= 1
            && s.range.start == 0
            && !["kem theo", "chi tiet", "theo phu"]
                .iter()
                .any(|w| all.contains(w));
        let mut j = if s.is(i + 2, "so") { i + 3 } else { i + 2 };
        while j < s.len() {
            let Some(n) = s.toks[j].num().filter(|_| s.toks[j].decimals() == 0) else {
                break;
            };
            let mut id = format!("{:02}", n);
            let mut end = j;
            if let Some(t) = s.toks.get(j + 1)
                && t.is_word()
                && !t.space_before
                && s.tok(j + 1).chars().count() <= 2
            {
                id.push_str(&s.folded[j + 1]);
                end = j + 1;
            }
            out.push(Found {
                claim: Claim::Appendix { id, part, title },
                site: site(k, s, j, end),
            });
            j = end + 1;
            if s.toks.get(j).is_some_and(|t| t.kind == Kind::Punct(',')) || s.is(j, "va") {
                j += 1;
            } else {
                break;
            }
        }
    }
}

/// Amounts of a named thing ("337,3ha cây Dong riềng", "293,17ha Quế"), to find one
/// stated twice with two values.
pub fn amounts(k: usize, s: &Sent, part: Option<u32>, out: &mut Vec<Found>) {
    const STOP: &[&str] = &[
        "dat", "so", "trong", "tang", "giam", "cua", "voi", "la", "va", "cho", "tai", "thi", "co",
        "nam", "tren", "duoc", "da", "nhung", "den", "tu", "thuoc", "o", "trung", "ke",
    ];
    for i in 0..s.len() {
        if !s.value(i) || s.percent(i) {
            continue;
        }
        let unit = unit_word(s, i);
        if !matches!(unit, "ha" | "km" | "m2" | "tan")
            || s.toks[i + 1].space_before && unit != "tan" && unit != "ha"
        {
            continue;
        }
        let mut j = i + 2;
        let mut words = Vec::new();
        let mut capital = false;
        while j < s.len() && s.toks[j].is_word() && words.len() < 3 {
            if STOP.contains(&s.folded[j].as_str()) {
                break;
            }
            capital |= s.tok(j).chars().next().is_some_and(char::is_uppercase);
            words.push(s.folded[j].clone());
            j += 1;
        }
        if words.is_empty() || !capital {
            continue;
        }
        out.push(Found {
            claim: Claim::Amount {
                key: format!("{unit} {}", words.join(" ")),
                value: figure(s, i),
                part,
            },
            site: site(k, s, i, j - 1),
        });
    }
}

/// "Chỉ tiêu 2.3: … 146,51km/187,62km": the district total an indicator paragraph gives.
pub fn indicator_total(k: usize, s: &Sent, id: &str, out: &mut Vec<Found>) {
    let Some(at) = (0..s.len()).find(|&i| {
        s.words_at(i, "chi tieu")
            && s.toks
                .get(i + 2)
                .is_some_and(|t| s.text[t.at.clone()].trim_end_matches('.') == id)
    }) else {
        return;
    };
    let values: Vec<usize> = (at + 3..s.len())
        .filter(|&j| {
            s.value(j) && !s.percent(j) && !(j >= 1 && (s.punct(j - 1, '≥') || s.punct(j - 1, '≤')))
        })
        .collect();
    // "…; 03/16 xã đạt chỉ tiêu": the communes meeting it are not the indicator's total.
    let values: Vec<usize> = values
        .into_iter()
        .filter(|&j| {
            unit_word(s, j) != "xa" && !(s.punct(j + 1, '/') && unit_word(s, j + 2) == "xa")
        })
        .collect();
    let ratio = values
        .iter()
        .find_map(|&d| numerator_of(s, d).map(|n| (n, d)));
    let (part, whole, last) = match ratio {
        Some((n, d)) => (figure(s, n), Some(figure(s, d)), d),
        None => match values.first() {
            Some(&v) => (figure(s, v), None, v),
            None => return,
        },
    };
    out.push(Found {
        claim: Claim::IndicatorTotal {
            id: id.to_string(),
            part,
            whole,
            unit: unit_word(s, last).to_string(),
        },
        site: site(k, s, last, last),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(text: &str) -> Vec<Claim> {
        let s = Sent::new(text, 0..text.len());
        let counts = super::super::count::counts(&s);
        let mut out = Vec::new();
        percents(0, &s, &mut out);
        parts(0, &s, &mut out);
        classes(0, &s, &counts, &mut out);
        averages(0, &s, &mut out);
        appendices(0, &s, Some(2), &mut out);
        amounts(0, &s, Some(1), &mut out);
        out.into_iter().map(|f| f.claim).collect()
    }

    fn percent_of(c: &Claim) -> (String, String, String) {
        match c {
            Claim::Percent {
                part,
                whole,
                percent,
            } => (part.text.clone(), whole.text.clone(), percent.text.clone()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ratios_and_their_percentages() {
        let p = |t: &str| claims(t).iter().map(percent_of).collect::<Vec<_>>();
        let t = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            p("đạt 146,51km/187,62km, đạt 75%."),
            vec![t("146,51", "187,62", "75")]
        );
        assert_eq!(
            p("16.021/16.184 hộ (đạt 98,99%)"),
            vec![t("16.021", "16.184", "98,99")]
        );
        assert_eq!(
            p("số hộ nghèo 6.757/17.617 hộ, chiếm tỷ lệ 38,35%"),
            vec![t("6.757", "17.617", "38,35")]
        );
        assert_eq!(
            p("đạt 78,1% (146,51/187,62 km)"),
            vec![t("146,51", "187,62", "78,1")]
        );
        assert_eq!(
            p("tổng chiều dài 385km, trong đó kiên cố 322,2km đạt 83,7%"),
            vec![t("322,2", "385", "83,7")]
        );
        // A list in parentheses, with dates, decision numbers and semicolons, between the
        // ratio and its percentage.
        assert_eq!(
            p(
                "có 02/09 xã đã được công nhận (A theo Quyết định số 512/QĐ-UBND ngày 20/4/2026; B theo Quyết định số 18/QĐ-UBND ngày 20/11/2025), chiếm 22% số xã."
            ),
            vec![t("02", "09", "22")]
        );
        // A share of a plan that is not given is no ratio.
        assert_eq!(
            p("chăm sóc 754,2ha chè, trong đó trồng mới 65,4ha đạt 130,8% so với kế hoạch"),
            vec![]
        );
        // A percentage of something else: "100% bản".
        assert_eq!(
            p("có 05/16 xã đảm bảo tiêu chí 100% bản có nhà văn hóa"),
            vec![]
        );
    }

    #[test]
    fn a_disbursement_is_a_share_of_the_plan_before_it() {
        let text = "Nguồn vốn chuyển sang là 5.939 triệu của 48 dự án. Kết quả, đã giải ngân được 3.890 triệu đồng, đạt 65,6% kế hoạch.";
        let start = text.find("Kết quả").unwrap();
        let s = Sent::new(text, start..text.len());
        let mut out = Vec::new();
        percents(0, &s, &mut out);
        assert_eq!(
            percent_of(&out[0].claim),
            ("3.890".into(), "5.939".into(), "65,6".into())
        );
    }

    #[test]
    fn totals_and_parts_of_one_unit() {
        let c = claims(
            "5.112 triệu đồng (trong đó, vốn đầu tư: 3.244 triệu đồng; vốn sự nghiệp: 1.868 triệu đồng)",
        );
        assert!(
            matches!(&c[..], [Claim::Parts { total, parts }] if total.text == "5.112" && parts.len() == 2),
            "{c:?}"
        );
        // Parts of other units are not parts of the total.
        assert_eq!(
            claims(
                "trồng mới 20.000 chậu (trong đó: có 08 Doanh nghiệp; 01 tổ hợp tác, 75 hộ gia đình)"
            ),
            vec![]
        );
        // An open list ("…") does not claim to be all the parts.
        assert_eq!(
            claims("18,469ha (đặc biệt là cây sâm 17,939ha, thất diệp 0,53ha…)"),
            vec![]
        );
    }

    #[test]
    fn classes_averages_and_plans() {
        assert!(matches!(
            claims("- Số xã đạt 15-18 tiêu chí: 0 xã;")[..],
            [Claim::Class {
                min: 15,
                max: 18,
                n: 0,
                villages: false,
                ..
            }]
        ));
        assert!(matches!(
            claims("- Số xã dưới 10 tiêu chí: 9 xã.")[..],
            [Claim::Class {
                min: 0,
                max: 9,
                n: 9,
                ..
            }]
        ));
        assert!(matches!(
            claims("- Đạt 03 - 05 tiêu chí: 23 thôn, bản")[..],
            [Claim::Class {
                min: 3,
                max: 5,
                n: 23,
                villages: true,
                ..
            }]
        ));
        let c = claims(
            "Tổng số tiêu chí đạt: 177 tiêu chí; bình quân đạt 11,06 tiêu chí/xã (năm 2022: 10,56 tiêu chí/xã)",
        );
        assert!(
            matches!(
                c[..],
                [
                    Claim::TotalCriteria { n: 177 },
                    Claim::Average {
                        previous: false,
                        ..
                    },
                    Claim::Average { previous: true, .. }
                ]
            ),
            "{c:?}"
        );
        let c = claims(
            "Phấn đấu đạt thêm 31 tiêu chí mới trong năm, nâng tổng số tiêu chí đạt lên 208 tiêu chí, bình quân đạt 13,00 tiêu chí/xã.",
        );
        assert!(
            matches!(
                &c[..],
                [Claim::Plan {
                    added: Some(31),
                    total: Some(208),
                    average: Some(_)
                }]
            ),
            "{c:?}"
        );
        // A target is not this year's class.
        assert_eq!(claims("Phấn đấu có 10 xã đạt từ 10 – 14 tiêu chí."), vec![]);
    }

    #[test]
    fn appendices_and_named_amounts() {
        let ids: Vec<String> = claims("(Chi tiết theo phụ biểu số 03, 03a kèm theo)")
            .into_iter()
            .filter_map(|c| match c {
                Claim::Appendix {
                    id,
                    part: Some(2),
                    title: false,
                } => Some(id),
                _ => None,
            })
            .collect();
        assert_eq!(ids, vec!["03", "03a"]);
        let c = claims("Triển khai trồng mới 337,3ha cây Dong riềng, 113ha cây Mía.");
        let keys: Vec<&str> = c
            .iter()
            .filter_map(|c| match c {
                Claim::Amount { key, .. } => Some(key.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(keys, vec!["ha cay dong rieng", "ha cay mia"]);
    }
}
