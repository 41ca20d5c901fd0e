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
    /// The language of the user: Vietnamese when the first of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` that is set and not empty starts with `vi` (POSIX precedence), English when
    /// one of them names another language; when none is set (Windows, a macOS desktop), the
    /// system's language as `sys-locale` finds it (the user's locale on Windows, the
    /// preferred language on macOS).
    pub fn from_env() -> Lang {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let (all, messages, lang) = (var("LC_ALL"), var("LC_MESSAGES"), var("LANG"));
        if all.is_none() && messages.is_none() && lang.is_none() {
            return Lang::from_tag(sys_locale::get_locale().as_deref());
        }
        Lang::from_locale(all, messages, lang)
    }

    /// The language of a locale name or BCP 47 tag (`vi-VN`, `vi_VN.UTF-8`, `en-US`):
    /// Vietnamese when it starts with `vi`, else English.
    pub fn from_tag(tag: Option<&str>) -> Lang {
        match tag {
            Some(t) if t.to_ascii_lowercase().starts_with("vi") => Lang::Vi,
            _ => Lang::En,
        }
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
        Lang::from_tag(locale.as_deref())
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

    #[test]
    fn system_tags() {
        // What sys-locale gives on Windows and macOS.
        assert_eq!(Lang::from_tag(Some("vi-VN")), Lang::Vi);
        assert_eq!(Lang::from_tag(Some("vi")), Lang::Vi);
        assert_eq!(Lang::from_tag(Some("en-US")), Lang::En);
        assert_eq!(Lang::from_tag(Some("fr-FR")), Lang::En);
        assert_eq!(Lang::from_tag(None), Lang::En);
    }
}
