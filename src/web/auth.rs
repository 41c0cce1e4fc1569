//! Who is asking: server-side sessions (in memory: a restart signs everyone out, which is safe),
//! their CSRF tokens, login throttling, and the client's address.
//!
//! Hand-written rather than tower-sessions / tower_governor: sessions must end when the store says
//! the user's password changed or the user is gone (the CLI changes that from another process),
//! and the throttle's rules (five failures for one name from one address in 15 minutes, twenty
//! from one address) are not a token bucket. Both are a few maps behind a mutex.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::centre::accounts::{same_secret, secret_digest};
use crate::store::{Role, User};

/// A session ends this long after sign-in, whatever happens.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(8 * 3600);
/// ... or this long after its last request.
pub const SESSION_IDLE: Duration = Duration::from_secs(30 * 60);
pub const SESSION_COOKIE: &str = "tc_session";

/// A signed-in person, as a request sees them.
#[derive(Clone, Debug)]
pub struct Signed {
    pub name: String,
    pub role: Role,
    /// The session's CSRF token, for the forms of the page.
    pub csrf: String,
    pub session: String,
}

#[derive(Clone, Debug)]
struct Session {
    /// None: a visitor of the login page, holding only a CSRF token. Else the user, their role,
    /// password generation and when the account was made (a user removed and added again is
    /// another account).
    user: Option<(String, Role, i64, DateTime<Utc>)>,
    csrf: String,
    created: DateTime<Utc>,
    last_seen: DateTime<Utc>,
}

/// The sessions, keyed by the SHA-256 of their cookie (a memory dump shows no usable cookie).
#[derive(Default)]
pub struct Sessions {
    by_digest: HashMap<String, Session>,
    /// When expired sessions were last swept out (at most once a minute).
    swept: Option<DateTime<Utc>>,
}

/// Sessions of login pages (no one signed in) kept at most: past it the oldest go first, so a
/// flood of login pages cannot grow the server's memory.
pub const MAX_ANONYMOUS_SESSIONS: usize = 5_000;

fn random_hex(bytes: usize) -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    buffer.iter().map(|b| format!("{b:02x}")).collect()
}

fn expired(session: &Session, now: DateTime<Utc>) -> bool {
    let age = (now - session.created).to_std().unwrap_or_default();
    let idle = (now - session.last_seen).to_std().unwrap_or_default();
    age > SESSION_LIFETIME || idle > SESSION_IDLE
}

impl Sessions {
    /// A new session (anonymous, or signed in) and its cookie value.
    pub fn open(&mut self, user: Option<&User>, now: DateTime<Utc>) -> (String, String) {
        self.sweep(now);
        let cookie = random_hex(32);
        let csrf = random_hex(32);
        self.by_digest.insert(
            secret_digest(&cookie),
            Session {
                user: user.map(|u| (u.name.clone(), u.role, u.generation, u.created_at)),
                csrf: csrf.clone(),
                created: now,
                last_seen: now,
            },
        );
        (cookie, csrf)
    }

    /// The session of a cookie, touched; None when unknown or expired.
    fn touch(&mut self, cookie: &str, now: DateTime<Utc>) -> Option<&mut Session> {
        let digest = secret_digest(cookie);
        if self.by_digest.get(&digest).is_some_and(|s| expired(s, now)) {
            self.by_digest.remove(&digest);
            return None;
        }
        let session = self.by_digest.get_mut(&digest)?;
        session.last_seen = now;
        Some(session)
    }

    /// The signed-in person of a cookie, if any, with the password generation and the account's
    /// creation they signed in under.
    pub fn signed(
        &mut self,
        cookie: &str,
        now: DateTime<Utc>,
    ) -> Option<(Signed, (i64, DateTime<Utc>))> {
        let session = self.touch(cookie, now)?;
        let (name, role, generation, created) = session.user.clone()?;
        Some((
            Signed {
                name,
                role,
                csrf: session.csrf.clone(),
                session: cookie.to_string(),
            },
            (generation, created),
        ))
    }

    /// The CSRF token of any live session (a login page's too).
    pub fn csrf(&mut self, cookie: &str, now: DateTime<Utc>) -> Option<String> {
        self.touch(cookie, now).map(|s| s.csrf.clone())
    }

