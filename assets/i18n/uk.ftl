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
check-note = примітка

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
input-not-a-decimal = «{ $value }» — не число.
input-not-expected = «{ $value }» — не те, що тут очікується: { $expected }.
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
status-bookings = Заброньовано наперед (підтверджено): { $booked }; частка неявок: { $rate }; забезпечено до кінця року: { $secured }
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
pin-file-failed = { $path }: { $reason }
pin-hash-failed = не вдалося обчислити хеш PIN: { $reason }
pin-corrupt = { $path }: це не хеш PIN, записаний програмою tourcentre ({ $reason }); задайте PIN знову
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

## Green City indicators: `indicators`, `report`, `export`

centre-figures-no-data-dir = Теку даних не знайдено (--data-dir або TOURCENTRE_DATA), тож показники центру — без даних.
centre-figures-no-store = У { $path } ще немає бази даних відвідувань, тож показники центру — без даних.
report-written = Звіт записано: { $files ->
    [one] { $files } файл
    [few] { $files } файли
   *[many] { $files } файлів
}. Відкрийте { $path }
export-written = Відкриті дані записано: { $files ->
    [one] { $files } файл
    [few] { $files } файли
   *[many] { $files } файлів
}. Опис набору: { $path }
skipped = пропущено
example-note = Позначка [ПРИКЛАД]: демонстраційні дані, а не справжні спостереження.
example-mark = ПРИКЛАД
table-id = Код
table-psr = Тип
table-unit = Одиниця
table-better = Краще, коли
table-data = Дані
table-name = Назва
table-latest = Останнє значення
table-light = Світлофор
table-progress = Поступ
table-score = Бал
psr-pressure = Тиск
psr-state = Стан
psr-response = Реагування
better-higher = більше
better-lower = менше
data-from-store = з бази даних центру
data-none = немає даних
light-green = зелений
light-amber = жовтий
light-red = червоний
light-none = немає оцінки
progress-target_achieved = мету досягнуто
progress-substantial_progress = значний поступ
progress-moderate_progress = помірний поступ
progress-limited_progress = незначний поступ
progress-deterioration = погіршення
progress-not_available = оцінка неможлива
pace-on_track = Рік іде за планом: прогноз досягає мети.
pace-at_risk = Мета під загрозою: прогноз нижчий за мету, але не менше 90 % від неї.
pace-off_track = Рік відстає від плану: прогноз нижчий за 90 % мети.
sector-solid-waste = Тверді побутові відходи
sector-air-quality = Якість повітря
sector-green-space = Зелені зони
sector-buildings = Енергоспоживання будівель
sector-awareness = Екологічна освіта
month-short-1 = січ.
month-short-2 = лют.
month-short-3 = бер.
month-short-4 = квіт.
month-short-5 = трав.
month-short-6 = черв.
month-short-7 = лип.
month-short-8 = серп.
month-short-9 = вер.
month-short-10 = жовт.
month-short-11 = лист.
month-short-12 = груд.

