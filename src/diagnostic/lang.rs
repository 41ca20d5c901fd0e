//! The language messages are shown in: Vietnamese or English, chosen by `--lang` or the
//! locale.

/// A language every message exists in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// English, the default outside a Vietnamese locale.
    #[default]
    En,
    /// Vietnamese (tiếng Việt).
    Vi,
}

impl Lang {
    /// The language of the process's locale: Vietnamese when the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not empty starts with `vi`, else English.
    pub fn from_env() -> Lang {
        let var = |k: &str| std::env::var(k).ok();
        Lang::from_locale(var("LC_ALL"), var("LC_MESSAGES"), var("LANG"))
    }

    /// As [`Lang::from_env`], from the three variables' values (POSIX precedence).
    pub fn from_locale(
        lc_all: Option<String>,
        lc_messages: Option<String>,
        lang: Option<String>,
    ) -> Lang {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty());
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("vi") => Lang::Vi,
            _ => Lang::En,
        }
    }

    /// Picks the text of this language.
    pub fn pick<T>(self, en: T, vi: T) -> T {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn posix_precedence() {
        assert_eq!(Lang::from_locale(None, None, s("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(Lang::from_locale(None, None, s("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(None, None, None), Lang::En);
        assert_eq!(Lang::from_locale(s("C"), None, s("vi_VN")), Lang::En);
        assert_eq!(Lang::from_locale(s(""), s("vi"), s("en_US")), Lang::Vi);
        assert_eq!(Lang::from_locale(None, s("en_GB"), s("vi_VN")), Lang::En);
    }
}
