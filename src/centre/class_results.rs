//! A booked class's results, for its teacher once the visit is over: the rounds played at the
//! kiosks during its tour, the share of items put in the right bin at the first try, and the
//! items most often missed, each with its right bin and why, in the booking's language (or the
//! one asked for). No child is named or tracked: only the tour's rounds, summed.

use serde::Serialize;

use super::{Centre, CentreError};
use crate::bookings::Status;
use crate::content::Scenario;
use crate::i18n::Lang;
use crate::store::{StoreError, StoredBooking, TourPlay, VisitorStore};

/// How many of the most missed items the results show.
pub const MISSED_SHOWN: usize = 3;

/// What a class did at the kiosks during its visit (`booking show`'s `results`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassResults {
    /// The language of the names and explanations: uk or en.
    pub lang: &'static str,
    /// Rounds played while the tour was on.
    pub rounds: u64,
    /// Items answered over those rounds.
    pub answers: u64,
    /// Items put in the right bin at the first try.
    pub first_try_right: u64,
    /// first_try_right / answers (0 to 1); null without any answer.
    pub first_try_accuracy: Option<f64>,
    /// The items most often missed at the first try, most missed first (at most three).
    pub missed: Vec<ClassMiss>,
}

/// An item the class most often put in a wrong bin first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassMiss {
    /// The item's id in the scenario.
    pub item: String,
    /// Its name (the id when the scenario no longer has it).
    pub name: String,
    /// The id of its right bin.
    pub right_bin: String,
    /// The right bin's name.
    pub bin_name: String,
    /// Why it goes there, in short words; null when the scenario no longer has the item.
    pub why: Option<String>,
    /// Times its first bin was wrong.
    pub missed: u64,
    /// Times it was answered.
    pub answers: u64,
}

impl ClassResults {
    /// The tour's rounds in words of `scenario` (None: it could not be read, so ids are shown).
    pub fn from_play(play: TourPlay, scenario: Option<&Scenario>, lang: Lang) -> Self {
        let missed = play
            .missed
            .into_iter()
            .map(|miss| {
                let item = scenario.and_then(|s| s.item(&miss.item));
                let bin = scenario.and_then(|s| s.bin(&miss.right_bin));
                ClassMiss {
                    name: item.map_or_else(|| miss.item.clone(), |i| i.name.get(lang).to_string()),
                    bin_name: bin
                        .map_or_else(|| miss.right_bin.clone(), |b| b.name.get(lang).to_string()),
                    why: item.map(|i| i.why_short.get(lang).to_string()),
                    item: miss.item,
                    right_bin: miss.right_bin,
                    missed: miss.missed,
                    answers: miss.answers,
                }
            })
            .collect();
        ClassResults {
            lang: lang.code(),
            rounds: play.rounds,
            answers: play.answers,
            first_try_right: play.first_try_right,
            first_try_accuracy: (play.answers > 0)
                .then(|| play.first_try_right as f64 / play.answers as f64),
            missed,
        }
    }
}

impl Centre {
    /// The results of the booking `code`'s class, in `lang` (None: the booking's language);
    /// None until the group has arrived and its tour has ended.
    pub fn class_results(
        &mut self,
        code: &str,
        lang: Option<Lang>,
    ) -> Result<Option<ClassResults>, CentreError> {
        let booking = self.booking(code)?.booking;
        self.class_results_of(&booking, lang)
    }