report-title = Індикатори Плану дій «Зелене місто» Хмельницького
report-generated = Звіт станом на { $date }. Підготовлено програмою tourcentre для Департаменту економіки.
report-contents = Зміст
report-summary = Підсумок
report-indicator = Індикатор
report-sector = Сектор
report-psr-short = Тип
report-psr = Тип (тиск — стан — реагування)
report-latest = Останнє значення
report-light = Світлофор
report-progress = Поступ
report-score = Бал (–5…5)
report-light-legend = Світлофор порівнює останнє значення з пороговими значеннями індикатора (зелений — добре, жовтий — є над чим працювати, червоний — потрібні дії). Поступ оцінено методом Open SDG / Статистичної служби Канади; бал від –5 до 5.
report-example-banner = ПРИКЛАД: цей індикатор показує демонстраційні дані, а не справжні спостереження. Не використовуйте їх для рішень.
report-example-chart = ПРИКЛАД — демонстраційні дані
report-centre-title = Туристичний центр: відвідування та обізнаність
report-centre-intro = Ці показники центр рахує сам: відвідувачів реєструють гіди, а експозиція сортування записує кожну гру.
report-centre-to-date = Станом на { $date } зареєстровано відвідувачів: { $count } із { $target } запланованих на рік.
report-centre-expected = За планом на цю дату мало бути: { $expected }.
report-centre-projected = Прогноз на кінець року: { $projected }.
report-centre-required = Щоб досягти мети, на кожен робочий день, що залишився, потрібно відвідувачів: { $required }.
report-centre-secured = Підтверджені бронювання до кінця року: { $booked } відвідувачів; частка неявок досі: { $rate }; разом із вже зареєстрованими забезпечено { $secured } відвідувачів до кінця року.
report-centre-footer = Джерело: база даних відвідувань Туристичного центру КП «Спецкомунтранс»
report-pace-title = Відвідувачі у { $year } році наростаючим підсумком
report-pace-subtitle = відвідувачів від 1 січня
report-pace-target = Мета на рік: { $target }
report-pace-actual = Зареєстровано
report-pace-expected = План за робочими днями
report-pace-secured = Забезпечено бронюваннями
report-months-title = Відвідувачі за місяцями, { $year }
report-months-subtitle = відвідувачів за місяць; сірим — попередній рік
report-accuracy-title = Правильно з першої спроби на експозиції
report-accuracy-subtitle = частка предметів, відсортованих правильно з першої спроби, за місяцями, %
report-accuracy-label = З першої спроби
report-missed-chart-title = Що найчастіше сортують неправильно, { $year }
report-missed-subtitle = помилок з першої спроби / усіх відповідей; поруч — правильний контейнер
report-missed-title = Що варто пояснити на екскурсіях
report-missed-item = Предмет
report-missed-bin = Правильний контейнер
report-missed-count = Помилок / відповідей
report-details = Про індикатор
report-unit = Одиниця
report-better = Краще, коли значення
report-base-year = Базовий рік
report-target = Мета
report-limit = Природна межа
report-benchmark = Порогові значення
report-benchmark-bands = зелений { $green }, червоний { $red }
report-benchmark-unverified = Джерело порогових значень не перевірене.
report-source = Джерело
report-data-file = Дані
report-data-from-store = обчислено з бази даних центру
report-data-table = Дані
report-year = Рік
report-value = Значення
report-units = Одиниці
report-observed = Спостереження
report-band-green = зелена зона
report-band-amber = жовта зона
report-band-red = червона зона
report-chart-svg = Діаграма у форматі SVG
report-chart-alt = Діаграма: { $name }
report-breakdown-title = { $name }: за «{ $column }»
report-breakdown-some = { $unit }; показано { $shown } із { $count }
web-indicator-by = За розрізами
web-indicator-by-column = Розріз
web-indicator-by-values = Значення розрізу
web-indicator-by-show = Показати на графіку
web-indicator-by-alt = Графік: лінія для кожного обраного значення розрізу
report-progress-sentence = Від { $base } у { $baseyear } році до { $current } у { $currentyear } році: { $status }.
report-unmeasurable-no_data = Даних ще немає, тож поступ оцінити неможливо.
report-unmeasurable-no_data_since_base_year = Немає даних від базового року, тож поступ оцінити неможливо.
report-unmeasurable-one_data_point = Від базового року є лише одне значення; для оцінки поступу потрібно щонайменше два роки.
report-unmeasurable-sign_change = Значення змінили знак (з додатних на від'ємні чи навпаки), тож темп зростання не має сенсу.
report-unmeasurable-target_year_not_after_base = Рік мети не пізніший за базовий рік даних, тож поступ до мети оцінити неможливо.
report-unmeasurable-base_on_target = Базове значення дорівнює меті, а зараз мету не досягнуто: потрібне зростання дорівнює нулю, тож співвідношення не існує.
report-unmeasurable-target_across_zero = Мета і базове значення лежать по різні боки від нуля, тож темп зростання між ними не визначено.
report-skipped-no-data = індикатор «{ $id }» ще не має даних, тож діаграми немає
report-left-out = Що не ввійшло до звіту
report-method-title = Як оцінено поступ
report-method = Для кожного індикатора обчислено середньорічний темп зростання від базового року (першого року з даними, не раніше за визначений) до останнього року з даними. Якщо є мета, цей темп порівняно з темпом, потрібним, щоб досягти мети вчасно: співвідношення від 0,95 — значний поступ, від 0,6 — помірний, від 0 — незначний, менше 0 — погіршення. Якщо мети немає, темп порівняно з фіксованими значеннями 1,5 % і 0,5 % на рік (їх зменшено біля природної межі). Нульове базове значення чи мету замінено на 0,001; якщо значення змінили знак або є лише один рік, поступ не оцінено. Бал від –5 до 5 обчислено так само, як у Open SDG.
report-footer = Звіт створено програмою tourcentre. Дані індикаторів — з файлів у теці indicators/; показники центру — з бази даних відвідувань.
export-unknown-licence = --license { $given }: невідома ліцензія; використайте одну з: { $known }
export-nothing = Нічого експортувати: жоден індикатор ще не має даних, а база даних відвідувань порожня або відсутня. Нічого не записано.
export-bad-id = індикатор «{ $id }»: код не годиться як назва файлу відкритих даних (лише малі латинські літери, цифри, «-», «_»); не експортовано
export-repeated-column = індикатор «{ $id }»: стовпець «{ $column }» у заголовку експорту порожній або повторюється; не експортовано
export-cannot-build = не вдалося скласти { $file }: { $reason }
export-derived-no-data = індикатор «{ $id }» обчислюється з бази даних центру, а там для нього ще немає даних ({ $kind ->
    [visits] відвідування рахуються лише за завершені роки
   *[accuracy] експозиція ще не записала жодної гри
}); не експортовано
export-no-data = індикатор «{ $id }» ще не має даних (немає data/{ $id }.csv); не експортовано
export-no-store = немає бази даних відвідувань: { $file } не записано
export-name-taken = індикатор «{ $id }» уже має назву { $file }; відвідування за місяцями не записано
export-no-visits = у базі даних ще немає відвідувань: { $file } не записано
export-removed-old = вилучено файл попереднього експорту, якого вже немає в наборі даних: { $file }
unit-visits = відвідувань
unit-kg-per-person-year = кг на особу на рік
unit-percent-of-2020 = % від рівня 2020 року
unit-years = років
unit-ug-per-m3 = мкг/м³
unit-m2-per-person = м² на особу
unit-kwh-per-m2-year = кВт·год/м² на рік
tour-games = { $count } { $count ->
    [one] гра
    [few] гри
   *[many] ігор
} на експозиції
store-older-schema = { $path }: базу створила старіша версія tourcentre (схема { $found }, ця програма має { $known }); будь-яка команда гіда (tour list) оновить її.
why-no_data = немає даних
why-no_data_since_base_year = немає даних від базового року
why-one_data_point = лише один рік
why-sign_change = зміна знака
why-target_year_not_after_base = рік мети минув
why-base_on_target = база дорівнює меті
why-target_across_zero = мета по інший бік нуля
exhibit-more-missed = і ще { $count } { $count ->
    [one] предмет
    [few] предмети
   *[many] предметів
}

## Accounts of the centre server
user-exists = Користувач «{ $name }» уже є.
user-not-found = Користувача «{ $name }» немає. Перегляньте: tourcentre user list
visit-not-found = Запису про відвідувачів з ідентифікатором «{ $id }» немає.
input-bad-user-name = «{ $value }» — не ім’я користувача: від 1 до 64 літер, цифр, крапок, «_» чи «-», без пропусків.
input-unknown-role = Невідома роль «{ $value }»; можливі: guide, economist, admin.
input-password-too-short = Пароль закороткий: щонайменше { $min } знаків.
input-unknown-choice = «{ $value }» — такого варіанта немає.
input-missing = Це поле потрібно заповнити.

## The centre server's pages
web-title = Туристичний центр
web-centre = Туристичний центр
web-skip = Перейти до змісту
web-language = Мова
web-menu = Меню
web-logout = Вийти
web-login-title = Вхід
web-username = Ім’я користувача
web-password = Пароль
web-login = Увійти
web-login-wrong = Неправильне ім’я користувача або пароль.
web-login-locked = Забагато невдалих спроб. Спробуйте знову через 15 хвилин.
web-not-found-title = Сторінку не знайдено
web-not-found = Такої сторінки немає. Можливо, адресу введено з помилкою.
web-to-start = На головну
web-unauthorized = Потрібно увійти.
web-forbidden = Ця сторінка не для вашої ролі.
web-csrf = Форма застаріла або надіслана не з цієї сторінки. Відкрийте сторінку знову й повторіть.
web-internal = На сервері сталася помилка; її записано в журнал. Спробуйте ще раз.
web-bad-form = Форму заповнено не так
web-menu-today = Сьогодні
web-menu-year = Рік
web-menu-tours = Екскурсії
web-menu-indicators = Індикатори
web-figures = Показники
web-today-visitors = { $count ->
    [one] Сьогодні { $count } відвідувач
    [few] Сьогодні { $count } відвідувачі
   *[other] Сьогодні { $count } відвідувачів
}
web-today-year = За рік: { $count } з { $target } ({ $percent } %)
web-open-tours = Відкриті екскурсії
web-no-open-tours = Відкритих екскурсій немає.
web-end-tour = Завершити
web-start-tour = Почати екскурсію
web-group = Група
web-size = Кількість людей
web-guide = Гід
web-note = Примітка
web-start = Почати
web-add-walk-ins = Додати відвідувачів без екскурсії
web-count = Скільки людей
web-category = Категорія
web-add = Додати
web-ended-tours = Завершені сьогодні
web-recent = Останні записи
web-recent-visit = { $count } — { $category }, { $date }
web-recent-tour = Екскурсія: { $group }, { $size }, { $at }
web-undo = Скасувати помилковий запис
web-void-reason = Причина
web-void = Скасувати запис
web-nothing-recent = Записів ще немає.
web-year-to-date = Уже прийшло
web-year-expected = Мало б бути на цей день
web-year-projected = Прогноз на кінець року
web-year-booked = Заброньовано наперед (підтверджено)
web-year-no-show = Частка неявок за бронюваннями
web-year-secured = Забезпечено до кінця року (з бронюваннями)
web-year-required = Потрібно щодня
web-year-days-left = робочих днів лишилося
web-pace-on_track = Іде за планом: прогноз досягає мети.
web-pace-at_risk = Під загрозою: прогноз — від 90 % мети.
web-pace-off_track = Відстає: прогноз нижчий за 90 % мети.
web-by-category = За категоріями
web-by-month = За місяцями
web-month = Місяць
web-visitors = Відвідувачі
web-visitors-lower = відвідувачів
web-date = Дата
web-show = Показати
web-time = Час
web-games = Ігор на експозиції
web-no-tours = Цього дня екскурсій не було.
serve-cannot-listen = Не вдається слухати { $address }: { $reason }
serve-stopped = Сервер зупинився: { $reason }
serve-seeded = Індикатори скопійовано до { $path }: відтепер відділ редагує їх там.
record-voided = Запис { $id } скасовано ({ $reason }); він більше не рахується і лишається в журналі змін.
user-added = Додано користувача { $name } з роллю { $role }.
user-removed = Користувача { $name } вилучено; його сеанси й токени більше не діють.
user-password-set = Пароль користувача { $name } змінено; його сеанси й токени більше не діють.
user-password-prompt = Новий пароль (щонайменше 8 знаків):{" "}
user-password-repeat = Повторіть пароль:{" "}
user-password-mismatch = Паролі не збігаються; нічого не змінено.
user-password-no-terminal = Немає термінала, щоб запитати пароль; передайте його через --password-stdin
user-token-once = Це токен API; його показано лише раз. Збережіть його там, де він потрібен.
user-tokens-revoked = { $name }: відкликано токенів — { $count }.
user-none = Користувачів ще немає. Додайте першого: tourcentre user add ІМ’Я --role admin
user-token-count = { $count ->
    [one] { $count } токен
    [few] { $count } токени
   *[other] { $count } токенів
}
web-menu-import = Імпорт і експорт
web-menu-admin = Адміністрування
web-import-help = CSV-файл у UTF-8 зі стовпцями date,count,category[,note]. Файл додається повністю або не додається зовсім: якщо хоч один рядок хибний, нічого не записано.
web-import-file = Файл CSV
web-import = Імпортувати
web-import-no-file = Оберіть файл CSV.
web-import-too-large = Файл завеликий: щонайбільше { $megabytes } МБ.
web-export = Експорт
web-export-link = Завантажити всі відвідування (CSV)
web-report-zip = Завантажити звіт (zip)
web-open-data-zip = Завантажити відкриті дані (zip)
web-chart-of = Графік: { $name }
web-indicator-data = Дані
web-indicator-definition = Визначення
web-indicator-id = Ідентифікатор
web-indicator-sector = Сектор
web-indicator-base-year = Базовий рік
web-value = Значення
web-users = Користувачі
web-role = Роль
web-role-guide = гід
web-role-economist = економіст
web-role-admin = адміністратор
web-tokens = Токени API
web-actions = Дії
web-change = Змінити
web-new-password = Новий пароль
web-set-password = Задати пароль
web-revoke-tokens = Відкликати всі токени
web-remove-user = Вилучити користувача
web-add-user = Додати користувача
web-backup = Резервна копія
web-backup-help = Одна zip-копія: база даних (знімок, зроблений під час роботи), календар visitors.ron і теки індикаторів. Відновлення: tourcentre db restore ФАЙЛ при зупиненому сервері.
web-backup-link = Завантажити резервну копію (zip)
restore-done = Відновлено файлів: { $files }, у { $path }. Попередні файли збережено в { $previous }.
web-calendar = Календар і мета
web-calendar-target = Мета: відвідувань за рік
web-calendar-open-days = Робочі дні тижня
web-calendar-closed = Дати, коли центр зачинено
web-calendar-closed-help = Одна дата в рядку, РРРР-ММ-ДД, наприклад 2026-01-07.
web-calendar-weights = Вага місяців
web-calendar-use-weights = Місяці важать по-різному (інакше всі однаково)
web-calendar-saved = Календар збережено.
web-save = Зберегти
web-weekday-1 = Пн
web-weekday-2 = Вт
web-weekday-3 = Ср
web-weekday-4 = Чт
web-weekday-5 = Пт
web-weekday-6 = Сб
web-weekday-7 = Нд

## Kiosk stations
station-exists = Станція «{ $name }» уже є.
station-not-found = Станції «{ $name }» немає. Перегляньте: tourcentre station list
station-added = Додано станцію { $name }. Її токен вище показано лише раз: покладіть його на ПК кіоску ($TOURCENTRE_STATION_TOKEN або файл station-token у теці даних).
station-removed = Станцію { $name } вилучено; її токен більше не діє.
station-none = Станцій ще немає. Додайте: tourcentre station add НАЗВА
station-line = { $name }: { $state }, востаннє { $seen }; версія { $version }, сценарій { $scenario }; раундів сьогодні { $rounds }, збережено { $sessions }, у черзі { $outbox }
station-state-online = на зв’язку
station-state-waiting = мовчить
station-state-offline = не на зв’язку
station-state-never = ще не виходила на зв’язок
web-menu-stations = Станції
web-stations-help = Стан за останнім сигналом кіоску: на зв’язку (до 60 с тому), мовчить (до 5 хв), не на зв’язку (довше).
web-station = Станція
web-station-state = Стан
web-station-seen = Востаннє
web-station-version = Версія
web-station-scenario = Сценарій
web-station-rounds = Раундів сьогодні
web-station-outbox = У черзі
web-station-accuracy = З першої спроби
web-stations-as-of = Стан на
web-refresh = Оновити
web-panel-wrong = Неправильний PIN.
web-panel-locked = Забагато неправильних PIN поспіль. Зачекайте хвилину.
## Бронювання візитів: назви полів, стани, перевірки й відмови (src/bookings)
booking-field-date = Дата
booking-field-time = Час
booking-field-group = Хто приходить
booking-field-size = Розмір групи
booking-field-adults = Супровідні дорослі
booking-field-organisation = Заклад чи організація
booking-field-class = Клас чи група
booking-field-contact-name = Контактна особа
booking-field-phone = Телефон
booking-field-email = Електронна пошта
booking-field-lang = Мова екскурсії
booking-field-needs = Особливі потреби, доступність
booking-field-note = Примітка
booking-field-consent = Згода на обробку персональних даних
booking-field-reason = Причина
booking-status-requested = очікує підтвердження
booking-status-confirmed = підтверджено
booking-status-declined = відхилено
booking-status-cancelled = скасовано
booking-status-arrived = група прийшла
booking-status-no-show = група не прийшла
booking-missing = { $field }: заповніть це поле.
booking-too-long = { $field }: задовгий текст, не більше { $max } символів.
booking-bad-characters = { $field }: тут є розриви рядків чи службові символи; напишіть звичайним текстом в один рядок.
booking-not-a-date = «{ $value }» — не дата; пишіть РРРР-ММ-ДД, наприклад 2026-05-06.
booking-not-a-time = «{ $value }» — не час; пишіть ГГ:ХХ, наприклад 10:00.
booking-unknown-group = Невідомий вид групи «{ $value }»; можливі: { $valid }.
booking-unknown-lang = Невідома мова «{ $value }»; можливі: uk (українська), en (англійська).
booking-size-out-of-range = Розмір групи { $value } — поза межами: від 1 до { $max }.
booking-adults-out-of-range = Супровідних дорослих { $value } — поза межами: від 0 до { $max }.
booking-larger-than-slot = У групі з дорослими { $people } { $people ->
    [one] особа
    [few] особи
   *[many] осіб
}, а на один час приймаємо не більше { $capacity }. Зателефонуйте до центру, щоб поділити групу на два візити.
booking-bad-phone = «{ $value }» — не номер телефону: потрібно від 10 до 15 цифр; можна пробіли, дефіси, дужки і + на початку, наприклад +380 67 123 45 67.
booking-bad-email = «{ $value }» — не схоже на адресу електронної пошти (наприклад, olena@school.km.ua).
booking-no-consent = Щоб забронювати візит, потрібна ваша згода на обробку персональних даних.
booking-slot-no-such-time = О { $time } екскурсій немає; оберіть один із запропонованих часів.
booking-slot-passed = Цей час уже минув; оберіть інший.
booking-slot-too-soon = Візит бронюють заздалегідь: найраніше на { $first }. Про ближчу дату домовтеся телефоном із центром.
booking-slot-too-far = Так далеко наперед бронювання ще не відкрите: найпізніше на { $last }.
booking-slot-closed = { $date } центр не працює; оберіть інший день.
booking-full = На цей час не вистачає місць: { $free ->
    [one] вільне { $free } місце
    [few] вільні { $free } місця
   *[many] вільних { $free } місць
}, а у групі { $wanted } { $wanted ->
    [one] особа
    [few] особи
   *[many] осіб
}. Оберіть інший час.
booking-refused-final = Бронювання вже має стан «{ $status }», його більше не можна змінити.
booking-refused-already-confirmed = Бронювання вже підтверджене.
booking-refused-decline-confirmed = Бронювання вже підтверджене: щоб його зняти, скасуйте його й укажіть причину.
booking-refused-not-confirmed = Бронювання ще не підтверджене: спершу підтвердьте його.
booking-refused-cancel-deadline = Скасувати бронювання за кодом можна було до { $deadline }; тепер — лише зателефонувавши до центру.
booking-refused-no-show-too-early = Позначити, що група не прийшла, можна лише після початку візиту ({ $start }).
booking-refused-arrive-too-early = Це бронювання на { $date }: прихід групи позначають у день візиту.
booking-people-out-of-range = Кількість тих, хто прийшов, { $value } — поза межами: від 1 до { $max }.
booking-code-failed = Не вдалося створити код бронювання: { $reason }
booking-duplicate = На цей час уже є бронювання з цим номером телефону. Щоб змінити його, зателефонуйте до центру або скористайтеся посиланням із підтвердження.
booking-not-found = Бронювання з кодом { $code } немає. Перевірте код (tourcentre booking list).
booking-changed = Бронювання { $code } тим часом змінилося, тепер його стан «{ $status }»; нічого не змінено. Перегляньте його ще раз.
booking-rate-limited = Забагато запитів на бронювання з цієї адреси за годину. Спробуйте пізніше або зателефонуйте до центру.
booking-line = { $code }  { $date } { $time }  { $status }  { $organisation }: { $people } { $people ->
    [one] особа
    [few] особи
   *[many] осіб
} ({ $size } + { $adults } дор.); { $contact }
booking-erased = контактні дані стерто
booking-none = Бронювань за цей час немає.
booking-code-is = Код бронювання (для вчителя): { $code }
booking-field-call-notes = Нотатки з розмови
booking-noted = Нотатки до бронювання { $code } збережено.
booking-day-closed = { $date } закрито в календарі; скасовано бронювань: { $count }. Повідомте вчителів:
booking-purged = Стерто контактні дані бронювань: { $count } (візити, давніші за retention_days у visitors.ron).
booking-erased-one = Контактні дані бронювання { $code } стерто на прохання людини; бронювання залишилося для статистики.
booking-erased-refused = Контактні дані бронювання { $code } стерто: нотаток до нього більше не записуємо.
web-bookings-new = Записати бронювання з телефону
web-bookings-new-help = Бронювання, прийняте по телефону, одразу підтверджене. Можна обрати будь-який відкритий день, зокрема сьогодні.
web-bookings-new-consent = Учитель погодився по телефону на обробку персональних даних для організації візиту
web-bookings-new-send = Записати й підтвердити
web-bookings-entered = Бронювання записано й підтверджено.
web-today-booked = Бронювання на сьогодні
web-today-no-bookings = На сьогодні бронювань немає.
web-today-waiting = { $count ->
    [one] { $count } запит чекає на підтвердження
    [few] { $count } запити чекають на підтвердження
   *[other] { $count } запитів чекають на підтвердження
}
web-bookings-week = Тиждень: { $from } – { $to }
web-bookings-weeks = Тижні
web-bookings-previous = Попередній тиждень
web-bookings-this-week = Цей тиждень
web-bookings-next = Наступний тиждень
web-bookings-from = Показати тиждень від
web-bookings-show = Показати
web-booking-came = прийшло
web-booking-move = Перенести на інший час
web-booking-move-button = Перенести
web-booking-notes-label = Що сказали по телефону
web-booking-notes-save = Зберегти нотатки
web-booking-erase = Стерти контактні дані
web-booking-erase-help = На прохання людини: ім’я, телефон, пошту, потреби й примітки буде стерто назавжди. Бронювання залишиться для статистики.
web-booking-erase-button = Стерти контактні дані
exhibit-no-station-token = Для --server потрібен токен станції: задайте TOURCENTRE_STATION_TOKEN або покладіть його у файл station-token у теці даних (tourcentre station add НАЗВА на сервері друкує його).
link-away = сервер центру не відповідає
link-refused = сервер центру відмовив (код { $status })
guide-server-problem = Немає зв’язку з сервером центру: { $reason }. Ігри зберігаються на кіоску й будуть надіслані, щойно сервер відповість.
guide-panel-needs-server = Панель гіда цього кіоску працює через сервер центру, а він зараз недоступний ({ $reason }). Екскурсію можна почати й завершити на сторінці «Сьогодні» сервера або командою tourcentre tour.
report-stations-title = Правильно з першої спроби за кіосками
report-stations-station = Кіоск
report-stations-answers = Відповідей
report-stations-first-try = З першої спроби
centre-interrupted = Робота зупинилася, не завершившись: { $reason }
book-title = Забронювати візит класу
book-intro = Оберіть день і час, а потім заповніть коротку форму. Центр підтвердить бронювання телефоном або електронною поштою.
book-capacity-note = Місць в одному часі (діти разом із дорослими):
book-free = вільно { $count } { $count ->
    [one] місце
    [few] місця
   *[many] місць
}
book-full-slot = місць немає
book-no-slots = Зараз немає часу, вільного для бронювання. Зателефонуйте до центру.
book-privacy-link = Які дані ми зберігаємо і як довго
book-form-title = Дані про візит
book-choose-another = Обрати інший час
book-form-problems = Форму не надіслано: виправте поля, позначені нижче.
book-slot = Час візиту
book-change-slot = змінити
book-needs-hint = Наприклад: візок, супровід, потреба в тиші. Необов’язково.
book-email-hint = Необов’язково: на неї прийде підтвердження.
book-consent = Я погоджуюся на обробку моїх персональних даних для організації візиту
book-send = Надіслати бронювання
book-booking-title = Бронювання
book-thanks = Дякуємо! Бронювання отримано. Центр підтвердить його найближчим часом.
book-your-code = Код бронювання:
book-keep-link = Збережіть код або адресу цієї сторінки: тут видно стан бронювання і його можна скасувати.
book-state = Стан
book-people = Дітей і дорослих
book-cancel-until = Скасувати бронювання тут можна до
book-cancel = Скасувати бронювання
book-cancel-call = Скасувати чи змінити бронювання тепер можна лише телефоном центру.
book-another = Забронювати ще один візит
book-privacy-title = Персональні дані в бронюванні
book-privacy-who = Дані бронювання зберігає Туристичний центр КП «Спецкомунтранс» на своєму сервері й використовує лише для організації вашого візиту: щоб підтвердити його, повідомити про зміни чи скасування.
book-privacy-what = Ми зберігаємо ім’я контактної особи, телефон, електронну пошту (якщо ви її вказали), особливі потреби групи і примітку.
book-privacy-how-long = Ці дані автоматично стираються через стільки днів після візиту:
book-privacy-counts = Після цього залишаються тільки дата, розмір групи і заклад — для статистики відвідувань центру.
book-privacy-rights = Щоб виправити свої дані чи стерти їх раніше, зателефонуйте до центру: гід зітре їх на ваше прохання, а бронювання залишиться лише як запис для статистики. Скасування бронювання саме по собі даних не стирає.
book-trap = Не заповнюйте це поле
book-trap-refused = Форму не вдалося надіслати. Зателефонуйте, будь ласка, до центру.
book-not-a-number = «{ $value }» — не число; напишіть цифрами, наприклад 24.
book-later = Наступні три тижні
web-menu-bookings = Бронювання
web-bookings-pending = Очікують підтвердження:
web-bookings-closed = Закрито:
web-bookings-tell = Повідомте вчителів про скасування:
web-bookings-none-to-tell = Бронювань на цей день не було.
web-booking-confirm = Підтвердити
web-booking-decline = Відхилити
web-booking-cancel = Скасувати
web-booking-arrived = Група прийшла
web-booking-people-came = Прийшло (діти й дорослі)
web-booking-no-show = Не прийшли
web-bookings-close-day = Закрити день терміново
web-bookings-close-help = Повітряна тривога, вимкнення світла: усі бронювання дня буде скасовано з причиною, день закрито в календарі, а нижче з’явиться список, кому зателефонувати.
web-bookings-close-button = Закрити день і скасувати бронювання

## Mail to teachers
mail-subject-requested = Туристичний центр: запит на візит { $date } о { $time } отримано
mail-subject-confirmed = Туристичний центр: візит { $date } о { $time } підтверджено
mail-subject-declined = Туристичний центр: візит { $date } о { $time } не відбудеться
mail-subject-moved = Туристичний центр: візит перенесено на { $date } о { $time }
mail-subject-cancelled = Туристичний центр: візит { $date } о { $time } скасовано
mail-subject-results = Туристичний центр: результати класу після візиту { $date }
mail-greeting = Добрий день, { $name }!
mail-greeting-plain = Добрий день!
mail-requested = Ми отримали ваш запит на візит до Туристичного центру. Працівники центру перевірять його й невдовзі підтвердять.
mail-confirmed = Ваш візит підтверджено. Чекаємо на вас!
mail-confirmed-by-phone = Як ми домовилися телефоном, ваш візит заброньовано й підтверджено. Чекаємо на вас!
mail-declined = На жаль, ми не можемо прийняти вашу групу в цей час. Оберіть, будь ласка, інший час на сторінці бронювання або зателефонуйте до центру.
mail-moved = Ваш візит перенесено на інший час (нижче). Якщо він вам не підходить, зателефонуйте до центру.
mail-cancelled = На жаль, ваш візит скасовано.
mail-cancelled-by-you = Як ви й просили, бронювання скасовано.
mail-results = Дякуємо за візит! Ось що клас зробив біля інтерактивного стенду сортування відходів — для розмови в класі.
mail-results-play = Ігор зіграно: { $rounds }; предметів розсортовано: { $answers }; з першої спроби правильно: { $percent } %.
mail-results-no-play = Цього разу клас не грав біля стенду сортування.
mail-results-classroom = Для уроку: пригадайте разом, у який контейнер іде папір, пластик, скло й метал, що стається з ними далі і чому небезпечні відходи (батарейки, лампи) не викидають до загальних.
mail-when = Коли: { $date } о { $time }
mail-group = Група: { $organisation }; осіб: { $people } (дітей: { $size }, дорослих: { $adults })
mail-group-people = Людей: { $people } (дітей: { $size }, дорослих: { $adults })
mail-status = Стан: { $status }
mail-reason = Причина: { $reason }
mail-code = Код бронювання: { $code }
mail-link = Сторінка бронювання (стан, скасування): { $url }
mail-reply = Маєте запитання? Відповідайте на цей лист або телефонуйте до центру.
mail-signature = Туристичний центр КП «Спецкомунтранс», Хмельницький
tell-title = Повідомте вчителів
tell-intro = Зателефонуйте вчителеві, скажіть, що сталося, і позначте «Повідомлено».
tell-event-confirmed = Візит підтверджено
tell-event-declined = Запит відхилено
tell-event-moved = Візит перенесено
tell-event-cancelled = Візит скасовано
tell-why-no-mail = листи не надсилаються
tell-why-no-email = е-пошти немає
tell-why-mail-failed = лист не дійшов
tell-told = Повідомлено
tell-mail-broken = Листи вчителям не надсилаються, доки у файлі налаштувань пошти є помилки:
booking-tell-none = Нікого не треба повідомляти.
booking-tell-line = { $id }  { $what }: { $date } { $time }  { $organisation } — { $contact } { $phone } ({ $why })
booking-told = Позначено: вчителя повідомлено ({ $what }, { $organisation }).
notice-not-found = Повідомлення { $id } немає. Перелік — tourcentre booking tell.
notice-closed = Повідомлення { $id } уже закрите: лист надіслано, вчителя повідомили або бронювання тим часом змінилося.
serve-mail-on = пошта: листи вчителям ідуть через { $server }:{ $port } ({ $security })
serve-mail-off = пошта: налаштувань немає ({ $file }); вчителів повідомляють гіди телефоном
serve-mail-broken = пошта: у файлі налаштувань помилки, листи не надсилаються:
## Class results and the bookings feed
results-title = Ваш клас біля кіосків
results-privacy = Лише раунди сортувальної гри, зіграні під час вашого візиту, разом: жодної дитини не названо й не відстежено.
results-rounds = Зіграно раундів
results-answers = Розсортовано предметів
results-first-try = Правильно з першої спроби
results-missed-title = Що найчастіше клали не в той контейнер
results-goes-to = правильно:
results-missed-count = з першої спроби не туди: { $missed } з { $answers }
results-none-played = Під час візиту клас не грав біля кіосків.
results-none-missed = Кожен предмет поклали правильно з першої спроби. Чудово!
results-later = Після візиту тут з’являться результати класу біля кіосків.
results-print = Цю сторінку можна надрукувати: результати вміщуються на один аркуш A4.
results-link = Результати класу
results-line = Біля кіосків: раундів { $rounds }, предметів { $answers }, правильно з першої спроби { $right } ({ $share })
results-missed-line = { $item } — { $bin } (з першої спроби не туди: { $missed } з { $answers }).
feed-title = Календар на телефоні
feed-help = Адреса для календаря на телефоні гіда (підписка за посиланням): підтверджені бронювання на найближчі місяці, без телефонів, імен та e-mail учителів. Хто має адресу, той бачить бронювання: відкличте її, якщо телефон загубився.
feed-label = Позначка (чий телефон)
feed-make = Створити адресу календаря
feed-made = Адресу створено. Її показано лише зараз: додайте її до календаря на телефоні.
feed-address = Адреса календаря
feed-none = Адрес календаря ще немає.
feed-no-label = без позначки
feed-revoke = Відкликати
feed-token-once = Токен показано лише раз. Календар телефону підписується на адресу сервера { $path }
feed-revoked = Відкликано адрес календаря: { $count }
feed-calendar-name = Туристичний центр: бронювання
feed-summary = { $organisation } · { $size } + { $adults }
feed-came = прийшло { $people }

## Indicator data entry
indicator-unknown = Індикатора «{ $id }» немає.
indicator-derived = Індикатор «{ $id }» обчислюється з бази даних центру: значень до нього не вносять.
indicator-conflict = Поки ви дивилися, значення змінили: тепер воно { $current }. Перевірте й збережіть ще раз, якщо ваше правильне.
indicator-conflict-blank = Поки ви дивилися, значення змінили: тепер воно порожнє. Перевірте й збережіть ще раз, якщо ваше правильне.
indicator-write-failed = { $file }: не вдається записати ({ $reason }); файл лишився як був.
indicator-changed-outside = змінено поза сервером (файл редагували вручну)
indicator-definition-changed-outside = змінено поза сервером (файл опису індикатора редагували вручну)
indicator-entry-title = Внесення даних
indicator-entry-table = Значення за роками; натисніть значення, щоб виправити його
indicator-entry-headline = Основний ряд
indicator-entry-form = Додати або виправити значення
indicator-entry-year = Рік
indicator-entry-series-hint = Для основного ряду залиште розрізи порожніми.
indicator-entry-value = Значення
indicator-entry-value-hint = Дробову частину відокремлюйте крапкою: 12.5. Порожнє поле стирає значення цього року.
indicator-entry-source = Джерело значення (необов’язково)
indicator-entry-comment = Коментар: чому змінюєте
indicator-entry-save = Зберегти
indicator-entry-saved = Збережено.
indicator-entry-not-saved = Не збережено: виправте позначене нижче.
indicator-entry-confirm = Так, це значення правильне
indicator-entry-implausible-more = Це більш ніж утричі більше, ніж у { $year } році ({ $previous }). Якщо значення правильне, позначте це нижче й збережіть ще раз.
indicator-entry-implausible-less = Це менше третини значення { $year } року ({ $previous }). Якщо значення правильне, позначте це нижче й збережіть ще раз.
indicator-history = Історія змін
indicator-history-at = Коли
indicator-history-user = Хто
indicator-history-what = Що змінено
indicator-history-old = Було
indicator-history-new = Стало
indicator-history-comment = Коментар
indicator-history-restore-column = Відновлення
indicator-history-restore = Відновити { $value } за { $year }
indicator-history-none = Змін ще не було.
indicator-restored-comment = відновлено значення від { $at }
indicator-set-done = { $id }, { $year }{ $series }: збережено { $value }
indicator-set-unchanged = { $id }, { $year }{ $series }: уже { $value }, нічого не змінено
indicator-history-line = { $at }  { $user }  { $year }{ $series }: було { $old }, стало { $new }  «{ $comment }»

## The exhibit's voice (tourcentre voice)
voice-unknown-key = Ключа «{ $key }» немає в сценарії голосу (tourcentre voice script --lang ... покаже всі ключі). Нічого не записано.
voice-no-clip = Немає кліпу { $file }: спершу покладіть туди запис. Нічого не записано.
voice-stamped = Позначено кліпів: { $count } (у { $dir }/made-from.tsv).

## ── Issue 17, the rest: definitions in the browser, a broken data file corrected on the page ──

indicator-define-title = Опис індикатора: ціль, пороги, базовий рік
indicator-define-hint = Числа — з крапкою або комою (12,5). Порожні обидва поля цілі чи обидва пороги — ціль чи пороги прибрано.
indicator-define-file = Файл опису
indicator-define-base-year = Базовий рік
indicator-define-target = Ціль
indicator-define-target-value = Цільове значення
indicator-define-target-year = Рік цілі
indicator-define-benchmark = Пороги світлофора
indicator-define-green = Зелений поріг
indicator-define-red = Червоний поріг
indicator-define-benchmark-source = Джерело порогів
indicator-define-benchmark-shown = зелений { $green }, червоний { $red }
indicator-define-none = немає
indicator-define-save = Зберегти опис
indicator-define-saved = Опис збережено; зміни — в історії нижче.
indicator-define-done = { $id }: змінено { $fields }
indicator-define-unchanged = { $id }: опис уже такий, нічого не змінено
indicator-history-field-line = { $at }  { $user }  { $field }: було { $old }, стало { $new }  «{ $comment }»
indicator-history-row = рядок { $line } файлу
indicator-history-row-removed = (рядок прибрано)
indicator-history-row-line = { $at }  { $user }  рядок { $line }: було { $old }, стало { $new }  «{ $comment }»
indicator-row-changed = Рядок { $line } файлу змінили, поки ви дивилися. Перегляньте його ще раз.
indicator-fix-title = Файл даних не проходить перевірку
indicator-fix-intro = Файл даних цього індикатора змінили вручну, і перевірка (tourcentre check) знаходить у ньому помилки. Доки їх не виправлено, графік і прогрес не показуються. Виправте рядки нижче: збереження приймається, лише коли весь файл проходить перевірку.
indicator-fix-row = Рядок { $line }
indicator-fix-column = Стовпець { $number }
indicator-fix-hint = Виправте всі названі рядки разом і збережіть один раз; очистіть усі клітинки рядка, щоб його прибрати.
indicator-fix-save = Зберегти виправлення
indicator-fix-still-broken = Не збережено: з цим виправленням файл усе ще не проходить перевірку.
indicator-fix-more = Помилок у рядках понад сто: виправте файл вручну (tourcentre check називає кожну).
indicator-fix-table-hidden = Таблицю значень буде показано, щойно файл пройде перевірку.
