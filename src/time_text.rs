//! Times as text, for the command line and the window alike: RFC 3339 in UTC, to the second,
//! for any time a file system can hold (before 1970 too), never panicking.

use std::time::{SystemTime, UNIX_EPOCH};

/// Formats a time as RFC 3339 in UTC, to the second (`1969-07-20T20:17:40Z`).
pub fn rfc3339(time: SystemTime) -> String {
    let seconds: i128 = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::from(after.as_secs()),
        Err(before) => {
            let before = before.duration();
            // A time just before a whole second belongs to the second before it.
            -i128::from(before.as_secs()) - i128::from(before.subsec_nanos() > 0)
        }
    };
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    )
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`), exact for every day an `i128` of seconds can name.
fn civil_from_days(days: i128) -> (i128, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i128::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn times_after_1970_match_humantime() {
        for seconds in [0, 1, 86_399, 951_782_400, 1_764_000_000, 4_102_444_800] {
            let time = UNIX_EPOCH + Duration::from_secs(seconds);
            assert_eq!(
                rfc3339(time),
                humantime::format_rfc3339_seconds(time).to_string()
            );
        }
    }

    #[test]
    fn a_time_before_1970_is_formatted_not_a_panic() {
        let moon = UNIX_EPOCH - Duration::from_secs(14_182_940);
        assert_eq!(rfc3339(moon), "1969-07-20T20:17:40Z");
        let just_before = UNIX_EPOCH - Duration::from_millis(1);
        assert_eq!(rfc3339(just_before), "1969-12-31T23:59:59Z");
    }
}
