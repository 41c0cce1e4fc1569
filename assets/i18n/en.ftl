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
