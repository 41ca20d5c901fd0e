//! A commune's TOML file, `YEAR/communes/<id>.toml`.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    commune: Spanned<String>,
    source: Option<String>,
    declared: Option<RawDeclared>,
    #[serde(default)]
    indicators: BTreeMap<String, Spanned<RawValue>>,
    #[serde(default)]
    measures: BTreeMap<String, Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDeclared {
    #[serde(default)]
    met: Vec<Spanned<u32>>,
    #[serde(default)]
    not_met: Vec<Spanned<u32>>,
    /// Cơ bản đạt.
    #[serde(default)]
    basically_met: Vec<Spanned<u32>>,
    /// Không đánh giá.
    #[serde(default)]
    not_assessed: Vec<Spanned<u32>>,
    #[serde(default)]
    sources: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawValue {
    met: Option<bool>,
    value: Option<Spanned<toml::Value>>,
    numerator: Option<Spanned<toml::Value>>,
    denominator: Option<Spanned<toml::Value>>,
    applicable: Option<bool>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRatio {
    numerator: Spanned<toml::Value>,
    denominator: Spanned<toml::Value>,
}

/// Notes an item of a commune file given at `loc`; false, with an error, when the commune's
/// data gave it before (in this file or another).
pub(super) fn note_toml(
    seen: &mut Seen,
    ci: usize,
    slot: usize,
    item: &str,
    loc: &Location,
    diags: &mut Diagnostics,
) -> bool {
    let file = u32::try_from(seen.files.len() - 1).unwrap_or(u32::MAX);
    let here = First::Toml {
        file,
        line: line32(loc.line),
    };
    match seen.note(ci, slot, here) {
        None => true,
        Some(First::Toml { file, line }) => {
            let file = seen.files[file as usize].clone();
            let line = line as usize;
            given_twice(item, loc, Hint::FirstGivenAt { file, line }, diags);
            false
        }
        Some(_) => unreachable!("tables are read after the commune files"),
    }
}

pub(super) fn toml_file(
    src: &SourceFile,
    stem: &str,
    roster: &Roster,
    items: &Items,
    out: &mut [CommuneYear],
    seen: &mut Seen,
    diags: &mut Diagnostics,
) {
    let raw: RawFile = match toml::from_str(&src.text) {
        Ok(r) => r,
        Err(e) => {
            toml_problem(src, &e, diags);
            return;
        }
    };
    let at = src.at(&raw.commune);
    let id = raw.commune.get_ref().trim();
    let Some(ci) = commune_index(id, &|| at.clone(), roster, diags) else {
        return;
    };
    if stem != id {
        let message = Message::FileNameMismatch {
            stem: stem.to_string(),
            id: id.to_string(),
        };
        diags.warning(&at, message);
    }
    // A file with nothing else still counts as data for the commune.
    seen.has_data[ci] = true;
    out[ci].place.get_or_insert_with(|| at.clone());
    seen.files.push(src.name.clone());
    let file = CommuneFile { src, ci, items };
    if let Some(d) = &raw.declared {
        file.declared(d, raw.source.as_ref(), &mut out[ci], seen, diags);
    }
    file.indicators(&raw.indicators, &mut out[ci], seen, diags);
    file.measures(&raw.measures, &mut out[ci], seen, diags);
}

/// A commune's TOML file being read: its source, the commune's index in the roster, what
/// the ruleset lets it give.
struct CommuneFile<'a, 'r> {
    src: &'a SourceFile,
    ci: usize,
    items: &'a Items<'r>,
}

impl CommuneFile<'_, '_> {
    /// `[declared]`: the criteria met, not met, basically met and not assessed, with their
    /// sources.
    fn declared(
        &self,
        d: &RawDeclared,
        source: Option<&String>,
        out: &mut CommuneYear,
        seen: &mut Seen,
        diags: &mut Diagnostics,
    ) {
        let (src, ci, items) = (self.src, self.ci, self.items);
        let rules = items.rules;
        let lists = [
            (&d.met, Status::Met),
            (&d.not_met, Status::NotMet),
            (&d.basically_met, Status::BasicallyMet),
            (&d.not_assessed, Status::NotAssessed),
        ];
        for (list, status) in lists {
            for n in list {
                let loc = src.at(n);
                let num = *n.get_ref();
                let Some(k) = items.criterion(num) else {
                    unknown_criterion(num, &loc, rules, diags);
                    continue;
                };
                let item = num.to_string();
                if note_toml(seen, ci, items.criteria[k], &item, &loc, diags) {
                    let source = d
                        .sources
                        .get(&num.to_string())
                        .cloned()
                        .or_else(|| source.cloned());
                    out.declared.insert(num, Declared { status, source });
                }
            }
        }
        for key in d.sources.keys() {
            // A key that is no criterion number has no status either.
            let number = key.trim().parse::<u32>().ok();
            if number.is_none_or(|n| !out.declared.contains_key(&n)) {
                let message = Message::SourceWithoutStatus {
                    criterion: key.clone(),
                };
                diags.error(&src.find(&format!("{key} =")), message);
            }
        }
    }

    /// `[indicators]`: a value per indicator id.
    fn indicators(
        &self,
        raw: &BTreeMap<String, Spanned<RawValue>>,
        out: &mut CommuneYear,
        seen: &mut Seen,
        diags: &mut Diagnostics,
    ) {
        let (src, ci, items) = (self.src, self.ci, self.items);
        for (id, v) in raw {
            let id = &id.trim().to_string();
            let loc = src.at(v);
            let at = || loc.clone();
            let Some((i, ind)) = known_indicator(id, &at, items, None, diags) else {
                continue;
            };
            if !note_toml(seen, ci, items.indicators[i], id, &loc, diags) {
                continue;
            }
            if let Some(value) = toml_indicator(src, ind, v.get_ref(), &at, diags) {
                out.indicators.set(i, value);
            }
        }
    }

    /// `[measures]`: a number, or a ratio's numerator and denominator, per measure id.
    fn measures(
        &self,
        raw: &BTreeMap<String, Spanned<toml::Value>>,
        out: &mut CommuneYear,
        seen: &mut Seen,
        diags: &mut Diagnostics,
    ) {
        let (src, ci, items) = (self.src, self.ci, self.items);
        let rules = items.rules;
        for (id, v) in raw {
            let id = &id.trim().to_string();
            let loc = src.at(v);
            let at = || loc.clone();
            let Some(k) = items.measure(id) else {
                let d = diags.error(&loc, Message::UnknownMeasure { id: id.clone() });
                d.hint = did_you_mean(id, rules.measures.iter().map(|m| m.id.as_str()));
                continue;
            };
            let m = &rules.measures[k];
            if !note_toml(seen, ci, items.measures[k], id, &loc, diags) {
                continue;
            }
            let value = toml_measure(src, m, v, &at, diags);
            match (value, m.kind) {
                (Some(MeasureValue::Scalar(_)), Kind::Ratio) => {
                    diags.error(&loc, Message::MeasureIsRatio { id: id.clone() });
                }
                (Some(MeasureValue::Ratio { .. }), k) if k != Kind::Ratio => {
                    diags.error(&loc, Message::MeasureIsScalar { id: id.clone() });
                }
                (Some(val), _) => {
                    out.measures.set(k, val);
                }
                (None, _) => {}
            }
        }
    }
}

/// A measure's value: a number, or a table of numerator and denominator.
fn toml_measure(
    src: &SourceFile,
    m: &crate::ruleset::Measure,
    v: &Spanned<toml::Value>,
    at: At,
    diags: &mut Diagnostics,
) -> Option<MeasureValue> {
    let loc = at();
    match v.get_ref() {
        toml::Value::Table(_) => {
            let text = &src.text[v.span()];
            let parsed = toml::de::ValueDeserializer::parse(text).and_then(RawRatio::deserialize);
            match parsed {
                Ok(r) => {
                    let shift = |s: &Spanned<toml::Value>| {
                        let span = s.span();
                        Spanned::new(
                            span.start + v.span().start..span.end + v.span().start,
                            s.get_ref().clone(),
                        )
                    };
                    let (n, d) = (shift(&r.numerator), shift(&r.denominator));
                    let whole = crate::ruleset::counts_whole_things(m.kind, &m.unit);
                    number(src, &n, whole, diags)
                        .zip(number(src, &d, whole, diags))
                        .and_then(|(n, d)| ratio_ok(n, d, &at, diags))
                        .map(|(numerator, denominator)| MeasureValue::Ratio {
                            numerator,
                            denominator,
                        })
                }
                Err(e) => {
                    let detail = e.message().trim().to_string();
                    diags.error(&loc, Message::RatioMeasureForm { detail });
                    None
                }
            }
        }
        _ => {
            let whole = crate::ruleset::counts_whole_things(m.kind, &m.unit);
            number(src, v, whole, diags).map(MeasureValue::Scalar)
        }
    }
}

/// A number in a TOML value; `whole`: of a quantity counted in whole things, where a value
/// written `1.530` gets a warning (1530 with a thousands separator?).
pub(super) fn number(
    src: &SourceFile,
    v: &Spanned<toml::Value>,
    whole: bool,
    diags: &mut Diagnostics,
) -> Option<Decimal> {
    match src.exact_number(v) {
        Ok(d) => {
            if whole && !matches!(v.get_ref(), toml::Value::Integer(_)) {
                crate::validate::thousands_warning(d, &src.at(v), diags);
            }
            Some(d)
        }
        Err(p) => {
            let fallback = (Message::ExpectedNumber, Hint::NumberForm);
            crate::validate::number_problem(p, &src.at(v), fallback, diags);
            None
        }
    }
}

pub(super) fn toml_indicator(
    src: &SourceFile,
    ind: &Indicator,
    v: &RawValue,
    at: At,
    diags: &mut Diagnostics,
) -> Option<IndicatorValue> {
    let value = match (ind.kind, v) {
        (
            _,
            RawValue {
                applicable: Some(false),
                met: None,
                value: None,
                numerator: None,
                denominator: None,
                ..
            },
        ) => IndicatorValue::NotApplicable,
        (
            Kind::YesNo,
            RawValue {
                met: Some(m),
                value: None,
                numerator: None,
                denominator: None,
                applicable: None | Some(true),
                ..
            },
        ) => IndicatorValue::YesNo(*m),
        (
            Kind::Ratio,
            RawValue {
                met: None,
                value: None,
                numerator: Some(n),
                denominator: Some(d),
                applicable: None | Some(true),
                ..
            },
        ) => {
            let whole = crate::ruleset::counts_whole_things(ind.kind, &ind.unit);
            let (n, d) = (number(src, n, whole, diags)?, number(src, d, whole, diags)?);
            IndicatorValue::Ratio {
                numerator: n,
                denominator: d,
            }
        }
        (
            k,
            RawValue {
                met: None,
                value: Some(x),
                numerator: None,
                denominator: None,
                applicable: None | Some(true),
                ..
            },
        ) if k != Kind::YesNo && k != Kind::Ratio => {
            IndicatorValue::Scalar(number(src, x, false, diags)?)
        }
        (
            k,
            RawValue {
                met: None,
                value: None,
                numerator: None,
                denominator: None,
                ..
            },
        ) => {
            let id = ind.id.clone();
            diags
                .error(&at(), Message::IndicatorWithoutValue { id })
                .hint = Some(kind_hint(k));
            return None;
        }
        (k, _) => {
            let message = Message::IndicatorValueForm {
                id: ind.id.clone(),
                kind: k.name(),
            };
            diags.error(&at(), message).hint = Some(kind_hint(k));
            return None;
        }
    };
    checked(ind, value, at, diags)
}