    /// Whether `token` is the session's CSRF token.
    pub fn csrf_matches(&mut self, cookie: &str, token: &str, now: DateTime<Utc>) -> bool {
        self.touch(cookie, now)
            .is_some_and(|session| same_secret(&session.csrf, token))
    }

    pub fn close(&mut self, cookie: &str) {
        self.by_digest.remove(&secret_digest(cookie));
    }

    /// Ends every session of a user (a password reset, a removal).
    pub fn close_user(&mut self, name: &str) {
        self.by_digest
            .retain(|_, s| s.user.as_ref().is_none_or(|(user, ..)| user != name));
    }

    fn sweep(&mut self, now: DateTime<Utc>) {
        let due = self
            .swept
            .is_none_or(|last| now - last >= chrono::Duration::minutes(1));
        if due {
            self.by_digest.retain(|_, s| !expired(s, now));
            self.swept = Some(now);
        }
        // Counting needs a look at every session: only when there could be too many.
        if self.by_digest.len() < MAX_ANONYMOUS_SESSIONS {
            return;
        }
        let anonymous = self.by_digest.values().filter(|s| s.user.is_none()).count();
        if anonymous >= MAX_ANONYMOUS_SESSIONS {
            let mut oldest: Vec<(DateTime<Utc>, String)> = self
                .by_digest
                .iter()
                .filter(|(_, s)| s.user.is_none())
                .map(|(digest, s)| (s.last_seen, digest.clone()))
                .collect();
            oldest.sort();
            for (_, digest) in oldest.into_iter().take(anonymous / 10 + 1) {
                self.by_digest.remove(&digest);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.by_digest.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_digest.is_empty()
    }
}

/// Five failed logins for one name from one address within this window lock that name for that
/// address for as long; twenty from one address lock the address.
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);
pub const FAILURES_PER_NAME: usize = 5;
pub const FAILURES_PER_ADDRESS: usize = 20;

#[derive(Default)]
pub struct LoginThrottle {
    /// (address, lower-cased name) → attempts not (yet) successful.
    by_name: HashMap<(IpAddr, String), Vec<DateTime<Utc>>>,
    by_address: HashMap<IpAddr, Vec<DateTime<Utc>>>,
    /// Locks in force: until when, from the failure that reached the limit (a fixed 15 minutes).
    name_locked: HashMap<(IpAddr, String), DateTime<Utc>>,
    address_locked: HashMap<IpAddr, DateTime<Utc>>,
}

fn recent(times: &mut Vec<DateTime<Utc>>, now: DateTime<Utc>) -> usize {
    let window = chrono::Duration::from_std(LOGIN_WINDOW).unwrap_or_default();
    times.retain(|at| now - *at < window);
    times.len()
}

impl LoginThrottle {
    /// Whether a login for `name` from `address` is refused now, whatever the password.
    pub fn locked(&mut self, address: IpAddr, name: &str, now: DateTime<Utc>) -> bool {
        let key = (address, name.to_lowercase());
        let until = |lock: Option<&DateTime<Utc>>| lock.is_some_and(|until| now < *until);
        until(self.name_locked.get(&key)) || until(self.address_locked.get(&address))
    }

    /// Starts a login: refused (false) while locked; else the attempt counts as a failure at once,
    /// so that many attempts sent together cannot all pass the check before any has failed.
    /// [`Self::succeeded`] takes it back.
    pub fn begin(&mut self, address: IpAddr, name: &str, now: DateTime<Utc>) -> bool {
        if self.locked(address, name, now) {
            return false;
        }
        if self.by_name.len() > 10_000 {
            self.by_name.retain(|_, times| recent(times, now) > 0);
            self.by_address.retain(|_, times| recent(times, now) > 0);
            self.name_locked.retain(|_, until| now < *until);
            self.address_locked.retain(|_, until| now < *until);
        }
        let key = (address, name.to_lowercase());
        let lock_until = now + chrono::Duration::from_std(LOGIN_WINDOW).unwrap_or_default();
        let by_name = self.by_name.entry(key.clone()).or_default();
        by_name.push(now);
        if recent(by_name, now) >= FAILURES_PER_NAME {
            by_name.clear();
            self.name_locked.insert(key, lock_until);
        }
        let by_address = self.by_address.entry(address).or_default();
        by_address.push(now);
        if recent(by_address, now) >= FAILURES_PER_ADDRESS {
            by_address.clear();
            self.address_locked.insert(address, lock_until);
        }
        true
    }

