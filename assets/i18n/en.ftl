# English UI strings.

check-summary-clean = Checked { $files ->
    [one] { $files } file
   *[other] { $files } files
}: no problems.
check-summary-problems = Checked { $files ->
    [one] { $files } file
   *[other] { $files } files
}: { $problems ->
    [one] { $problems } problem
   *[other] { $problems } problems
}.
check-note = note

exhibit-touch-to-start = Touch to start
exhibit-choose-audience = Who is playing?
exhibit-progress = { $done } / { $total }
exhibit-right = Right!
exhibit-almost = Almost!
exhibit-belongs-in = It goes here: { $bin }
exhibit-try-again = Try again.
exhibit-next = Next ›
exhibit-lifecycle-title = Where it goes next
exhibit-planned = Planned
exhibit-results-title = Well done!
exhibit-first-try = { $right } of { $total } on the first try
exhibit-missed = Worth remembering:
exhibit-all-right = All on the first try!
exhibit-play-again = Play again
exhibit-source = Source: { $source }
exhibit-still-playing = Still playing?
exhibit-tip = Tip: { $tip }

## ---- Guides' desk: tours, visits, visitors status, import, export, backup ----

category-school = school
category-student = students
category-adult = adults
category-family = families
category-other = other

desk-no-data-dir = No data directory found: pass --data-dir DIR or set TOURCENTRE_DATA.

input-not-a-date = "{ $value }" is not a date; write YYYY-MM-DD, e.g. 2026-04-20.
input-not-a-datetime = "{ $value }" is not a time; write 2026-04-20T09:30 (Kyiv time) or 2026-04-20T09:30:00+03:00.
input-no-such-local-time = { $value } does not exist in Kyiv time (the clocks went forward); give another time.
input-in-the-future = { $value } has not happened yet; future dates are refused.
input-not-a-number = "{ $value }" is not a whole number.
input-not-a-decimal = "{ $value }" is not a number.
input-not-expected = "{ $value }" is not what goes here: { $expected }.
input-count-out-of-range = { $value } is out of range: it must be from 1 to { $max }.
input-unknown-category = unknown category "{ $value }"; valid: { $valid }.
input-too-long = the text is too long: at most { $max } characters.
input-year-out-of-range = { $value }: the year must be from 2000 to the current one.
input-as-of-outside-year = { $value } is not in { $year }.

store-cannot-create-dir = { $path }: cannot create the data directory: { $reason }
store-not-a-database = { $path }: is not a tourcentre database (not an SQLite file, or damaged). Nothing was changed.
store-corrupt = { $path }: the database is damaged; restore it from a backup (tourcentre db backup).
store-foreign = { $path }: is another program's database, not tourcentre's. Nothing was changed.
store-newer-schema = { $path }: was written by a newer tourcentre (schema { $found }, this program knows up to { $known }); update the program.
store-read-only = { $path }: cannot write: the file or its directory is read-only.
store-disk-full = { $path }: cannot write: the disk is full.
store-busy = { $path }: the database is busy with another program; try again.
store-failed = { $path }: database error: { $reason }

tour-not-found = No tour has the id "{ $id }". See: tourcentre tour list
tour-ambiguous-id = Several tours start with "{ $id }"; type more of the id.
tour-already-ended = Tour { $id } already ended at { $at }.
tour-end-before-start = Tour { $id } started at { $at }; it cannot end before that.
tour-started = Tour started at { $at }: { $group }, { $size } { $size ->
    [one] person
   *[other] people
}. To end it: tourcentre tour end { $id }
tour-ended = Tour { $id } ended at { $at }: { $group }, { $size } { $size ->
    [one] person
   *[other] people
}, took { $hours } h { $minutes } min.
tour-list-open = Open tours: { $count }
tour-list-ended = Ended tours on { $date }: { $count }
day-total = Visitors on { $date }: { $count }
visit-added = Added { $count } { $count ->
    [one] visitor
   *[other] visitors
} ({ $category }) on { $date }. Day total: { $total }.

status-title = Visitors in { $year } as of { $date }
status-to-date = So far: { $count } of { $target } ({ $percent }%)
status-expected = Expected by this day: { $expected }
status-projected = Projected for the year: { $projected }
status-required = Needed per open day: { $required } ({ $days } open days left)
status-target-met = The year's target is met!
status-no-days-left = No open days left; { $missing } short of the target.
status-pace = Status: { $status ->
    [on_track] on track: the projection reaches the target
    [at_risk] at risk: the projection is below the target but at least 90% of it
   *[off_track] off track: the projection is below 90% of the target
}
status-bookings = Booked ahead (confirmed): { $booked }; no-show rate: { $rate }; secured by the year end: { $secured }
status-by-category = By category: { $list }
status-by-month = By month: { $list }

