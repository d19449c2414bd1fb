//! The checks 4D runs when it reloads session files (`MOBILE APP REFRESH SESSIONS`): location,
//! schema and token. Syntax, safety and readability are found while reading (see `read.rs`).
//! Each check yields at most one [`Problem`], whose message names every fault it saw.

use std::borrow::Cow;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::{Map, Value};

use super::object::{Json, Object, parse};
use super::session::{Problem, ProblemCode, Status, bounded, bounded_cow};

/// Runs the location, schema and token checks on a session object found at `folder/file_name`.
pub fn check_object(folder: &str, file_name: &str, object: &Map<String, Value>) -> Vec<Problem> {
    check_tree(folder, file_name, &Object::from_map(object))
}

/// [`check_object`] on the tree a session file is read into.
fn check_tree(folder: &str, file_name: &str, object: &Object) -> Vec<Problem> {
    [
        location_problem(folder, file_name, object),
        schema_problem(object),
        token_problem(object),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The checks of [`check_object`] on a parsed file's tree, with the fault of keys that repeat in the file's text (see
/// `json_text::duplicate_keys_fault`) added to its schema problem: such a file means different
/// things to different readers.
pub fn check_parsed(
    folder: &str,
    file_name: &str,
    object: &Object,
    duplicate_keys: Option<String>,
) -> Vec<Problem> {
    let mut problems = check_tree(folder, file_name, object);
    if let Some(fault) = duplicate_keys {
        match problems
            .iter_mut()
            .find(|problem| problem.code == ProblemCode::Schema)
        {
            Some(schema) => schema.message = format!("{}; {fault}", schema.message),
            None => {
                let at = problems
                    .iter()
                    .position(|problem| problem.code == ProblemCode::Token)
                    .unwrap_or(problems.len());
                problems.insert(at, Problem::new(ProblemCode::Schema, fault));
            }
        }
    }
    problems
}

fn string_at<'a>(object: &'a Object, parent: &str, key: &str) -> Option<&'a str> {
    object.get(parent)?.as_object()?.get(key)?.as_str()
}

/// The app folder names that fit a bundle id and team id: `<team>.<bundle>` and `<bundle>`.
pub fn expected_folders(app_id: &str, team_id: Option<&str>) -> Vec<String> {
    let mut folders = Vec::with_capacity(2);
    if let Some(team) = team_id.filter(|team| !team.is_empty()) {
        folders.push(format!("{team}.{app_id}"));
    }
    folders.push(app_id.to_owned());
    folders
}

fn location_problem(folder: &str, file_name: &str, object: &Object) -> Option<Problem> {
    let mut faults = Vec::new();
    if let Some(app_id) = string_at(object, "application", "id") {
        let team_id = string_at(object, "team", "id");
        // The names of `expected_folders`, compared without making them: nearly every file fits.
        let fits = folder == app_id
            || team_id.filter(|team| !team.is_empty()).is_some_and(|team| {
                folder
                    .strip_prefix(team)
                    .and_then(|rest| rest.strip_prefix('.'))
                    == Some(app_id)
            });
        if !fits {
            let expected = expected_folders(app_id, team_id);
            faults.push(format!(
                "it is in folder {folder:?} but its application and team ids call for {}",
                expected
                    .iter()
                    .map(|name| format!("{:?}", bounded(name)))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
        }
    }
    if let Some(session_id) = string_at(object, "session", "id")
        && session_id != file_name
    {
        faults.push(format!(
            "its file name is {file_name:?} but its session.id is {:?}",
            bounded(session_id)
        ));
    }
    (!faults.is_empty()).then(|| Problem::new(ProblemCode::Location, faults.join("; ")))
}

/// What a field must be, for the schema check.
#[derive(Clone, Copy)]
enum Kind {
    Object,
    Text,
    /// A string, or a number: 4D for Android sent `device.version` as a number from late 2021 to
    /// mid 2022, and 4D accepted those logins and wrote the files itself.
    TextOrNumber,
    Bool,
}

impl Kind {
    fn fits(self, value: &Json) -> bool {
        match self {
            Kind::Object => value.as_object().is_some(),
            Kind::Text => value.as_str().is_some(),
            Kind::TextOrNumber => value.as_str().is_some() || value.is_number(),
            Kind::Bool => value.as_bool().is_some(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Object => "an object",
            Kind::Text => "a string",
            Kind::TextOrNumber => "a string or a number",
            Kind::Bool => "true or false",
        }
    }
}

/// The session schema: (parent, key, kind, required), the parent empty for a top-level key.
/// Parents come before their children. Split beforehand: splitting the paths of every file was
/// a tenth of a folder's check.
const SCHEMA: &[(&str, &str, Kind, bool)] = &[
    ("", "application", Kind::Object, true),
    ("application", "id", Kind::Text, true),
    ("application", "name", Kind::Text, false),
    ("application", "version", Kind::Text, false),
    ("", "team", Kind::Object, false),
    ("team", "id", Kind::Text, false),
    ("", "language", Kind::Object, false),
    ("language", "id", Kind::Text, false),
    ("language", "code", Kind::Text, false),
    ("language", "region", Kind::Text, false),
    ("", "email", Kind::Text, false),
    ("", "device", Kind::Object, true),
    ("device", "id", Kind::Text, false),
    ("device", "description", Kind::Text, false),
    ("device", "version", Kind::TextOrNumber, false),
    ("device", "os", Kind::Text, false),
    ("device", "simulator", Kind::Bool, false),
    ("device", "token", Kind::Text, false),
    ("", "send", Kind::Text, false),
    ("", "session", Kind::Object, true),
    ("session", "id", Kind::Text, true),
    ("session", "ip", Kind::Text, false),
    ("", "status", Kind::Text, true),
    ("", "token", Kind::Text, true),
    ("", "parameters", Kind::Object, false),
];

fn schema_problem(object: &Object) -> Option<Problem> {
    let mut faults = Vec::new();
    // The parent object of the children being checked: the schema lists a parent's children
    // right after it, so each parent is looked up once, not once per child.
    let mut parent: Option<(&str, Option<&Object>)> = None;
    for &(name, key, kind, required) in SCHEMA {
        let found = if name.is_empty() {
            object.get(key)
        } else {
            let inside = match parent {
                Some((seen, inside)) if seen == name => inside,
                _ => {
                    let inside = object.get(name).and_then(Json::as_object);
                    parent = Some((name, inside));
                    inside
                }
            };
            // A missing or mistyped parent was reported already; its children would only
            // repeat it.
            let Some(inside) = inside else {
                continue;
            };
            inside.get(key)
        };
        let path = || {
            if name.is_empty() {
                key.to_owned()
            } else {
                format!("{name}.{key}")
            }
        };
        match found {
            None if required => faults.push(format!("{} is missing", path())),
            Some(value) if !kind.fits(value) => {
                faults.push(format!("{} should be {}", path(), kind.name()));
            }
            _ => {}
        }
    }
    if let Some(status) = object.get("status").and_then(Json::as_str)
        && status.parse::<Status>().is_err()
    {
        faults.push(format!(
            "status is {:?}, not accepted or pending",
            bounded(status)
        ));
    }
    (!faults.is_empty()).then(|| Problem::new(ProblemCode::Schema, faults.join("; ")))
}

/// Base64 with or without padding, as 4D writes it.
const ANY_PADDING: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
/// The decoders, with their tables built when the program is compiled rather than for each
/// file read (which was a few percent of reading a big folder).
static STANDARD: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, ANY_PADDING);
static URL_SAFE: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::URL_SAFE, ANY_PADDING);

/// Base64 as 4D writes it, with or without padding; URL-safe letters are accepted too.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    STANDARD
        .decode(text.trim())
        .or_else(|_| URL_SAFE.decode(text.trim()))
        .ok()
}

/// The three ids a connection token carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenIds {
    /// `appNameID`, to match `application.id`.
    pub app_id: String,
    /// `id`, to match `session.id`.
    pub session_id: String,
    /// `teamID`, to match `team.id` (empty when absent).
    pub team_id: String,
}