    /// A success: the attempt was not a failure; the name's failures from that address clear.
    pub fn succeeded(&mut self, address: IpAddr, name: &str) {
        self.by_name.remove(&(address, name.to_lowercase()));
        if let Some(times) = self.by_address.get_mut(&address) {
            times.pop();
        }
    }
}

/// The client's address: the connection's peer; behind a trusted reverse proxy, the rightmost
/// `X-Forwarded-For` hop that is not a trusted proxy.
pub fn client_address(peer: SocketAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.ip();
    if !trusted.contains(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    // From the right: the first hop that is not a trusted proxy; a hop that does not read as an
    // address ends the walk (whatever stands left of it was written by the client).
    for hop in header.split(',').rev() {
        match hop.trim().parse::<IpAddr>() {
            Ok(hop) if trusted.contains(&hop) => continue,
            Ok(hop) => return hop,
            Err(_) => return peer,
        }
    }
    peer
}

/// An address range `10.0.0.0/8`, `192.168.1.0/24`, `::1/128`, or a single address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    bits: u8,
}

impl std::str::FromStr for Cidr {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (address, bits) = match text.split_once('/') {
            Some((address, bits)) => (address, Some(bits)),
            None => (text, None),
        };
        let network: IpAddr = address
            .trim()
            .parse()
            .map_err(|_| format!("{text}: not an address range such as 192.168.1.0/24"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let bits = match bits {
            Some(bits) => bits
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|b| *b <= max)
                .ok_or_else(|| format!("{text}: the prefix length must be 0 to {max}"))?,
            None => max,
        };
        Ok(Cidr { network, bits })
    }
}

impl Cidr {
    pub fn contains(&self, address: IpAddr) -> bool {
        let (network, address, width) = match (self.network, address) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                (u128::from(u32::from(n)), u128::from(u32::from(a)), 32)
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => (u128::from(n), u128::from(a), 128),
            (IpAddr::V6(n), IpAddr::V4(a)) => (u128::from(n), u128::from(a.to_ipv6_mapped()), 128),
            (IpAddr::V4(n), IpAddr::V6(a)) => match a.to_ipv4_mapped() {
                Some(a) => (u128::from(u32::from(n)), u128::from(u32::from(a)), 32),
                None => return false,
            },
        };
        let shift = width - u32::from(self.bits);
        shift >= width || network >> shift == address >> shift
    }
}

/// How long a guide panel's token lasts.
pub const PANEL_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// Wrong PINs in a row from one station before it must wait.
pub const PANEL_MISSES: u32 = 5;
/// How long it waits.
pub const PANEL_LOCKOUT: Duration = Duration::from_secs(60);

/// The guide panels of networked kiosks: short-lived tokens given for the centre's guide PIN, and
/// each station's wrong PINs in a row.
#[derive(Default)]
pub struct Panels {
    /// SHA-256 of a token → (the station, when it ends).
    tokens: HashMap<String, (String, DateTime<Utc>)>,
    /// Station → (wrong PINs in a row, locked until).
    misses: HashMap<String, (u32, Option<DateTime<Utc>>)>,
}

/// What a PIN typed on a kiosk's panel gets.
#[derive(Debug, PartialEq)]
pub enum PanelAnswer {
    /// A token, and when it ends.
    Open(String, DateTime<Utc>),
    Wrong,
    /// Five wrong in a row: nothing is checked until then.
    Locked(DateTime<Utc>),
}

fn lifetime(duration: Duration) -> chrono::Duration {
    chrono::Duration::from_std(duration).unwrap_or_default()
}

impl Panels {
    /// Whether the station may try a PIN now (None), or until when it waits.
    pub fn locked(&mut self, station: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (_, until) = self.misses.get(station)?;
        until.filter(|until| now < *until)
    }

    /// The outcome of a PIN check for `station`.
    pub fn answer(&mut self, station: &str, right: bool, now: DateTime<Utc>) -> PanelAnswer {
        if let Some(until) = self.locked(station, now) {
            return PanelAnswer::Locked(until);
        }
        if right {
            self.misses.remove(station);
            self.tokens.retain(|_, (_, ends)| *ends > now);
            let token = format!("tp_{}", random_hex(32));
            let ends = now + lifetime(PANEL_LIFETIME);
            self.tokens
                .insert(secret_digest(&token), (station.to_string(), ends));
            return PanelAnswer::Open(token, ends);
        }
        let entry = self.misses.entry(station.to_string()).or_insert((0, None));
        entry.0 += 1;
        if entry.0 >= PANEL_MISSES {
            let until = now + lifetime(PANEL_LOCKOUT);
            *entry = (0, Some(until));
            return PanelAnswer::Locked(until);
        }
        PanelAnswer::Wrong
    }