import-bad-header = the first line must be the header date,count,category or date,count,category,note; found "{ $found }"
import-bad-columns = expected 3 or 4 columns (date,count,category[,note]), found { $found }
import-unreadable = { $file }: cannot read: { $reason }
import-rejected = File rejected: { $problems } { $problems ->
    [one] problem
   *[other] problems
}. Nothing was imported.
import-no-rows = { $file }: the file has only the header, no visits. Nothing was imported.
import-done = Imported from { $file }: { $rows } { $rows ->
    [one] row
   *[other] rows
}, { $visitors } { $visitors ->
    [one] visitor
   *[other] visitors
}.
import-already-imported = This content was already imported (file { $file }, { $at }); importing it again would count its visitors twice. Nothing was changed.
import-was-exported = This content was exported from this same store (file { $file }, { $at }); its visitors are already here. Nothing was changed.
export-failed = { $file }: cannot write: { $reason }
export-done = Exported to { $file }: { $rows } { $rows ->
    [one] row
   *[other] rows
}.
backup-failed = { $path }: no backup made: { $reason }
backup-done = Backup saved: { $file } ({ $visits } visit records, { $tours } tours).
## Guide PIN and the guide panel on the kiosk
guide-pin-prompt = New guide PIN (4–8 digits):{" "}
guide-pin-repeat = Repeat the PIN:{" "}
guide-pin-mismatch = The PINs differ; nothing was changed.
guide-pin-format = A PIN is 4 to 8 digits (0–9), nothing else; nothing was changed.
guide-pin-no-terminal = No terminal to ask for the PIN; pass it with --stdin
guide-pin-saved = Guide PIN saved (as a salted hash) in { $path }
guide-panel-title = Guide panel
guide-pin-not-set = No guide PIN is set yet. To enable the panel, run on the centre's computer:
guide-pin-unreadable = The guide PIN cannot be read: { $reason }
pin-file-failed = { $path }: { $reason }
pin-hash-failed = the PIN could not be hashed: { $reason }
pin-corrupt = { $path }: not a PIN hash written by tourcentre ({ $reason }); set the PIN again
guide-close = Close
guide-enter-pin = Enter the guide PIN
guide-wrong-pin = Wrong PIN. Try again.
guide-erase = Erase
guide-today = Today: { $count } { $count ->
    [one] visitor
   *[other] visitors
}
guide-year = { $year }: { $count } of { $target } ({ $percent }%)
guide-asking = Asking the store…
guide-waiting = Waiting to be written: { $count } { $count ->
    [one] game
   *[other] games
}
guide-store-problem = The store cannot be used: { $reason }. Games are kept in memory and written later.
guide-open-tours = Open tours
guide-no-open-tours = No open tours
guide-tour-line = { $size } { $size ->
    [one] person
   *[other] people
}, since { $time }
guide-end-tour = End
guide-new-tour = New tour
guide-group-size = { $size } { $size ->
    [one] person
   *[other] people
}
guide-start-tour = Start the tour
guide-volume = Volume: { $percent }%
guide-more-tours = …and { $count } more (all: tourcentre tour list)

## Green City indicators: `indicators`, `report`, `export`

centre-figures-no-data-dir = No data directory found (--data-dir or TOURCENTRE_DATA), so the centre's indicators have no data.
centre-figures-no-store = There is no visitor database in { $path } yet, so the centre's indicators have no data.
report-written = Report written: { $files ->
    [one] { $files } file
   *[other] { $files } files
}. Open { $path }
export-written = Open data written: { $files ->
    [one] { $files } file
   *[other] { $files } files
}. Package description: { $path }
skipped = skipped
example-note = Marked [EXAMPLE]: demonstration data, not real observations.
example-mark = EXAMPLE
table-id = Id
table-psr = Type
table-unit = Unit
table-better = Better when
table-data = Data
table-name = Name
table-latest = Latest value
table-light = Light
table-progress = Progress
table-score = Score
psr-pressure = Pressure
psr-state = State
psr-response = Response
better-higher = higher
better-lower = lower
data-from-store = from the centre's database
data-none = no data
light-green = green
light-amber = amber
light-red = red
light-none = not rated
progress-target_achieved = target achieved
progress-substantial_progress = substantial progress
progress-moderate_progress = moderate progress
progress-limited_progress = limited progress
progress-deterioration = deterioration
progress-not_available = not available
pace-on_track = The year is on track: the projection reaches the target.
pace-at_risk = The target is at risk: the projection is below it, but at least 90%.
pace-off_track = The year is behind: the projection is below 90% of the target.
sector-solid-waste = Municipal solid waste
sector-air-quality = Air quality
sector-green-space = Green space
sector-buildings = Energy use of buildings
sector-awareness = Environmental education
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

