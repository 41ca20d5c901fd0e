//! The data folder's layout: the path of every file, relative to the data folder, in one
//! place. Validation reads these paths, `init` and `new` write them, messages name them.
//!
//! ```text
//! ntm.toml  communes.csv  villages.csv  lineage.toml  recognitions.csv  rulesets/  templates/
//! YEAR/report.toml  YEAR/communes/ID.toml  YEAR/communes.csv  YEAR/villages.csv
//! YEAR/funding.toml  YEAR/disbursement.toml  YEAR/documents.csv  YEAR/plan.toml
//! YEAR/narrative/NAME.md  YEAR/*.xlsx (nhap-lieu.xlsx as init writes it)
//! YEAR/levels/LEVEL/communes.csv  YEAR/levels/LEVEL/communes/ID.toml  YEAR/levels/LEVEL/villages.csv
//! ```

/// The unit's configuration.
pub const CONFIG: &str = "ntm.toml";
/// The commune roster.
pub const ROSTER: &str = "communes.csv";
/// The villages of each commune.
pub const VILLAGES: &str = "villages.csv";
/// Mergers and renames of communes.
pub const LINEAGE: &str = "lineage.toml";
/// The recognition events of communes and villages.
pub const RECOGNITIONS: &str = "recognitions.csv";
/// The folder of templates replacing the built-in ones, when there is one.
pub const TEMPLATES: &str = "templates";
/// The workbook `init --workbook` and `new` write into a year folder.
pub const WORKBOOK: &str = "nhap-lieu.xlsx";

/// The paths of one year's folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Year(pub i32);

impl Year {
    /// The folder itself (`2023`), as `Files` takes it.
    pub fn dir(self) -> String {
        self.0.to_string()
    }

    /// The folder as messages name it (`2023/`).
    pub fn shown(self) -> String {
        format!("{}/", self.0)
    }

    /// The report's number, date and status date.
    pub fn report(self) -> String {
        format!("{}/report.toml", self.0)
    }

    /// The folder of commune files.
    pub fn communes_dir(self) -> String {
        format!("{}/communes", self.0)
    }

    /// One commune's file, as `init` names it.
    pub fn commune(self, id: &str) -> String {
        format!("{}/communes/{id}.toml", self.0)
    }

    /// The long table of commune data.
    pub fn commune_table(self) -> String {
        format!("{}/communes.csv", self.0)
    }

    /// The villages' statuses.
    pub fn villages(self) -> String {
        format!("{}/villages.csv", self.0)
    }

    /// The commune groups assigned for the year (`groups.csv`), with the deciding decision.
    pub fn groups(self) -> String {
        format!("{}/groups.csv", self.0)
    }

    /// The funding sources.
    pub fn funding(self) -> String {
        format!("{}/funding.toml", self.0)
    }

    /// The disbursement of the year's plan.
    pub fn disbursement(self) -> String {
        format!("{}/disbursement.toml", self.0)
    }

    /// The documents issued.
    pub fn documents(self) -> String {
        format!("{}/documents.csv", self.0)
    }

    /// The plan for the next year.
    pub fn plan(self) -> String {
        format!("{}/plan.toml", self.0)
    }

    /// The folder of narrative fragments.
    pub fn narrative_dir(self) -> String {
        format!("{}/narrative", self.0)
    }

    /// One narrative fragment, by its name ([`crate::narrative::FRAGMENTS`]).
    pub fn fragment(self, name: &str) -> String {
        format!("{}/narrative/{name}.md", self.0)
    }

    /// The folder of the levels' data.
    pub fn levels_dir(self) -> String {
        format!("{}/levels", self.0)
    }

    /// The folder of a level's data (`2025/levels/nang-cao`): the level's ruleset's values
    /// of the communes and villages registered for it.
    pub fn level_dir(self, level: &str) -> String {
        format!("{}/levels/{level}", self.0)
    }

    /// The commune files of a level.
    pub fn level_communes_dir(self, level: &str) -> String {
        format!("{}/communes", self.level_dir(level))
    }

    /// The long table of a level's commune data.
    pub fn level_commune_table(self, level: &str) -> String {
        format!("{}/communes.csv", self.level_dir(level))
    }

    /// The villages' statuses at a level.
    pub fn level_villages(self, level: &str) -> String {
        format!("{}/villages.csv", self.level_dir(level))
    }

    /// The workbook `init --workbook` and `new` write.
    pub fn workbook(self) -> String {
        format!("{}/{WORKBOOK}", self.0)
    }
}
