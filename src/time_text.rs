//! Times as text, for every time a file system can hold. A file's modification time comes from
//! disk, so it can be anything: before 1970 (`touch -d 1969-07-20`), or centuries ahead. The
//! usual formatters panic or fail outside 1970..9999; these functions never do, so no listing,
//! hover text or status line can crash on a strange date.
//!
//! The window and the command line share them: [`rfc3339`] for machine-readable output (`list
//! --json`, hover texts), [`clock_utc`] for the short clock time of the status line.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970-01-01T00:00:00Z, negative before it; sub-second parts are dropped towards
/// the past, so 1969-12-31T23:59:59.5Z is second -1 (as `date +%s` counts).
pub fn unix_seconds(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::from(after.as_secs()),
        Err(before) => {
            let before = before.duration();
            let whole = i128::from(before.as_secs());
            if before.subsec_nanos() > 0 {
                -whole - 1
            } else {
                -whole
            }
        }
    }
}

/// A calendar date and time of day in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcDateTime {
    /// The year (proleptic Gregorian; 0 is 1 BC, negative before it).
    pub year: i128,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
    /// The hour, 0 to 23.
    pub hour: u8,
    /// The minute, 0 to 59.
    pub minute: u8,
    /// The second, 0 to 59.
    pub second: u8,
}

impl UtcDateTime {
    /// The UTC calendar date and time of a file time, to the second.
    pub fn of(time: SystemTime) -> Self {
        let seconds = unix_seconds(time);
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        UtcDateTime {
            year,
            month,
            day,
            // rem_euclid keeps these in range, so the narrowing cannot lose anything.
            hour: (of_day / 3600) as u8,
            minute: (of_day % 3600 / 60) as u8,
            second: (of_day % 60) as u8,
        }
    }
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`, in
/// 128-bit arithmetic so that no day count a `SystemTime` can hold overflows).
fn civil_from_days(days: i128) -> (i128, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u8;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u8;
    let year = year_of_era + era * 400 + i128::from(month <= 2);
    (year, month, day)
}

/// The year as RFC 3339 writes it (four digits); a year outside 0000..=9999 gets a sign and
/// as many digits as it needs (ISO 8601's expanded form), rather than a wrong date.
fn year_text(year: i128) -> String {
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("+{year}")
    }
}

/// A file time as RFC 3339 in UTC, to the second (`2026-11-25T16:36:00Z`); before 1970 too
/// (`1969-07-20T20:17:40Z`). Never panics.
pub fn rfc3339(time: SystemTime) -> String {
    let at = UtcDateTime::of(time);
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        year_text(at.year),
        at.month,
        at.day,
        at.hour,
        at.minute,
        at.second
    )
}

/// The clock time of a file time in UTC, `HH:MM:SS UTC`, as the status line shows when the
/// folder was read. Never panics.
pub fn clock_utc(time: SystemTime) -> String {
    let at = UtcDateTime::of(time);
    format!("{:02}:{:02}:{:02} UTC", at.hour, at.minute, at.second)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(seconds: i64) -> SystemTime {
        if seconds >= 0 {
            UNIX_EPOCH + Duration::from_secs(seconds as u64)
        } else {
            UNIX_EPOCH - Duration::from_secs(seconds.unsigned_abs())
        }
    }

    #[test]
    fn times_after_1970_read_as_humantime_writes_them() {
        for seconds in [0, 1, 86_399, 951_782_400, 1_764_088_560, 4_102_444_800] {
            let time = at(seconds);
            assert_eq!(
                rfc3339(time),
                humantime::format_rfc3339_seconds(time).to_string()
            );
        }
    }

    #[test]
    fn moon_landing_file_date_before_1970_is_formatted() {
        assert_eq!(rfc3339(at(-14_182_940)), "1969-07-20T20:17:40Z");
        assert_eq!(rfc3339(at(-1)), "1969-12-31T23:59:59Z");
        assert_eq!(
            rfc3339(UNIX_EPOCH - Duration::from_millis(500)),
            "1969-12-31T23:59:59Z"
        );
        assert_eq!(rfc3339(at(-2_208_988_800)), "1900-01-01T00:00:00Z");
        assert_eq!(rfc3339(at(-62_167_219_200)), "0000-01-01T00:00:00Z");
        assert_eq!(rfc3339(at(-62_167_219_201)), "-0001-12-31T23:59:59Z");
        assert_eq!(clock_utc(at(-14_182_940)), "20:17:40 UTC");
    }

    #[test]
    fn extreme_times_never_panic() {
        assert_eq!(rfc3339(at(253_402_300_800)), "+10000-01-01T00:00:00Z");
        for seconds in [i64::MIN, i64::MIN + 1, i64::MAX] {
            if let Some(time) = UNIX_EPOCH.checked_add(Duration::from_secs(seconds.unsigned_abs()))
            {
                let _ = rfc3339(time);
            }
            if let Some(time) = UNIX_EPOCH.checked_sub(Duration::from_secs(seconds.unsigned_abs()))
            {
                let text = rfc3339(time);
                assert!(text.starts_with('-'), "{text}");
            }
        }
    }
}