/// Decodes a connection token, or says why it cannot be decoded.
pub fn decode_token(token: &str) -> Result<TokenIds, String> {
    let text = decoded_token_text(token)?;
    let fields = token_fields(&text)?;
    Ok(TokenIds {
        app_id: fields.app_id.into_owned(),
        session_id: fields.session_id.into_owned(),
        team_id: fields.team_id.into_owned(),
    })
}

/// [`decode_token`] with the decoded bytes read as a `serde_json::Value`, as before the
/// borrowed tree (its object's members looked up with `Map::get`, whose keys are unique): kept
/// for the fuzz target that holds the two equal.
pub(crate) fn decode_token_through_value(token: &str) -> Result<TokenIds, String> {
    let bytes = decode_base64(token).ok_or("the token is not valid base64")?;
    let value: Value =
        serde_json::from_slice(&bytes).map_err(|_| "the decoded token is not JSON".to_owned())?;
    let object = value
        .as_object()
        .ok_or("the decoded token is not a JSON object")?;
    let field = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(bounded)
            .unwrap_or_default()
    };
    Ok(TokenIds {
        app_id: field("appNameID"),
        session_id: field("id"),
        team_id: field("teamID"),
    })
}

/// The ids a decoded token carries, as [`TokenIds`] has them, borrowed from the token's text
/// where they can be: every session file is checked against its token.
struct TokenFields<'a> {
    app_id: Cow<'a, str>,
    session_id: Cow<'a, str>,
    team_id: Cow<'a, str>,
}