    /// The station a live panel token was given to.
    pub fn station(&self, token: &str, now: DateTime<Utc>) -> Option<String> {
        self.tokens
            .get(&secret_digest(token))
            .filter(|(_, ends)| *ends > now)
            .map(|(station, _)| station.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-05-20T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn the_sixth_failure_for_a_name_is_locked_and_other_names_are_not() {
        let mut throttle = LoginThrottle::default();
        let address: IpAddr = "192.0.2.7".parse().unwrap();
        for _ in 0..FAILURES_PER_NAME {
            assert!(throttle.begin(address, "olena", now()));
        }
        assert!(throttle.locked(address, "Olena", now()));
        assert!(!throttle.locked(address, "petro", now()));
        assert!(!throttle.locked("192.0.2.8".parse().unwrap(), "olena", now()));
        let later = now() + chrono::Duration::minutes(16);
        assert!(!throttle.locked(address, "olena", later));
        // A success takes its attempt back.
        assert!(throttle.begin(address, "petro", later));
        throttle.succeeded(address, "petro");
        for _ in 0..FAILURES_PER_NAME - 1 {
            assert!(throttle.begin(address, "petro", later));
        }
        assert!(!throttle.locked(address, "petro", later));
    }

    #[test]
    fn the_lock_lasts_fifteen_minutes_from_the_failure_that_reached_the_limit() {
        let mut throttle = LoginThrottle::default();
        let address: IpAddr = "192.0.2.9".parse().unwrap();
        for minute in [0, 1, 2, 3, 14] {
            throttle.begin(address, "olena", now() + chrono::Duration::minutes(minute));
        }
        let at = |minute| now() + chrono::Duration::minutes(minute);
        assert!(
            throttle.locked(address, "olena", at(15)),
            "still locked a minute later"
        );
        assert!(throttle.locked(address, "olena", at(28)));
        assert!(!throttle.locked(address, "olena", at(30)));
    }

    #[test]
    fn twenty_failures_lock_the_address() {
        let mut throttle = LoginThrottle::default();
        let address: IpAddr = "192.0.2.7".parse().unwrap();
        for n in 0..FAILURES_PER_ADDRESS {
            assert!(throttle.begin(address, &format!("name{n}"), now()));
        }
        assert!(throttle.locked(address, "someone-new", now()));
    }

    #[test]
    fn sessions_expire_when_idle_and_after_eight_hours() {
        let mut sessions = Sessions::default();
        let user = User {
            name: "olena".into(),
            role: Role::Guide,
            created_at: now(),
            changed_at: now(),
            tokens: 0,
            generation: 0,
        };
        let (cookie, _) = sessions.open(Some(&user), now());
        assert!(
            sessions
                .signed(&cookie, now() + chrono::Duration::minutes(29))
                .is_some()
        );
        assert!(
            sessions
                .signed(&cookie, now() + chrono::Duration::minutes(29 + 31))
                .is_none()
        );
        let (cookie, _) = sessions.open(Some(&user), now());
        let mut at = now();
        for _ in 0..20 {
            at += chrono::Duration::minutes(25);
            let _ = sessions.signed(&cookie, at);
        }
        assert!(sessions.signed(&cookie, at).is_none(), "over 8 hours");
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let peer = SocketAddr::new(proxy, 5000);
        let forwarded = Some("198.51.100.9, 203.0.113.5");
        assert_eq!(client_address(peer, forwarded, &[]), proxy);
        assert_eq!(
            client_address(peer, forwarded, &[proxy]),
            "203.0.113.5".parse::<IpAddr>().unwrap()
        );
        let other = SocketAddr::new("192.0.2.1".parse().unwrap(), 5000);
        assert_eq!(client_address(other, forwarded, &[proxy]), other.ip());
        // A hop that is not an address ends the walk: nothing the client wrote before it counts.
        let odd = Some("198.51.100.9, 203.0.113.5:443");
        assert_eq!(client_address(peer, odd, &[proxy]), proxy);
    }

    #[test]
    fn a_panel_opens_for_the_pin_and_five_wrong_ones_lock_the_station_for_a_minute() {
        let mut panels = Panels::default();
        let PanelAnswer::Open(token, ends) = panels.answer("hall", true, now()) else {
            panic!("the right PIN opens the panel");
        };
        assert_eq!(panels.station(&token, now()).as_deref(), Some("hall"));
        assert_eq!(panels.station(&token, ends), None, "ten minutes");
        for _ in 0..4 {
            assert_eq!(panels.answer("hall", false, now()), PanelAnswer::Wrong);
        }
        assert!(matches!(
            panels.answer("hall", false, now()),
            PanelAnswer::Locked(_)
        ));
        assert!(matches!(
            panels.answer("hall", true, now()),
            PanelAnswer::Locked(_)
        ));
        assert_eq!(panels.answer("other", false, now()), PanelAnswer::Wrong);
        let later = now() + chrono::Duration::seconds(61);
        assert!(matches!(
            panels.answer("hall", true, later),
            PanelAnswer::Open(..)
        ));
    }

    #[test]
    fn address_ranges_contain_what_they_should() {
        let lan: Cidr = "192.168.1.0/24".parse().unwrap();
        assert!(lan.contains("192.168.1.77".parse().unwrap()));
        assert!(!lan.contains("192.168.2.1".parse().unwrap()));
        let one: Cidr = "127.0.0.1".parse().unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()));
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        let all: Cidr = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains("8.8.8.8".parse().unwrap()));
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("nonsense".parse::<Cidr>().is_err());
    }
}