report-title = Khmelnytskyi Green City Action Plan indicators
report-generated = Report as of { $date }. Prepared with tourcentre for the Department of Economics.
report-contents = Contents
report-summary = Summary
report-indicator = Indicator
report-sector = Sector
report-psr-short = Type
report-psr = Type (pressure – state – response)
report-latest = Latest value
report-light = Traffic light
report-progress = Progress
report-score = Score (–5…5)
report-light-legend = The traffic light compares the latest value with the indicator's benchmark (green: good, amber: room to improve, red: action needed). Progress follows the Open SDG / Statistics Canada method; the score runs from –5 to 5.
report-example-banner = EXAMPLE: this indicator shows demonstration data, not real observations. Do not base decisions on it.
report-example-chart = EXAMPLE – demonstration data
report-centre-title = The Tour Centre: visits and awareness
report-centre-intro = The centre counts these itself: guides register visitors, and the sorting exhibit records every game.
report-centre-to-date = Visitors registered as of { $date }: { $count } of the { $target } planned for the year.
report-centre-expected = The plan expected by this date: { $expected }.
report-centre-projected = Projected for the year end: { $projected }.
report-centre-required = Visitors needed on every open day left to reach the target: { $required }.
report-centre-secured = Confirmed bookings to the year end: { $booked } visitors; no-show rate so far: { $rate }; with those already registered, { $secured } visitors are secured by the year end.
report-centre-footer = Source: visitor database of the Tour Centre of KP "Spetskomuntrans"
report-pace-title = Visitors in { $year }, cumulative
report-pace-subtitle = visitors since 1 January
report-pace-target = Target for the year: { $target }
report-pace-actual = Registered
report-pace-expected = Plan by open days
report-pace-secured = Secured by bookings
report-months-title = Visitors by month, { $year }
report-months-subtitle = visitors per month; grey: the year before
report-accuracy-title = Sorted right on the first try at the exhibit
report-accuracy-subtitle = share of items sorted right on the first try, by month, %
report-accuracy-label = On the first try
report-missed-chart-title = What is sorted wrong most often, { $year }
report-missed-subtitle = missed on the first try / all answers; beside each, the right bin
report-missed-title = What tours should explain
report-missed-item = Item
report-missed-bin = Right bin
report-missed-count = Missed / answers
report-details = About the indicator
report-unit = Unit
report-better = Better when the value is
report-base-year = Base year
report-target = Target
report-limit = Natural limit
report-benchmark = Benchmark
report-benchmark-bands = green { $green }, red { $red }
report-benchmark-unverified = The source of these thresholds is unverified.
report-source = Source
report-data-file = Data
report-data-from-store = computed from the centre's database
report-data-table = Data
report-year = Year
report-value = Value
report-units = Units
report-observed = Observed
report-band-green = green band
report-band-amber = amber band
report-band-red = red band
report-chart-svg = Chart as SVG
report-chart-alt = Chart: { $name }
report-breakdown-title = { $name }: by “{ $column }”
report-breakdown-some = { $unit }; { $shown } of { $count } shown
web-indicator-by = By disaggregation
web-indicator-by-column = Disaggregation
web-indicator-by-values = Values of
web-indicator-by-show = Show on the chart
web-indicator-by-alt = Chart: a line for each chosen value of
report-progress-sentence = From { $base } in { $baseyear } to { $current } in { $currentyear }: { $status }.
report-unmeasurable-no_data = There is no data yet, so progress cannot be measured.
report-unmeasurable-no_data_since_base_year = There is no data since the base year, so progress cannot be measured.
report-unmeasurable-one_data_point = There is only one value since the base year; measuring progress needs at least two years.
report-unmeasurable-sign_change = The values changed sign (from positive to negative or back), so a growth rate means nothing.
report-unmeasurable-target_year_not_after_base = The target year is not after the data's base year, so progress toward the target cannot be measured.
report-unmeasurable-base_on_target = The base value equals the target, which is not met now: the required growth is zero, so there is no ratio.
report-unmeasurable-target_across_zero = The target and the base value lie on opposite sides of zero, so no growth rate joins them.
report-skipped-no-data = indicator "{ $id }" has no data yet, so it has no chart
report-left-out = Left out of this report
report-method-title = How progress is measured
report-method = For each indicator, the compound annual growth rate is computed from the base year (the first year with data, not before the one defined) to the latest year with data. With a target, it is compared with the rate needed to reach the target on time: a ratio of 0.95 or more is substantial progress, from 0.6 moderate, from 0 limited, below 0 deterioration. Without a target, it is compared with fixed rates of 1.5% and 0.5% a year (reduced near a natural limit). A zero base value is replaced by 0.001; when values change sign or only one year is available, progress is not measured. The score from –5 to 5 is computed as Open SDG does.
report-footer = Report made with tourcentre. Indicator data comes from the files in indicators/; the centre's figures from its visitor database.
export-unknown-licence = --license { $given }: unknown licence; use one of: { $known }
export-nothing = Nothing to export: no indicator has data yet, and the visitor database is empty or missing. Nothing was written.
export-bad-id = indicator "{ $id }": the id cannot name an open-data file (lowercase Latin letters, digits, '-', '_' only); left out of the export
export-repeated-column = indicator "{ $id }": column "{ $column }" would be blank or appear twice in the exported header; left out of the export
export-cannot-build = cannot build { $file }: { $reason }
export-derived-no-data = indicator "{ $id }" is computed from the centre's database, which has no figures for it yet ({ $kind ->
    [visits] visits count by finished years only
   *[accuracy] the exhibit has not recorded a game yet
}); left out of the export
export-no-data = indicator "{ $id }" has no data yet (no data/{ $id }.csv); left out of the export
export-no-store = no visitor database: { $file } left out
export-name-taken = indicator "{ $id }" already has the name { $file }; monthly visits left out
export-no-visits = no visits registered yet: { $file } left out
export-removed-old = removed a file of the earlier export that the package no longer holds: { $file }
unit-visits = visits
unit-kg-per-person-year = kg per person a year
unit-percent-of-2020 = % of the 2020 amount
unit-years = years
unit-ug-per-m3 = µg/m³
unit-m2-per-person = m² per person
unit-kwh-per-m2-year = kWh/m² a year
tour-games = { $count } { $count ->
    [one] game
   *[other] games
} at the exhibit
store-older-schema = { $path }: was written by an older tourcentre (schema { $found }, this program has { $known }); any guide command (tour list) brings it up to date.
why-no_data = no data
why-no_data_since_base_year = no data since the base year
why-one_data_point = one year only
why-sign_change = sign change
why-target_year_not_after_base = target year passed
why-base_on_target = base equals target
why-target_across_zero = target across zero
exhibit-more-missed = and { $count } { $count ->
    [one] more item
   *[other] more items
}

