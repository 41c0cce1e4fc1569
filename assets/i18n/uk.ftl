# Ukrainian UI strings. Plural forms follow Ukrainian rules (one / few / many).

check-summary-clean = Перевірено { $files ->
    [one] { $files } файл
    [few] { $files } файли
   *[many] { $files } файлів
}. Проблем не знайдено.
check-summary-problems = Перевірено { $files ->
    [one] { $files } файл
    [few] { $files } файли
   *[many] { $files } файлів
}. Знайдено { $problems ->
    [one] { $problems } проблему
    [few] { $problems } проблеми
   *[many] { $problems } проблем
}.

exhibit-touch-to-start = Торкніться, щоб почати
exhibit-choose-audience = Хто грає?
exhibit-progress = { $done } / { $total }
exhibit-right = Правильно!
exhibit-almost = Майже!
exhibit-belongs-in = Це сюди: { $bin }
exhibit-try-again = Спробуй ще раз.
exhibit-next = Далі ›
exhibit-lifecycle-title = Куди це їде далі
exhibit-planned = Заплановано
exhibit-results-title = Молодець!
exhibit-first-try = { $right } з { $total } з першої спроби
exhibit-missed = Варто запам’ятати:
exhibit-all-right = Усе з першої спроби!
exhibit-play-again = Грати ще
exhibit-source = Джерело: { $source }
exhibit-still-playing = Ти ще граєш?
exhibit-tip = Порада: { $tip }

## Guide PIN and the guide panel on the kiosk
guide-no-data-dir = Не знайдено каталогу даних: вкажіть --data-dir КАТАЛОГ.
guide-pin-prompt = Новий PIN гіда (4–8 цифр):{" "}
guide-pin-repeat = Повторіть PIN:{" "}
guide-pin-mismatch = PIN-коди не збігаються; нічого не змінено.
guide-pin-format = PIN — це від 4 до 8 цифр (0–9), без інших знаків; нічого не змінено.
guide-pin-no-terminal = Немає термінала, щоб запитати PIN; передайте його через --stdin
guide-pin-saved = PIN гіда збережено (як солений хеш) у { $path }
