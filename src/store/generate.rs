//! Realistic, valid session files made on demand: for tests, benchmarks and the
//! `gen_sessions` example (100,000 sessions for the performance goals).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::session::Status;

const DEVICES: &[(&str, Option<&str>, &str)] = &[
    ("iPhone 15 Pro", Some("iOS"), "17.4"),
    ("iPhone X", None, "11.3"),
    ("iPad Air", Some("iOS"), "16.1"),
    ("iPad Pro (12.9-inch)", Some("iOS"), "17.2"),
    ("Pixel 8", Some("android"), "14"),
    ("Galaxy S23", Some("android"), "13"),
    ("Galaxy Tab S9", Some("android"), "14"),
    ("iPhone SE", Some("iOS"), "15.7"),
];
const NAMES: &[&str] = &[
    "anna", "ben", "chloe", "david", "emma", "felix", "gina", "hugo", "ines", "jon",
];
const LANGUAGES: &[&str] = &["en_US", "fr_FR", "es_ES", "de_DE", "ja_JP"];

/// A mixing function (splitmix64), so generated trees are varied yet identical on every run.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A 40-digit lower-case hex session id derived from a number.
pub fn session_id(seed: u64) -> String {
    format!(
        "{:016x}{:016x}{:08x}",
        mix(seed),
        mix(seed ^ 0xA5A5),
        mix(seed ^ 0x5A5A) as u32
    )
}

/// The connection token 4D writes: base64 of the app id, session id and team id.
pub fn token(app_id: &str, session_id: &str, team_id: &str) -> String {
    let inner = json!({"appNameID": app_id, "id": session_id, "teamID": team_id}).to_string();
    base64::engine::general_purpose::STANDARD.encode(inner)
}

/// A valid session object for `app_id` (and `team_id`, for iOS apps), varied by `seed`.
pub fn session_object(
    app_id: &str,
    app_name: &str,
    team_id: Option<&str>,
    seed: u64,
    status: Status,
) -> Value {
    let id = session_id(seed);
    let noise = mix(seed ^ 0x1234);
    let (device, os, version) = DEVICES[(noise % DEVICES.len() as u64) as usize];
    let name = NAMES[((noise >> 8) % NAMES.len() as u64) as usize];
    let language = LANGUAGES[((noise >> 16) % LANGUAGES.len() as u64) as usize];
    let email = if noise.is_multiple_of(7) {
        String::new()
    } else {
        format!("{name}.{}@example.com", seed)
    };
    let mut device_object = json!({
        "description": device,
        "version": version,
        "id": format!("{:08X}-1EF4-407C-A832-{:012X}", noise as u32, mix(noise) & 0xFFFF_FFFF_FFFF),
        "simulator": noise.is_multiple_of(11),
    });
    if let Some(os) = os {
        device_object["os"] = json!(os);
    }
    let mut object = json!({
        "application": {"id": app_id, "name": app_name, "version": "1.0.0"},
    });
    if let Some(team) = team_id {
        object["team"] = json!({"id": team});
    }
    object["language"] = json!({"id": language, "code": &language[..2], "region": &language[3..]});
    object["email"] = json!(email);
    object["device"] = device_object;
    object["send"] = json!("link");
    object["session"] = json!({"id": id, "ip": format!("::ffff:10.{}.{}.{}", (noise >> 24) as u8, (noise >> 32) as u8, (noise >> 40) as u8)});
    object["status"] = json!(status.as_str());
    object["token"] = json!(token(app_id, &id, team_id.unwrap_or_default()));
    object
}

/// Writes a tree of `sessions` valid sessions across `apps` app folders under `dir/MobileApps`,
/// using both folder schemes and both pretty and compact files. Returns the `MobileApps` path.
pub fn generate_tree(dir: &Path, sessions: usize, apps: usize) -> io::Result<PathBuf> {
    let root = dir.join(super::MOBILE_APPS);
    let apps = apps.max(1);
    let folders: Vec<(String, String, String, Option<String>)> = (0..apps)
        .map(|at| {
            let bundle = format!("com.example.app{at}");
            let name = format!("App {at}");
            if at % 2 == 0 {
                let team = format!("TEAM{:06}", at);
                (format!("{team}.{bundle}"), bundle, name, Some(team))
            } else {
                (bundle.clone(), bundle, name, None)
            }
        })
        .collect();
    for (folder, ..) in &folders {
        fs::create_dir_all(root.join(folder))?;
    }
    fs::write(root.join("key.mobileapp"), b"generated key")?;
    // Written on all cores: a 100,000-session tree takes seconds, not minutes.
    (0..sessions)
        .into_par_iter()
        .try_for_each(|n| -> io::Result<()> {
            let (folder, bundle, name, team) = &folders[n % apps];
            let status = if n % 5 == 0 {
                Status::Pending
            } else {
                Status::Accepted
            };
            let object = session_object(bundle, name, team.as_deref(), n as u64, status);
            let text = if n % 2 == 0 {
                serde_json::to_string_pretty(&object)?
            } else {
                serde_json::to_string(&object)?
            };
            fs::write(root.join(folder).join(session_id(n as u64)), text)
        })?;
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_sessions_pass_every_check() {
        let object = session_object("com.a.B", "B", Some("ABCDEFGHIJ"), 7, Status::Pending);
        let id = session_id(7);
        let problems =
            super::super::check_object("ABCDEFGHIJ.com.a.B", &id, object.as_object().unwrap());
        assert_eq!(problems, vec![]);
        assert_eq!(id.len(), 40);
    }
}