## Accounts of the centre server
user-exists = There is already a user "{ $name }".
user-not-found = There is no user "{ $name }". See: tourcentre user list
visit-not-found = No walk-in record has the id "{ $id }".
input-bad-user-name = "{ $value }" is not a user name: 1 to 64 letters, digits, dots, "_" or "-", no spaces.
input-unknown-role = Unknown role "{ $value }"; valid: guide, economist, admin.
input-password-too-short = The password is too short: at least { $min } characters.
input-unknown-choice = "{ $value }" is not one of the choices.
input-missing = This field is required.

## The centre server's pages
web-title = Tour Centre
web-centre = Tour Centre
web-skip = Skip to the content
web-language = Language
web-menu = Menu
web-logout = Sign out
web-login-title = Sign in
web-username = User name
web-password = Password
web-login = Sign in
web-login-wrong = Wrong user name or password.
web-login-locked = Too many failed attempts. Try again in 15 minutes.
web-not-found-title = Page not found
web-not-found = There is no such page. The address may be mistyped.
web-to-start = To the start page
web-unauthorized = Please sign in.
web-forbidden = This page is not for your role.
web-csrf = The form is out of date or was not sent from this site. Open the page again and repeat.
web-internal = The server had a problem; it is in the log. Please try again.
web-bad-form = The form is not filled in as expected
web-menu-today = Today
web-menu-year = Year
web-menu-tours = Tours
web-menu-indicators = Indicators
web-figures = Figures
web-today-visitors = { $count ->
    [one] { $count } visitor today
   *[other] { $count } visitors today
}
web-today-year = This year: { $count } of { $target } ({ $percent } %)
web-open-tours = Open tours
web-no-open-tours = No open tours.
web-end-tour = End
web-start-tour = Start a tour
web-group = Group
web-size = People
web-guide = Guide
web-note = Note
web-start = Start
web-add-walk-ins = Add walk-in visitors
web-count = How many people
web-category = Category
web-add = Add
web-ended-tours = Ended today
web-recent = Latest entries
web-recent-visit = { $count } — { $category }, { $date }
web-recent-tour = Tour: { $group }, { $size }, { $at }
web-undo = Undo a mistaken entry
web-void-reason = Reason
web-void = Void the entry
web-nothing-recent = No entries yet.
web-year-to-date = Came so far
web-year-expected = Expected by today
web-year-projected = Projected for the year
web-year-booked = Booked ahead (confirmed)
web-year-no-show = No-show rate of bookings
web-year-secured = Secured by the year end (with bookings)
web-year-required = Needed per open day
web-year-days-left = open days left
web-pace-on_track = On track: the projection reaches the target.
web-pace-at_risk = At risk: the projection is at least 90 % of the target.
web-pace-off_track = Off track: the projection is below 90 % of the target.
web-by-category = By category
web-by-month = By month
web-month = Month
web-visitors = Visitors
web-visitors-lower = visitors
web-date = Date
web-show = Show
web-time = Time
web-games = Exhibit games
web-no-tours = No tours that day.
serve-cannot-listen = Cannot listen on { $address }: { $reason }
serve-stopped = The server stopped: { $reason }
serve-seeded = Indicators copied to { $path }: the department edits them there from now on.
record-voided = Record { $id } voided ({ $reason }); it no longer counts and stays in the audit log.
user-added = Added user { $name } with the role { $role }.
user-removed = User { $name } removed; their sessions and tokens no longer work.
user-password-set = Password of { $name } changed; their sessions and tokens no longer work.
user-password-prompt = New password (at least 8 characters):{" "}
user-password-repeat = Repeat the password:{" "}
user-password-mismatch = The passwords differ; nothing was changed.
user-password-no-terminal = No terminal to ask for the password; pass it with --password-stdin
user-token-once = This is an API token; it is shown only once. Keep it where it is needed.
user-tokens-revoked = { $name }: { $count } tokens revoked.
user-none = No users yet. Add the first: tourcentre user add NAME --role admin
user-token-count = { $count ->
    [one] { $count } token
   *[other] { $count } tokens
}
web-menu-import = Import and export
web-menu-admin = Administration
web-import-help = A UTF-8 CSV file with the columns date,count,category[,note]. The file is added whole or not at all: if any line is wrong, nothing is written.
web-import-file = CSV file
web-import = Import
web-import-no-file = Choose a CSV file.
web-import-too-large = The file is too large: { $megabytes } MB at most.
web-export = Export
web-export-link = Download every visit (CSV)
web-report-zip = Download the report (zip)
web-open-data-zip = Download the open data (zip)
web-chart-of = Chart: { $name }
web-indicator-data = Data
web-indicator-definition = Definition
web-indicator-id = Id
web-indicator-sector = Sector
web-indicator-base-year = Base year
web-value = Value
web-users = Users
web-role = Role
web-role-guide = guide
web-role-economist = economist
web-role-admin = administrator
web-tokens = API tokens
web-actions = Actions
web-change = Change
web-new-password = New password
web-set-password = Set the password
web-revoke-tokens = Revoke all tokens
web-remove-user = Remove the user
web-add-user = Add a user
web-backup = Backup
web-backup-help = One zip: the database (a snapshot taken while running), the calendar visitors.ron and the indicators. To restore: tourcentre db restore FILE with the server stopped.
web-backup-link = Download a backup (zip)
restore-done = Restored { $files } files into { $path }. The previous files are kept in { $previous }.
web-calendar = Calendar and target
web-calendar-target = Target: visits a year
web-calendar-open-days = Open weekdays
web-calendar-closed = Dates the centre is closed
web-calendar-closed-help = One date a line, YYYY-MM-DD, e.g. 2026-01-07.
web-calendar-weights = Month weights
web-calendar-use-weights = Months weigh differently (else all the same)
web-calendar-saved = The calendar is saved.
web-save = Save
web-weekday-1 = Mon
web-weekday-2 = Tue
web-weekday-3 = Wed
web-weekday-4 = Thu
web-weekday-5 = Fri
web-weekday-6 = Sat
web-weekday-7 = Sun

