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

## Guide PIN and the guide panel on the kiosk
guide-no-data-dir = No data directory found: pass --data-dir DIR.
guide-pin-prompt = New guide PIN (4–8 digits):{" "}
guide-pin-repeat = Repeat the PIN:{" "}
guide-pin-mismatch = The PINs differ; nothing was changed.
guide-pin-format = A PIN is 4 to 8 digits (0–9), nothing else; nothing was changed.
guide-pin-no-terminal = No terminal to ask for the PIN; pass it with --stdin
guide-pin-saved = Guide PIN saved (as a salted hash) in { $path }
