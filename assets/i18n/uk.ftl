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

## ---- Guides' desk: tours, visits, visitors status, import, export, backup ----

category-school = школярі
category-student = студенти
category-adult = дорослі
category-family = родини
category-other = інші

desk-no-data-dir = Не знайдено теки даних: вкажіть --data-dir ТЕКА або змінну TOURCENTRE_DATA.

input-not-a-date = «{ $value }» — не дата; пишіть РРРР-ММ-ДД, наприклад 2026-04-20.
input-not-a-datetime = «{ $value }» — не час; пишіть 2026-04-20T09:30 (за київським часом) або 2026-04-20T09:30:00+03:00.
input-no-such-local-time = { $value } не існує за київським часом (перехід на літній час); вкажіть інший час.
input-in-the-future = { $value } ще не настало; майбутні дати не приймаються.
input-not-a-number = «{ $value }» — не ціле число.
input-count-out-of-range = { $value } — поза межами: має бути від 1 до { $max }.
input-unknown-category = невідома категорія «{ $value }»; можливі: { $valid }.
input-too-long = задовгий текст: не більше { $max } символів.
input-year-out-of-range = { $value } — рік має бути від 2000 до поточного.
input-as-of-outside-year = { $value } не належить до { $year } року.

store-cannot-create-dir = { $path }: не вдалося створити теку даних: { $reason }
store-not-a-database = { $path }: це не база даних tourcentre (файл не SQLite або пошкоджений). Нічого не змінено.
store-corrupt = { $path }: базу даних пошкоджено; відновіть її з резервної копії (tourcentre db backup).
store-foreign = { $path }: це база даних іншої програми, а не tourcentre. Нічого не змінено.
store-newer-schema = { $path }: базу створила новіша версія tourcentre (схема { $found }, ця програма знає до { $known }); оновіть програму.
store-read-only = { $path }: запис неможливий — файл або тека лише для читання.
store-disk-full = { $path }: запис неможливий — диск заповнено.
store-busy = { $path }: база даних зайнята іншою програмою; спробуйте ще раз.
store-failed = { $path }: помилка бази даних: { $reason }

tour-not-found = Екскурсії з ідентифікатором «{ $id }» немає. Перегляньте: tourcentre tour list
tour-ambiguous-id = Кілька екскурсій починаються з «{ $id }»; введіть більше символів ідентифікатора.
tour-already-ended = Екскурсію { $id } уже завершено { $at }.
tour-end-before-start = Екскурсія { $id } почалася { $at }; вона не може завершитися раніше.
tour-started = Екскурсію розпочато { $at }: { $group }, { $size } { $size ->
    [one] особа
    [few] особи
   *[many] осіб
}. Завершити: tourcentre tour end { $id }
tour-ended = Екскурсію { $id } завершено { $at }: { $group }, { $size } { $size ->
    [one] особа
    [few] особи
   *[many] осіб
}, тривала { $hours } год { $minutes } хв.
tour-list-open = Відкриті екскурсії: { $count }
tour-list-ended = Завершені екскурсії за { $date }: { $count }
day-total = Відвідувачів за { $date }: { $count }
visit-added = Додано { $count } { $count ->
    [one] відвідувача
    [few] відвідувачі
   *[many] відвідувачів
} ({ $category }) за { $date }. Усього за день: { $total }.

status-title = Відвідувачі { $year } року станом на { $date }
status-to-date = Уже прийшло: { $count } з { $target } ({ $percent } %)
status-expected = Мало б бути на цей день: { $expected }
status-projected = Прогноз на кінець року: { $projected }
status-required = Потрібно щодня: { $required } (робочих днів до кінця року: { $days })
status-target-met = Річну ціль досягнуто!
status-no-days-left = Робочих днів не лишилося; до цілі бракує { $missing }.
status-pace = Стан: { $status ->
    [on_track] за планом — прогноз досягає цілі
    [at_risk] під загрозою — прогноз нижчий за ціль, але не менше 90 %
   *[off_track] відстає — прогноз нижчий за 90 % цілі
}
status-by-category = За категоріями: { $list }
status-by-month = За місяцями: { $list }