## Kiosk stations
station-exists = There is already a station "{ $name }".
station-not-found = There is no station "{ $name }". See: tourcentre station list
station-added = Added station { $name }. Its token above is shown only once: put it on the kiosk PC ($TOURCENTRE_STATION_TOKEN or the file station-token in the data dir).
station-removed = Station { $name } removed; its token no longer works.
station-none = No stations yet. Add one: tourcentre station add NAME
station-line = { $name }: { $state }, last seen { $seen }; version { $version }, scenario { $scenario }; rounds today { $rounds }, stored { $sessions }, waiting { $outbox }
station-state-online = online
station-state-waiting = waiting
station-state-offline = offline
station-state-never = never seen
web-menu-stations = Stations
web-stations-help = The state from the kiosk's last heartbeat: online (within 60 s), waiting (within 5 min), offline (longer).
web-station = Station
web-station-state = State
web-station-seen = Last seen
web-station-version = Version
web-station-scenario = Scenario
web-station-rounds = Rounds today
web-station-outbox = Waiting
web-station-accuracy = First try
web-stations-as-of = As of
web-refresh = Refresh
web-panel-wrong = Wrong PIN.
web-panel-locked = Too many wrong PINs in a row. Wait a minute.
## Booking visits: field names, states, checks and refusals (src/bookings)
booking-field-date = Date
booking-field-time = Time
booking-field-group = Who is coming
booking-field-size = Group size
booking-field-adults = Accompanying adults
booking-field-organisation = School or organisation
booking-field-class = Class or group
booking-field-contact-name = Contact person
booking-field-phone = Phone
booking-field-email = E-mail
booking-field-lang = Language of the tour
booking-field-needs = Special needs, accessibility
booking-field-note = Note
booking-field-consent = Consent to the processing of personal data
booking-field-reason = Reason
booking-status-requested = awaiting confirmation
booking-status-confirmed = confirmed
booking-status-declined = declined
booking-status-cancelled = cancelled
booking-status-arrived = the group came
booking-status-no-show = the group did not come
booking-missing = { $field }: please fill this in.
booking-too-long = { $field }: the text is too long, at most { $max } characters.
booking-bad-characters = { $field }: there are line breaks or control characters here; write plain text on one line.
booking-not-a-date = "{ $value }" is not a date; write YYYY-MM-DD, e.g. 2026-05-06.
booking-not-a-time = "{ $value }" is not a time; write HH:MM, e.g. 10:00.
booking-unknown-group = Unknown kind of group "{ $value }"; possible: { $valid }.
booking-unknown-lang = Unknown language "{ $value }"; possible: uk (Ukrainian), en (English).
booking-size-out-of-range = A group size of { $value } is out of range: 1 to { $max }.
booking-adults-out-of-range = { $value } accompanying adults is out of range: 0 to { $max }.
booking-larger-than-slot = With its adults the group is { $people } { $people ->
    [one] person
   *[other] people
}, and one time slot takes at most { $capacity }. Please call the centre to split the group into two visits.
booking-bad-phone = "{ $value }" is not a phone number: it needs 10 to 15 digits; spaces, dashes, brackets and a leading + are fine, e.g. +380 67 123 45 67.
booking-bad-email = "{ $value }" does not look like an e-mail address (e.g. olena@school.km.ua).
booking-no-consent = To book a visit we need your consent to the processing of personal data.
booking-slot-no-such-time = There is no tour at { $time }; choose one of the times offered.
booking-slot-passed = This time has passed; choose another.
booking-slot-too-soon = Visits are booked ahead: { $first } at the earliest. For a sooner date, please call the centre.
booking-slot-too-far = Booking is not open that far ahead yet: { $last } at the latest.
booking-slot-closed = The centre is closed on { $date }; choose another day.
booking-full = Not enough places left at this time: { $free ->
    [one] { $free } place is free
   *[other] { $free } places are free
}, and the group is { $wanted } { $wanted ->
    [one] person
   *[other] people
}. Choose another time.
booking-refused-final = The booking is already "{ $status }" and can no longer change.
booking-refused-already-confirmed = The booking is already confirmed.
booking-refused-decline-confirmed = The booking is already confirmed: to withdraw it, cancel it and give the reason.
booking-refused-not-confirmed = The booking is not confirmed yet: confirm it first.
booking-refused-cancel-deadline = The booking could be cancelled with its code until { $deadline }; now only by calling the centre.
booking-refused-no-show-too-early = A group can be marked as not come only once its visit has begun ({ $start }).
booking-refused-arrive-too-early = This booking is for { $date }: mark the group's arrival on the day of the visit.
booking-people-out-of-range = { $value } people arriving is out of range: 1 to { $max }.
booking-code-failed = Could not make a booking code: { $reason }
booking-duplicate = There is already a booking with this phone number for this time. To change it, call the centre or use the link in your confirmation.
booking-not-found = There is no booking with the code { $code }. Check the code (tourcentre booking list).
booking-changed = Booking { $code } changed meanwhile and is now "{ $status }"; nothing was changed. Look at it again.
booking-rate-limited = Too many booking requests from this address in the last hour. Try again later or call the centre.
booking-line = { $code }  { $date } { $time }  { $status }  { $organisation }: { $people } { $people ->
    [one] person
   *[other] people
} ({ $size } + { $adults } adults); { $contact }
booking-erased = contact details erased
booking-none = No bookings in this time.
booking-code-is = Booking code (for the teacher): { $code }
booking-field-call-notes = Call notes
booking-noted = Call notes of booking { $code } saved.
booking-day-closed = { $date } is closed in the calendar; bookings cancelled: { $count }. Tell the teachers:
booking-purged = Contact details erased from bookings: { $count } (visits older than retention_days in visitors.ron).
booking-erased-one = Contact details of booking { $code } erased at the person's request; the booking stays, for the statistics.
booking-erased-refused = The contact details of booking { $code } were erased: no notes are written to it any more.
web-bookings-new = Enter a booking taken by phone
web-bookings-new-help = A booking taken by phone is confirmed at once. Any open day can be chosen, today's included.
web-bookings-new-consent = The teacher agreed by phone to the processing of personal data to arrange the visit
web-bookings-new-send = Enter and confirm
web-bookings-entered = The booking is entered and confirmed.
web-today-booked = Booked for today
web-today-no-bookings = No bookings for today.
web-today-waiting = { $count ->
    [one] { $count } request waits for confirmation
   *[other] { $count } requests wait for confirmation
}
web-bookings-week = Week: { $from } – { $to }
web-bookings-weeks = Weeks
web-bookings-previous = Previous week
web-bookings-this-week = This week
web-bookings-next = Next week
web-bookings-from = Show the week from
web-bookings-show = Show
web-booking-came = came
web-booking-move = Move to another time
web-booking-move-button = Move
web-booking-notes-label = What was said on the phone
web-booking-notes-save = Save the notes
web-booking-erase = Erase contact details
web-booking-erase-help = At the person's request: name, phone, e-mail, needs and notes are erased for good. The booking stays, for the statistics.
web-booking-erase-button = Erase contact details
exhibit-no-station-token = --server needs the station's token: set TOURCENTRE_STATION_TOKEN or put it in the file station-token in the data dir (tourcentre station add NAME on the server prints it).
link-away = the centre server does not answer
link-refused = the centre server refused (code { $status })
guide-server-problem = No link to the centre server: { $reason }. Games are kept on the kiosk and sent as soon as the server answers.
guide-panel-needs-server = This kiosk's guide panel works through the centre server, which cannot be reached now ({ $reason }). Tours can be started and ended on the server's Today page or with tourcentre tour.
report-stations-title = Right at the first try, by kiosk
report-stations-station = Kiosk
report-stations-answers = Answers
report-stations-first-try = At the first try
centre-interrupted = The work stopped before it finished: { $reason }
book-title = Book a class visit
book-intro = Choose a day and time, then fill in a short form. The centre confirms the booking by phone or e-mail.
book-capacity-note = Places at one time (children and adults together):
book-free = { $count } { $count ->
    [one] place
   *[other] places
} free
book-full-slot = full
book-no-slots = No time is open for booking now. Please call the centre.
book-privacy-link = What we keep and for how long
book-form-title = About the visit
book-choose-another = Choose another time
book-form-problems = The form was not sent: please correct the fields marked below.
book-slot = Time of the visit
book-change-slot = change
book-needs-hint = For example: a wheelchair, an assistant, a need for quiet. Optional.
book-email-hint = Optional: the confirmation goes there.
book-consent = I agree to the processing of my personal data to arrange the visit
book-send = Send the booking
book-booking-title = Booking
book-thanks = Thank you! The booking has arrived. The centre will confirm it soon.
book-your-code = Booking code:
book-keep-link = Keep the code or this page's address: it shows the booking's state, and the booking can be cancelled here.
book-state = State
book-people = Children and adults
book-cancel-until = The booking can be cancelled here until
book-cancel = Cancel the booking
book-cancel-call = The booking can now be cancelled or changed only by calling the centre.
book-another = Book another visit
book-privacy-title = Personal data in a booking
book-privacy-who = The Tour Centre of KP "Spetskomuntrans" keeps a booking's data on its own server and uses it only to arrange your visit: to confirm it, and to tell you of changes or a cancellation.
book-privacy-what = We keep the contact person's name, the phone number, the e-mail address (if you gave one), the group's special needs and the note.
book-privacy-how-long = These are erased automatically this many days after the visit:
book-privacy-counts = After that only the date, the group's size and the school remain, for the centre's visitor figures.
book-privacy-rights = To correct your data or have it erased sooner, call the centre: a guide erases it at your request, and the booking stays only as a record for the statistics. Cancelling a booking does not by itself erase the data.
book-trap = Leave this field empty
book-trap-refused = The form could not be sent. Please call the centre.
book-not-a-number = "{ $value }" is not a number; write it in digits, e.g. 24.
book-later = The next three weeks
web-menu-bookings = Bookings
web-bookings-pending = Waiting for confirmation:
web-bookings-closed = Closed:
web-bookings-tell = Tell the teachers of the cancellation:
web-bookings-none-to-tell = There were no bookings on this day.
web-booking-confirm = Confirm
web-booking-decline = Decline
web-booking-cancel = Cancel
web-booking-arrived = The group came
web-booking-people-came = Came (children and adults)
web-booking-no-show = Did not come
web-bookings-close-day = Close a day at short notice
web-bookings-close-help = An air-raid alert, a power cut: every booking of the day is cancelled with the reason, the day is closed in the calendar, and the list of whom to call appears below.
web-bookings-close-button = Close the day and cancel its bookings