/// The text a token's base64 holds. Bytes that are not UTF-8 are no JSON either.
fn decoded_token_text(token: &str) -> Result<String, String> {
    let bytes = decode_base64(token).ok_or("the token is not valid base64")?;
    String::from_utf8(bytes).map_err(|_| "the decoded token is not JSON".to_owned())
}

fn token_fields(text: &str) -> Result<TokenFields<'_>, String> {
    let value = parse(text).map_err(|_| "the decoded token is not JSON".to_owned())?;
    let object = value
        .as_object()
        .ok_or("the decoded token is not a JSON object")?;
    let field = |key: &str| -> Cow<'_, str> {
        match object.get(key) {
            // A string with no escape is a slice of `text` itself, which outlives the tree.
            Some(Json::String(Cow::Borrowed(text))) => bounded_cow(text),
            Some(Json::String(Cow::Owned(text))) => Cow::Owned(bounded_cow(text).into_owned()),
            _ => Cow::Borrowed(""),
        }
    };
    Ok(TokenFields {
        app_id: field("appNameID"),
        session_id: field("id"),
        team_id: field("teamID"),
    })
}

fn token_problem(object: &Object) -> Option<Problem> {
    let token = object.get("token")?.as_str()?;
    let text = decoded_token_text(token);
    let ids = match text
        .as_deref()
        .map_err(String::clone)
        .and_then(token_fields)
    {
        Ok(ids) => ids,
        Err(reason) => return Some(Problem::new(ProblemCode::Token, reason)),
    };
    let mut faults = Vec::new();
    let mut compare = |what: &str, in_token: &str, in_file: Option<&str>| {
        let in_file = in_file.unwrap_or_default();
        if in_token != in_file {
            faults.push(format!(
                "the token's {what} is {in_token:?} but the file says {:?}",
                bounded(in_file)
            ));
        }
    };
    compare(
        "app id",
        &ids.app_id,
        string_at(object, "application", "id"),
    );
    compare(
        "session id",
        &ids.session_id,
        string_at(object, "session", "id"),
    );
    compare("team id", &ids.team_id, string_at(object, "team", "id"));
    (!faults.is_empty()).then(|| Problem::new(ProblemCode::Token, faults.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Map<String, Value> {
        let text = r#"{"application":{"id":"com.contactApp.Contact","name":"Contact","version":"1.0.0"},
            "team":{"id":"UTT7VDX8W5"},"email":"","device":{"description":"iPhone X","version":"11.3",
            "id":"0DC5132E","simulator":true},"session":{"id":"7023d9205074199d1c16fc00d24354e778137675",
            "ip":"::ffff:192.168.5.4"},"status":"accepted",
            "token":"eyJhcHBOYW1lSUQiOiJjb20uY29udGFjdEFwcC5Db250YWN0IiwiaWQiOiI3MDIzZDkyMDUwNzQxOTlkMWMxNmZjMDBkMjQzNTRlNzc4MTM3Njc1IiwidGVhbUlEIjoiVVRUN1ZEWDhXNSJ9"}"#;
        serde_json::from_str(text).unwrap()
    }

    const FOLDER: &str = "UTT7VDX8W5.com.contactApp.Contact";
    const ID: &str = "7023d9205074199d1c16fc00d24354e778137675";

    #[test]
    fn the_documented_example_is_valid_in_both_folder_schemes() {
        assert_eq!(check_object(FOLDER, ID, &sample()), vec![]);
        assert_eq!(
            check_object("com.contactApp.Contact", ID, &sample()),
            vec![]
        );
    }

    #[test]
    fn a_file_in_the_wrong_place_is_a_location_problem() {
        let problems = check_object("com.other.App", "abc", &sample());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, ProblemCode::Location);
        assert!(problems[0].message.contains("session.id"));
    }

    #[test]
    fn a_bad_status_and_a_missing_session_are_schema_problems() {
        let mut object = sample();
        object.insert("status".into(), Value::from("blocked"));
        object.remove("session");
        let problems = check_object(FOLDER, ID, &object);
        let schema = problems
            .iter()
            .find(|problem| problem.code == ProblemCode::Schema)
            .unwrap();
        assert!(schema.message.contains("session is missing"));
        assert!(schema.message.contains("\"blocked\""));
    }

    #[test]
    fn a_token_for_another_session_is_a_token_problem() {
        let mut object = sample();
        object["token"] = Value::from("eyJhcHBOYW1lSUQiOiJ4IiwiaWQiOiJ5IiwidGVhbUlEIjoieiJ9");
        let problems = check_object(FOLDER, ID, &object);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, ProblemCode::Token);
    }

    #[test]
    fn a_numeric_device_version_is_no_schema_problem() {
        let mut object = sample();
        object["device"]["version"] = Value::from(30);
        object["device"]["os"] = Value::from("Android R");
        assert_eq!(check_object(FOLDER, ID, &object), vec![]);
        object["device"]["version"] = Value::from(true);
        let problems = check_object(FOLDER, ID, &object);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, ProblemCode::Schema);
        assert!(problems[0].message.contains("a string or a number"));
    }

    #[test]
    fn the_keys_only_some_versions_write_are_no_problem() {
        let mut object = sample();
        object.insert("deviceToken".into(), Value::from("a0b1c2d3"));
        object["device"]["token"] = Value::from("f0e1d2c3");
        object["device"]["jb"] = Value::from(true);
        object["device"]["os"] = Value::from("iOS");
        object["team"]["name"] = Value::from("Example Corp");
        object.insert(
            "parameters".into(),
            serde_json::json!({"role": "field", "site": 3}),
        );
        assert_eq!(check_object(FOLDER, ID, &object), vec![]);
    }

    #[test]
    fn tokens_decode_without_padding() {
        let ids = decode_token("eyJhcHBOYW1lSUQiOiJ4IiwiaWQiOiJ5IiwidGVhbUlEIjoieiJ9").unwrap();
        assert_eq!(ids.app_id, "x");
        assert!(decode_token("not base64!").is_err());
    }
}
