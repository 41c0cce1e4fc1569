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