## Mail to teachers
mail-subject-requested = Tour Centre: visit request for { $date } at { $time } received
mail-subject-confirmed = Tour Centre: visit on { $date } at { $time } confirmed
mail-subject-declined = Tour Centre: the visit on { $date } at { $time } cannot take place
mail-subject-moved = Tour Centre: visit moved to { $date } at { $time }
mail-subject-cancelled = Tour Centre: visit on { $date } at { $time } cancelled
mail-subject-results = Tour Centre: your class's results after the visit on { $date }
mail-greeting = Dear { $name },
mail-greeting-plain = Hello,
mail-requested = We have received your request to visit the Tour Centre. The centre's staff will check it and confirm it soon.
mail-confirmed = Your visit is confirmed. We look forward to seeing you!
mail-confirmed-by-phone = As agreed on the phone, your visit is booked and confirmed. We look forward to seeing you!
mail-declined = Unfortunately we cannot host your group at this time. Please choose another time on the booking page or call the centre.
mail-moved = Your visit has been moved to another time (below). If it does not suit you, please call the centre.
mail-cancelled = Unfortunately your visit has been cancelled.
mail-cancelled-by-you = As you asked, the booking is cancelled.
mail-results = Thank you for your visit! Here is what the class did at the interactive waste-sorting exhibit, for a talk in the classroom.
mail-results-play = Rounds played: { $rounds }; items sorted: { $answers }; right at the first try: { $percent } %.
mail-results-no-play = This time the class did not play at the sorting exhibit.
mail-results-classroom = For a lesson: recall together which bin takes paper, plastic, glass and metal, what happens to them next, and why hazardous waste (batteries, lamps) never goes with the rest.
mail-when = When: { $date } at { $time }
mail-group = Group: { $organisation }; people: { $people } (children: { $size }, adults: { $adults })
mail-group-people = People: { $people } (children: { $size }, adults: { $adults })
mail-status = State: { $status }
mail-reason = Reason: { $reason }
mail-code = Booking code: { $code }
mail-link = The booking's page (state, cancellation): { $url }
mail-reply = Any questions? Reply to this mail or call the centre.
mail-signature = Tour Centre of KP "Spetskomuntrans", Khmelnytskyi
tell-title = Tell the teachers
tell-intro = Call the teacher, say what happened, and mark it "Told".
tell-event-confirmed = Visit confirmed
tell-event-declined = Request declined
tell-event-moved = Visit moved
tell-event-cancelled = Visit cancelled
tell-why-no-mail = no mail is sent
tell-why-no-email = no e-mail address
tell-why-mail-failed = the mail did not go through
tell-told = Told
tell-mail-broken = No mail goes to teachers while the mail settings file has problems:
booking-tell-none = Nobody needs to be told.
booking-tell-line = { $id }  { $what }: { $date } { $time }  { $organisation } — { $contact } { $phone } ({ $why })
booking-told = Marked: the teacher was told ({ $what }, { $organisation }).
notice-not-found = There is no notice { $id }. The list: tourcentre booking tell.
notice-closed = Notice { $id } is closed already: the mail was sent, the teacher was told, or the booking changed meanwhile.
serve-mail-on = mail: mail to teachers goes through { $server }:{ $port } ({ $security })
serve-mail-off = mail: no settings ({ $file }); guides tell the teachers by phone
serve-mail-broken = mail: the settings file has problems, no mail is sent:
## Class results and the bookings feed
results-title = Your class at the kiosks
results-privacy = Only the rounds of the sorting game played during your visit, added up: no child is named or tracked.
results-rounds = Rounds played
results-answers = Items sorted
results-first-try = Right at the first try
results-missed-title = What most often went into the wrong bin
results-goes-to = belongs in:
results-missed-count = wrong at the first try: { $missed } of { $answers }
results-none-played = The class did not play at the kiosks during the visit.
results-none-missed = Every item went into the right bin at the first try. Well done!
results-later = The class's results at the kiosks appear here after the visit.
results-print = This page can be printed: the results fit on one A4 sheet.
results-link = The class's results
results-line = At the kiosks: { $rounds } rounds, { $answers } items, { $right } right at the first try ({ $share })
results-missed-line = { $item } — { $bin } (wrong at the first try: { $missed } of { $answers }).
feed-title = Calendar on a phone
feed-help = An address for the calendar on a guide's phone (subscribe by URL): the confirmed bookings of the coming months, without the teachers' phones, names and e-mails. Whoever has the address sees the bookings: revoke it if the phone is lost.
feed-label = Label (whose phone)
feed-make = Make a calendar address
feed-made = The address is made. It is shown only now: add it to the phone's calendar.
feed-address = Calendar address
feed-none = No calendar addresses yet.
feed-no-label = no label
feed-revoke = Revoke
feed-token-once = The token is shown only once. A phone's calendar subscribes to the server's address { $path }
feed-revoked = Calendar addresses revoked: { $count }
feed-calendar-name = Tour Centre: bookings
feed-summary = { $organisation } · { $size } + { $adults }
feed-came = { $people } came