    /// [`Self::class_results`] of a booking already read.
    pub fn class_results_of(
        &mut self,
        booking: &StoredBooking,
        lang: Option<Lang>,
    ) -> Result<Option<ClassResults>, CentreError> {
        let Some(tour_id) = booking
            .tour_id
            .filter(|_| booking.status == Status::Arrived)
        else {
            return Ok(None);
        };
        let store = self.store()?;
        let tour = match store.find_tour(&tour_id.to_string()) {
            Ok(tour) => tour,
            // Voided as entered by mistake: nothing to show.
            Err(StoreError::TourNotFound(_)) => return Ok(None),
            Err(err) => return Err(err.into()),
        };
        if tour.is_open() {
            return Ok(None);
        }
        let play = store.tour_play(tour_id, MISSED_SHOWN)?;
        // A scenario the administrator broke since shows its ids rather than no results.
        let scenario = self.scenario().ok();
        Ok(Some(ClassResults::from_play(
            play,
            scenario.as_ref(),
            lang.unwrap_or(booking.lang),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::centre::bookings::BookingAct;
    use crate::game::{PlaySession, SessionAnswer, SessionRecorder};
    use chrono::{DateTime, Utc};
    use uuid::Uuid;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn centre_at(data: &std::path::Path, now: &str) -> Centre {
        let mut centre = Centre::new(data.to_path_buf());
        centre.now = at(now);
        centre
    }

    /// A booking for Friday 22 May 2026 at `time`, in `lang`, entered by a guide on the Monday.
    fn booked(data: &std::path::Path, time: &str, lang: &str) -> String {
        let mut centre = centre_at(data, "2026-05-18T09:00:00+03:00");
        let request = crate::bookings::BookingRequest {
            date: Some("2026-05-22".into()),
            time: Some(time.into()),
            group: Some("school".into()),
            size: Some(24),
            adults: Some(2),
            organisation: Some("Ліцей № 1".into()),
            class: Some("3-Б".into()),
            contact_name: Some("Олена Петрівна".into()),
            phone: Some("+380 67 123 45 67".into()),
            email: None,
            lang: Some(lang.into()),
            needs: None,
            note: None,
            consent: true,
        };
        centre
            .book(&request, crate::bookings::Asker::Guide, Some("olena"))
            .unwrap()
            .code
    }

    fn answer(item: &str, right: &str, chosen: &[&str]) -> SessionAnswer {
        SessionAnswer {
            item: item.into(),
            right_bin: right.into(),
            chosen: chosen.iter().map(|c| c.to_string()).collect(),
            first_try_right: chosen.first() == Some(&right),
        }
    }

    fn round(centre: &mut Centre, tour: Option<Uuid>, answers: Vec<SessionAnswer>) {
        let session = PlaySession {
            id: Uuid::new_v4(),
            station: "hall-1".into(),
            audience: "older".into(),
            lang: Lang::Uk,
            tour_id: tour,
            started_at: at("2026-05-22T10:20:00+03:00"),
            ended_at: at("2026-05-22T10:24:00+03:00"),
            completed: true,
            answers,
        };
        centre.store().unwrap().record_session(&session).unwrap();
    }

    #[test]
    fn an_ended_tour_sums_its_rounds_and_names_the_most_missed_items_with_their_bins() {
        let data = tempfile::tempdir().unwrap();
        let code = booked(data.path(), "10:00", "en");
        let mut centre = centre_at(data.path(), "2026-05-22T10:05:00+03:00");
        // Before the visit: nothing to show.
        assert_eq!(centre.class_results(&code, None).unwrap(), None);
        let arrived = centre
            .booking_act(&code, &BookingAct::Arrive { people: None }, Some("olena"))
            .unwrap();
        let tour: Uuid = arrived.tour_id.unwrap().parse().unwrap();
        // Four rounds of the class, one round of nobody's, one of another tour.
        round(
            &mut centre,
            Some(tour),
            vec![
                answer("battery", "hazardous", &["mixed", "hazardous"]),
                answer("pet-bottle", "plastic", &["plastic"]),
                answer("glass-jar", "glass", &["glass"]),
                answer("pizza-box", "paper", &["paper"]),
            ],
        );
        round(
            &mut centre,
            Some(tour),
            vec![
                answer("battery", "hazardous", &["metal", "hazardous"]),
                answer("glass-jar", "glass", &["mixed", "glass"]),
                answer("pet-bottle", "plastic", &["plastic"]),
            ],
        );
        round(
            &mut centre,
            Some(tour),
            vec![
                answer("battery", "hazardous", &["hazardous"]),
                answer("newspaper", "paper", &["mixed", "paper"]),
                answer("glass-jar", "glass", &["mixed", "glass"]),
                answer("tin-can", "metal", &["plastic", "metal"]),
                // The round ended before this one: not an answer.
                answer("spoon", "metal", &[]),
            ],
        );
        // A round abandoned before any drop still counts as a round.
        round(&mut centre, Some(tour), vec![answer("spoon", "metal", &[])]);
        round(
            &mut centre,
            None,
            vec![answer("battery", "hazardous", &["mixed", "hazardous"])],
        );
        round(
            &mut centre,
            Some(Uuid::new_v4()),
            vec![answer("battery", "hazardous", &["mixed", "hazardous"])],
        );
        // The tour is on: no results yet.
        assert_eq!(centre.class_results(&code, None).unwrap(), None);
        centre.now = at("2026-05-22T11:30:00+03:00");
        centre
            .end_tour(&crate::store::short_id(&tour), None)
            .unwrap();

        let results = centre.class_results(&code, None).unwrap().unwrap();
        assert_eq!(results.lang, "en", "the booking's language");
        assert_eq!(results.rounds, 4);
        assert_eq!(results.answers, 11);
        assert_eq!(results.first_try_right, 5);
        assert_eq!(results.first_try_accuracy, Some(5.0 / 11.0));
        let missed: Vec<(&str, &str, u64, u64)> = results
            .missed
            .iter()
            .map(|m| (m.item.as_str(), m.right_bin.as_str(), m.missed, m.answers))
            .collect();
        assert_eq!(
            missed,
            [
                ("battery", "hazardous", 2, 3),
                ("glass-jar", "glass", 2, 3),
                ("newspaper", "paper", 1, 1),
            ],
            "most missed first; a tie goes to the more often answered, then by id"
        );
        let scenario = centre.scenario().unwrap();
        let jar = scenario.item("glass-jar").unwrap();
        assert_eq!(results.missed[1].name, jar.name.en);
        assert_eq!(
            results.missed[1].bin_name,
            scenario.bin("glass").unwrap().name.en
        );
        assert_eq!(
            results.missed[1].why.as_deref(),
            Some(jar.why_short.en.as_str())
        );

        // In Ukrainian when asked.
        let uk = centre
            .class_results(&code, Some(Lang::Uk))
            .unwrap()
            .unwrap();
        assert_eq!(
            (uk.lang, uk.missed[1].name.as_str()),
            ("uk", jar.name.uk.as_str())
        );
    }

    #[test]
    fn a_class_that_did_not_play_has_results_without_a_share_and_other_bookings_have_none() {
        let data = tempfile::tempdir().unwrap();
        let code = booked(data.path(), "10:00", "uk");
        let other = booked(data.path(), "12:00", "uk");
        let mut centre = centre_at(data.path(), "2026-05-22T10:05:00+03:00");
        let arrived = centre
            .booking_act(&code, &BookingAct::Arrive { people: Some(20) }, None)
            .unwrap();
        // A round whose every item was left undone: a round, no answer, no division by zero.
        let tour: Uuid = arrived.tour_id.unwrap().parse().unwrap();
        round(&mut centre, Some(tour), vec![answer("spoon", "metal", &[])]);
        centre.now = at("2026-05-22T11:00:00+03:00");
        centre
            .end_tour(&crate::store::short_id(&tour), None)
            .unwrap();
        let results = centre.class_results(&code, None).unwrap().unwrap();
        assert_eq!((results.rounds, results.answers), (1, 0));
        assert_eq!(results.first_try_accuracy, None);
        assert!(results.missed.is_empty());
        // Confirmed, never arrived: no tour, no results.
        assert_eq!(centre.class_results(&other, None).unwrap(), None);
        assert!(matches!(
            centre.class_results("NOPE", None),
            Err(CentreError::Store(StoreError::BookingNotFound(_)))
        ));
    }
}