import-bad-header = перший рядок має бути заголовком date,count,category або date,count,category,note; знайдено «{ $found }»
import-bad-columns = очікувалося 3 або 4 стовпці (date,count,category[,note]), знайдено { $found }
import-unreadable = { $file }: не вдалося прочитати: { $reason }
import-rejected = Файл відхилено: { $problems } { $problems ->
    [one] проблема
    [few] проблеми
   *[many] проблем
}. Нічого не імпортовано.
import-no-rows = { $file }: у файлі лише заголовок, жодного рядка відвідувань. Нічого не імпортовано.
import-done = Імпортовано з { $file }: { $rows } { $rows ->
    [one] рядок
    [few] рядки
   *[many] рядків
}, { $visitors } { $visitors ->
    [one] відвідувач
    [few] відвідувачі
   *[many] відвідувачів
}.
import-already-imported = Цей вміст уже імпортовано (файл { $file }, { $at }); повторний імпорт подвоїв би відвідувачів. Нічого не змінено.
import-was-exported = Цей вміст експортовано з цієї ж бази (файл { $file }, { $at }); ці відвідувачі вже тут. Нічого не змінено.
export-failed = { $file }: не вдалося записати: { $reason }
export-done = Експортовано до { $file }: { $rows } { $rows ->
    [one] рядок
    [few] рядки
   *[many] рядків
}.
backup-failed = { $path }: резервну копію не створено: { $reason }
backup-done = Резервну копію збережено: { $file } (записів відвідувань: { $visits }, екскурсій: { $tours }).
## Guide PIN and the guide panel on the kiosk
guide-pin-prompt = Новий PIN гіда (4–8 цифр):{" "}
guide-pin-repeat = Повторіть PIN:{" "}
guide-pin-mismatch = PIN-коди не збігаються; нічого не змінено.
guide-pin-format = PIN — це від 4 до 8 цифр (0–9), без інших знаків; нічого не змінено.
guide-pin-no-terminal = Немає термінала, щоб запитати PIN; передайте його через --stdin
guide-pin-saved = PIN гіда збережено (як солений хеш) у { $path }
guide-panel-title = Панель гіда
guide-pin-not-set = PIN гіда ще не встановлено. Щоб увімкнути панель, виконайте на комп’ютері центру:
guide-pin-unreadable = Не вдалося прочитати PIN гіда: { $reason }
guide-close = Закрити
guide-enter-pin = Введіть PIN гіда
guide-wrong-pin = Неправильний PIN. Спробуйте ще раз.
guide-erase = Стерти
guide-today = Сьогодні: { $count } { $count ->
    [one] відвідувач
    [few] відвідувачі
   *[many] відвідувачів
}
guide-year = { $year } рік: { $count } з { $target } ({ $percent } %)
guide-asking = Запитую дані у сховища…
guide-waiting = Чекають запису: { $count } { $count ->
    [one] гра
    [few] гри
   *[many] ігор
}
guide-store-problem = Сховище недоступне: { $reason }. Ігри зберігаються в пам’яті й будуть записані пізніше.
guide-open-tours = Відкриті екскурсії
guide-no-open-tours = Відкритих екскурсій немає
guide-tour-line = { $size } { $size ->
    [one] особа
    [few] особи
   *[many] осіб
}, з { $time }
guide-end-tour = Завершити
guide-new-tour = Нова екскурсія
guide-group-size = { $size } { $size ->
    [one] особа
    [few] особи
   *[many] осіб
}
guide-start-tour = Почати екскурсію
guide-volume = Гучність: { $percent } %
guide-more-tours = …і ще { $count } (усі: tourcentre tour list)