## Indicator data entry
indicator-unknown = There is no indicator "{ $id }".
indicator-derived = Indicator "{ $id }" is derived from the centre's store: it takes no values.
indicator-conflict = The value changed while you were looking: it is now { $current }. Check it, and save again if yours is right.
indicator-conflict-blank = The value changed while you were looking: it is now blank. Check it, and save again if yours is right.
indicator-write-failed = { $file }: cannot write it ({ $reason }); the file is as it was.
indicator-changed-outside = changed outside the server (the file was edited by hand)
indicator-definition-changed-outside = changed outside the server (the definition file was edited by hand)
indicator-entry-title = Data entry
indicator-entry-table = Values by year; choose a value to correct it
indicator-entry-headline = Headline series
indicator-entry-form = Add or correct a value
indicator-entry-year = Year
indicator-entry-series-hint = Leave the disaggregations blank for the headline series.
indicator-entry-value = Value
indicator-entry-value-hint = Write decimals with a dot: 12.5. An empty field blanks that year's value.
indicator-entry-source = Source of the value (optional)
indicator-entry-comment = Comment: why the change
indicator-entry-save = Save
indicator-entry-saved = Saved.
indicator-entry-not-saved = Not saved: correct what is marked below.
indicator-entry-confirm = Yes, this value is right
indicator-entry-implausible-more = This is more than three times the { $year } value ({ $previous }). If it is right, say so below and save again.
indicator-entry-implausible-less = This is under a third of the { $year } value ({ $previous }). If it is right, say so below and save again.
indicator-history = History of changes
indicator-history-at = When
indicator-history-user = Who
indicator-history-what = What changed
indicator-history-old = Was
indicator-history-new = Now
indicator-history-comment = Comment
indicator-history-restore-column = Restore
indicator-history-restore = Restore { $value } for { $year }
indicator-history-none = No changes yet.
indicator-restored-comment = restored the value of { $at }
indicator-set-done = { $id }, { $year }{ $series }: saved { $value }
indicator-set-unchanged = { $id }, { $year }{ $series }: already { $value }, nothing changed
indicator-history-line = { $at }  { $user }  { $year }{ $series }: was { $old }, now { $new }  "{ $comment }"

