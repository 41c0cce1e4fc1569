/// Where the idle timer stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdlePhase {
    /// Someone is playing (or touched recently).
    Active,
    /// Nobody touched for the idle timeout: "Still playing?" with whole seconds left.
    Countdown { seconds_left: u32 },
    /// The countdown ran out: back to the attract screen.
    Expired,
}

/// The kiosk's idle timer, driven by an injected clock (seconds since any fixed start), so it can
/// be tested without waiting. It never runs out while a finger or the mouse button is down.
#[derive(Clone, Debug, PartialEq)]
pub struct IdleTimer {
    timeout: f64,
    countdown: f64,
    last_activity: f64,
    pointers_down: u32,
}

impl IdleTimer {
    pub fn new(timeout_secs: u32, countdown_secs: u32, now: f64) -> Self {
        IdleTimer {
            timeout: f64::from(timeout_secs),
            countdown: f64::from(countdown_secs),
            last_activity: now,
            pointers_down: 0,
        }
    }

    /// Any touch, click or key: the visitor is here.
    pub fn activity(&mut self, now: f64) {
        self.last_activity = now;
    }

    pub fn pointer_down(&mut self, now: f64) {
        self.pointers_down += 1;
        self.activity(now);
    }

    pub fn pointer_up(&mut self, now: f64) {
        self.pointers_down = self.pointers_down.saturating_sub(1);
        self.activity(now);
    }

    /// How many pointers (fingers, mouse buttons) are down now, as the input reports it each frame.
    /// Any change counts as activity, and so does holding.
    pub fn set_pressed(&mut self, count: u32, now: f64) {
        if count > 0 || count != self.pointers_down {
            self.activity(now);
        }
        self.pointers_down = count;
    }

    /// Forget held pointers (a reset cancels every drag).
    pub fn release_all(&mut self, now: f64) {
        self.pointers_down = 0;
        self.activity(now);
    }

    pub fn phase(&self, now: f64) -> IdlePhase {
        if self.pointers_down > 0 {
            return IdlePhase::Active;
        }
        let idle = (now - self.last_activity).max(0.0);
        if idle < self.timeout {
            IdlePhase::Active
        } else if idle < self.timeout + self.countdown {
            let left = self.timeout + self.countdown - idle;
            IdlePhase::Countdown {
                seconds_left: left.ceil() as u32,
            }
        } else {
            IdlePhase::Expired
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_until_the_timeout_then_counts_down_then_expires() {
        let timer = IdleTimer::new(60, 10, 0.0);
        assert_eq!(timer.phase(59.9), IdlePhase::Active);
        assert_eq!(timer.phase(60.0), IdlePhase::Countdown { seconds_left: 10 });
        assert_eq!(timer.phase(65.5), IdlePhase::Countdown { seconds_left: 5 });
        assert_eq!(timer.phase(69.99), IdlePhase::Countdown { seconds_left: 1 });
        assert_eq!(timer.phase(70.0), IdlePhase::Expired);
    }

    #[test]
    fn a_touch_during_the_countdown_cancels_it() {
        let mut timer = IdleTimer::new(60, 10, 0.0);
        assert!(matches!(timer.phase(65.0), IdlePhase::Countdown { .. }));
        timer.activity(65.0);
        assert_eq!(timer.phase(66.0), IdlePhase::Active);
        assert_eq!(timer.phase(124.9), IdlePhase::Active);
    }

    #[test]
    fn never_fires_while_a_finger_is_down() {
        let mut timer = IdleTimer::new(10, 10, 0.0);
        timer.pointer_down(0.0);
        assert_eq!(timer.phase(1000.0), IdlePhase::Active);
        timer.pointer_up(1000.0);
        assert_eq!(timer.phase(1009.0), IdlePhase::Active);
        assert_eq!(timer.phase(1020.0), IdlePhase::Expired);
    }

    #[test]
    fn two_fingers_must_both_lift() {
        let mut timer = IdleTimer::new(10, 10, 0.0);
        timer.pointer_down(0.0);
        timer.pointer_down(0.0);
        timer.pointer_up(1.0);
        assert_eq!(timer.phase(100.0), IdlePhase::Active);
        timer.release_all(100.0);
        assert_eq!(timer.phase(121.0), IdlePhase::Expired);
    }

    #[test]
    fn reported_presses_hold_the_timer_and_releases_restart_it() {
        let mut timer = IdleTimer::new(10, 10, 0.0);
        timer.set_pressed(1, 5.0);
        assert_eq!(timer.phase(500.0), IdlePhase::Active);
        timer.set_pressed(0, 500.0);
        assert_eq!(timer.phase(509.0), IdlePhase::Active);
        timer.set_pressed(0, 509.0);
        assert_eq!(timer.phase(511.0), IdlePhase::Countdown { seconds_left: 9 });
    }

    #[test]
    fn extra_releases_do_not_underflow() {
        let mut timer = IdleTimer::new(10, 10, 0.0);
        timer.pointer_up(0.0);
        timer.pointer_up(0.0);
        assert_eq!(timer.phase(25.0), IdlePhase::Expired);
    }
}