/// Requests per address in a fixed window of an hour (the public booking form and API): the
/// count of an address restarts an hour after its first request. At most 10,000 addresses are
/// remembered; past that, windows already over are forgotten first, then the oldest.
#[derive(Debug, Default)]
pub struct AddressWindow {
    windows: std::collections::HashMap<std::net::IpAddr, (std::time::Instant, u32)>,
}

const ADDRESS_WINDOW: std::time::Duration = std::time::Duration::from_secs(3600);
const MAX_ADDRESSES: usize = 10_000;

impl AddressWindow {
    /// Counts a request from `address`: false when it is over `limit` for this hour.
    pub fn allow(
        &mut self,
        address: std::net::IpAddr,
        limit: u32,
        now: std::time::Instant,
    ) -> bool {
        if self.windows.len() >= MAX_ADDRESSES && !self.windows.contains_key(&address) {
            self.windows
                .retain(|_, (started, _)| now.duration_since(*started) < ADDRESS_WINDOW);
            if self.windows.len() >= MAX_ADDRESSES
                && let Some(oldest) = self
                    .windows
                    .iter()
                    .min_by_key(|(_, (started, _))| *started)
                    .map(|(address, _)| *address)
            {
                self.windows.remove(&oldest);
            }
        }
        let window = self.windows.entry(address).or_insert((now, 0));
        if now.duration_since(window.0) >= ADDRESS_WINDOW {
            *window = (now, 0);
        }
        window.1 = window.1.saturating_add(1);
        window.1 <= limit
    }
}

#[cfg(test)]
mod address_window_tests {
    use super::*;

    #[test]
    fn an_address_gets_its_limit_per_hour_and_others_are_not_held_back() {
        let mut window = AddressWindow::default();
        let now = std::time::Instant::now();
        let one: std::net::IpAddr = "10.0.0.1".parse().unwrap();
        let two: std::net::IpAddr = "10.0.0.2".parse().unwrap();
        assert!((0..3).all(|_| window.allow(one, 3, now)));
        assert!(!window.allow(one, 3, now));
        assert!(window.allow(two, 3, now));
        assert!(window.allow(one, 3, now + ADDRESS_WINDOW));
    }

    #[test]
    fn the_memory_of_addresses_stays_bounded() {
        let mut window = AddressWindow::default();
        let now = std::time::Instant::now();
        for n in 0..(MAX_ADDRESSES as u32 + 50) {
            let address = std::net::IpAddr::from(std::net::Ipv4Addr::from(n));
            window.allow(
                address,
                5,
                now + std::time::Duration::from_millis(u64::from(n)),
            );
        }
        assert!(window.windows.len() <= MAX_ADDRESSES);
    }
}