## The exhibit's voice (tourcentre voice)
voice-unknown-key = The voice script has no key "{ $key }" (tourcentre voice script --lang ... lists every key). Nothing was written.
voice-no-clip = There is no clip { $file }: put the recording there first. Nothing was written.
voice-stamped = Clips stamped: { $count } (in { $dir }/made-from.tsv).

## ── Issue 17, the rest: definitions in the browser, a broken data file corrected on the page ──

indicator-define-title = Definition: target, thresholds, base year
indicator-define-hint = Numbers with a dot or a comma (12.5). Both target fields, or both thresholds, left blank: the target, or the thresholds, are removed.
indicator-define-file = Definition file
indicator-define-base-year = Base year
indicator-define-target = Target
indicator-define-target-value = Target value
indicator-define-target-year = Target year
indicator-define-benchmark = Traffic-light thresholds
indicator-define-green = Green threshold
indicator-define-red = Red threshold
indicator-define-benchmark-source = Source of the thresholds
indicator-define-benchmark-shown = green { $green }, red { $red }
indicator-define-none = none
indicator-define-save = Save the definition
indicator-define-saved = Definition saved; the changes are in the history below.
indicator-define-done = { $id }: changed { $fields }
indicator-define-unchanged = { $id }: the definition already says that, nothing changed
indicator-history-field-line = { $at }  { $user }  { $field }: was { $old }, now { $new }  "{ $comment }"
indicator-history-row = line { $line } of the file
indicator-history-row-removed = (row removed)
indicator-history-row-line = { $at }  { $user }  line { $line }: was { $old }, now { $new }  "{ $comment }"
indicator-row-changed = Line { $line } of the file was changed while you were looking. Look at it again.
indicator-fix-title = The data file does not pass the check
indicator-fix-intro = This indicator's data file was edited by hand, and the check (tourcentre check) finds problems in it. Until they are fixed, the chart and the progress are not shown. Correct the rows below: a save is accepted only when the whole file passes the check.
indicator-fix-row = Line { $line }
indicator-fix-column = Column { $number }
indicator-fix-hint = Correct all the rows named here together and save once; clear every cell of a row to remove it.
indicator-fix-save = Save the corrections
indicator-fix-still-broken = Not saved: with this correction the file still does not pass the check.
indicator-fix-more = More than a hundred rows have problems: correct the file by hand (tourcentre check names each one).
indicator-fix-table-hidden = The table of values is shown once the file passes the check.
