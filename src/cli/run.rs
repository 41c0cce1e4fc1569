//! From a parsed command to the centre's operations, and their outcomes to the terminal.

use std::path::{Path, PathBuf};

use super::show::{self, emit};
use super::{
    BookingCommand, Cli, CliError, Command, DbCommand, Format, GuideCommand, IndicatorsCommand,
    StationCommand, TourCommand, UserCommand, VisitCommand, VisitorsCommand, VoiceCommand,
    indicators, resolve_data_dir,
};
use crate::centre::{self, Centre, CentreError, TourStart, VisitAdd};
use crate::check;
use crate::i18n::Words;
use crate::store::VisitorStore;

/// Runs a parsed command, printing its results. Returns what the user must fix, if anything.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let words = Words::new(cli.lang);
    let data_dir = resolve_data_dir(cli.data_dir);
    let indicators_flag = cli.indicators.clone();
    let indicators_dir = centre::indicators::indicators_dir(cli.indicators, data_dir.as_deref());
    // The indicators with the centre's figures, read today (no data dir is needed for them).
    let load_indicators = || {
        let today = crate::visitors::local_date(crate::clock::now());
        centre::indicators::load(&indicators_dir, data_dir.as_deref(), today)
    };
    let centre = || -> Result<Centre, CliError> {
        data_dir
            .clone()
            .map(Centre::new)
            .ok_or(CliError::Centre(CentreError::NoDataDir))
    };
    match cli.command {
        #[cfg(feature = "exhibit")]
        Command::Exhibit {
            scenario,
            fullscreen,
            station,
            autoplay,
            screenshot_dir,
            exit_after_round,
            rounds,
            headless,
            speed,
            server,
        } => {
            let server = match server {
                None => None,
                Some(url) => {
                    let token = crate::link::station_token(data_dir.as_deref())
                        .ok_or_else(|| CliError::Message(words.text("exhibit-no-station-token")))?;
                    Some((url, token))
                }
            };
            run_exhibit(
                scenario,
                crate::exhibit::ExhibitOptions {
                    fullscreen,
                    station,
                    autoplay,
                    screenshot_dir,
                    exit_after_rounds: if exit_after_round { Some(1) } else { rounds },
                    headless: headless.then_some(speed),
                    lang: cli.lang,
                    assets_dir: PathBuf::new(),
                    data_dir,
                    server,
                    scenario_hash: String::new(),
                    scenario_dir: None,
                },
            )
        }
        Command::Check { paths, format } => run_check(paths, &indicators_dir, format, &words),
        Command::Tour { command } => {
            let mut centre = centre()?;
            match command {
                TourCommand::Start(args) => {
                    let tour = centre.start_tour(&TourStart {
                        group: args.group,
                        size: args.size,
                        guide: args.guide,
                        note: args.note,
                        at: args.at,
                        station: None,
                    })?;
                    emit(args.format, &tour, || show::tour_started(&words, &tour));
                }
                TourCommand::End(args) => {
                    let tour = centre.end_tour(&args.id, args.at.as_deref())?;
                    emit(args.format, &tour, || show::tour_ended(&words, &tour));
                }
                TourCommand::List(args) => {
                    let day = centre.day_tours(args.date.as_deref())?;
                    emit(args.format, &day, || show::day_tours(&words, &day));
                }
                TourCommand::Void(args) => {
                    let voided = centre.void_tour(&args.id, None, &args.reason)?;
                    emit(args.format, &voided, || show::voided(&words, &voided));
                }
            }
            Ok(())
        }
        Command::Visit { command } => {
            let mut centre = centre()?;
            match command {
                VisitCommand::Add(args) => {
                    let added = centre.add_visit(&VisitAdd {
                        count: args.count,
                        category: args.category,
                        date: args.date,
                        note: args.note,
                    })?;
                    emit(args.format, &added, || show::visit_added(&words, &added));
                }
                VisitCommand::Void(args) => {
                    let voided = centre.void_visit(&args.id, None, &args.reason)?;
                    emit(args.format, &voided, || show::voided(&words, &voided));
                }
            }
            Ok(())
        }
        Command::Serve(args) => {
            let data_dir = data_dir.ok_or(CliError::Centre(CentreError::NoDataDir))?;
            if let Ok(Some(seeded)) = crate::web::seed_indicators(&data_dir) {
                eprintln!(
                    "{}",
                    words.say(
                        "serve-seeded",
                        &[("path", seeded.display().to_string().into())]
                    )
                );
            }
            let indicators_dir =
                centre::indicators::indicators_dir(indicators_flag, Some(&data_dir));
            crate::web::serve(crate::web::ServeOptions {
                listen: args.listen,
                data_dir,
                indicators_dir,
                trusted_proxies: args.trusted_proxy,
                staff_from: args.staff_from,
            })
            .map_err(|err| CliError::Message(words.of(&err)))
        }
        Command::User { command } => run_user(centre()?, command, &words),
        Command::Station { command } => {
            let mut centre = centre()?;
            match command {
                StationCommand::Add { name } => {
                    let token = centre.add_station(&name)?;
                    println!("{token}");
                    eprintln!("{}", words.say("station-added", &[("name", name.into())]));
                }
                StationCommand::List { format } => {
                    let stations = centre.stations()?;
                    emit(format, &stations, || show::stations(&words, &stations));
                }
                StationCommand::Remove { name } => {
                    centre.remove_station(&name)?;
                    println!("{}", words.say("station-removed", &[("name", name.into())]));
                }
            }
            Ok(())
        }
        Command::Booking { command } => run_booking(centre()?, command, &words),
        Command::Visitors { command } => {
            let mut centre = centre()?;
            match command {
                VisitorsCommand::Status(args) => {
                    let status = centre.year_status(args.year, args.as_of.as_deref())?;
                    emit(args.format, &status, || show::year_status(&words, &status));
                }
                VisitorsCommand::Import(args) => {
                    let imported = centre.import_visits(&args.file)?;
                    emit(args.format, &imported, || show::imported(&words, &imported));
                }
                VisitorsCommand::Export(args) => {
                    let exported = centre.export_visits(&args.file)?;
                    emit(args.format, &exported, || show::exported(&words, &exported));
                }
            }
            Ok(())
        }
        Command::Db {
            command: DbCommand::Backup(args),
        } => {
            let mut centre = centre()?;
            if args
                .file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
            {
                if args.file.exists() {
                    return Err(CliError::Centre(CentreError::ExportFailed {
                        file: args.file.clone(),
                        reason: crate::i18n::Text::new("файл уже є", "the file already exists"),
                    }));
                }
                let dir = tempfile::tempdir().map_err(|err| {
                    CliError::Message(
                        crate::diagnostics::io_reason(&err)
                            .get(words.lang)
                            .to_string(),
                    )
                })?;
                let written = centre::backup::write_backup(&mut centre, dir.path())?;
                std::fs::copy(&written, &args.file).map_err(|err| {
                    CliError::Centre(CentreError::ExportFailed {
                        file: args.file.clone(),
                        reason: crate::diagnostics::io_reason(&err),
                    })
                })?;
                let totals = centre.store()?.totals()?;
                let copied = centre::StoreCopied {
                    file: args.file.clone(),
                    play_sessions: totals.play_sessions,
                    tours: totals.tours,
                    visits: totals.visit_rows,
                };
                emit(args.format, &copied, || show::store_copied(&words, &copied));
            } else {
                let copied = centre.back_up_store(&args.file)?;
                emit(args.format, &copied, || show::store_copied(&words, &copied));
            }
            Ok(())
        }
        Command::Db {
            command: DbCommand::Restore(args),
        } => {
            let data_dir = data_dir.ok_or(CliError::Centre(CentreError::NoDataDir))?;
            let restored = centre::backup::restore(&data_dir, &args.file)?;
            emit(args.format, &restored, || {
                show::Shown::out(words.say(
                    "restore-done",
                    &[
                        ("files", restored.files.into()),
                        ("path", restored.data_dir.display().to_string().into()),
                        ("previous", restored.previous.display().to_string().into()),
                    ],
                ))
            });
            Ok(())
        }
        Command::Voice { command } => run_voice(command, &words),
        Command::Guide {
            command: GuideCommand::SetPin { stdin },
        } => {
            let data_dir = data_dir.ok_or(CliError::Centre(CentreError::NoDataDir))?;
            run_set_pin(&data_dir, stdin, &words)
        }
        Command::Indicators { command } => {
            match command {
                IndicatorsCommand::List { format } => {
                    indicators::list(&words, &load_indicators()?, format)
                }
                IndicatorsCommand::Progress { format } => {
                    indicators::progress(&words, &load_indicators()?, format)
                }
                IndicatorsCommand::Set(args) => {
                    let expected = match args.expected.as_deref().map(str::trim) {
                        None => None,
                        Some("") => Some(None),
                        Some(text) => Some(Some(text.parse::<f64>().map_err(|_| {
                            CentreError::input(
                                "expected",
                                centre::InputProblem::NotADecimal(text.to_string()),
                            )
                        })?)),
                    };
                    let input = centre::observations::ObservationInput {
                        year: args.year,
                        disaggregation: args.columns.into_iter().collect(),
                        units: args.units,
                        value: if args.blank {
                            String::new()
                        } else {
                            args.value.unwrap_or_default()
                        },
                        source: args.source,
                        comment: args.comment,
                        expected,
                    };
                    let mut centre = centre()?;
                    let dir = department_indicators(&centre, indicators_flag.clone(), &words);
                    let stored = centre.set_observation(&dir, &args.id, &input, None)?;
                    emit(args.format, &stored, || {
                        show::observation_set(&words, &args.id, &stored)
                    });
                }
                IndicatorsCommand::Define(args) => {
                    let input = centre::definitions::DefinitionInput {
                        edit: crate::indicators::DefinitionEdit {
                            target: args.target.map(|super::Setting(target)| {
                                target
                                    .map(|(value, year)| crate::indicators::Target { value, year })
                            }),
                            benchmark: args.benchmark.map(|super::Setting(benchmark)| {
                                benchmark
                                    .map(|(green, red)| crate::indicators::Benchmark { green, red })
                            }),
                            benchmark_source: args.benchmark_source.map(|source| {
                                Some(source).filter(|s| !s.trim().eq_ignore_ascii_case("none"))
                            }),
                            base_year: args.base_year,
                        },
                        comment: args.comment,
                    };
                    let mut centre = centre()?;
                    let dir = department_indicators(&centre, indicators_flag.clone(), &words);
                    let stored = centre.set_definition(&dir, &args.id, &input, None)?;
                    emit(args.format, &stored, || {
                        show::definition_set(&words, &stored)
                    });
                }
                IndicatorsCommand::History { id, format } => {
                    let mut centre = centre()?;
                    let dir = centre::indicators::indicators_dir(
                        indicators_flag.clone(),
                        Some(centre.data_dir()),
                    );
                    let history = centre.observation_history(&dir, &id)?;
                    let history = centre::observations::worded(history, &words);
                    emit(format, &history, || {
                        show::observation_history(&words, &history)
                    });
                }
            }
            Ok(())
        }
        Command::Report { out, format } => {
            let loaded = load_indicators()?;
            let written = centre::indicators::report(&loaded, &words, &out)?;
            indicators::written(&words, &loaded, &written, format, "report-written");
            Ok(())
        }
        Command::Export {
            out,
            license,
            format,
        } => {
            let loaded = load_indicators()?;
            let written = centre::indicators::export(&loaded, &words, &out, &license)?;
            indicators::written(&words, &loaded, &written, format, "export-written");
            Ok(())
        }
    }
}

/// The department's indicators: its copy in the data dir, as the server keeps it (seeded from
/// the shipped set the first time), unless another directory is named.
fn department_indicators(
    centre: &Centre,
    indicators_flag: Option<std::path::PathBuf>,
    words: &Words,
) -> std::path::PathBuf {
    let named = indicators_flag.is_some()
        || std::env::var_os("TOURCENTRE_INDICATORS").is_some_and(|v| !v.is_empty());
    if !named && let Ok(Some(seeded)) = crate::web::seed_indicators(centre.data_dir()) {
        eprintln!(
            "{}",
            words.say(
                "serve-seeded",
                &[("path", seeded.display().to_string().into())]
            )
        );
    }
    centre::indicators::indicators_dir(indicators_flag, Some(centre.data_dir()))
}

fn run_check(
    paths: Vec<PathBuf>,
    indicators_dir: &Path,
    format: Format,
    words: &Words,
) -> Result<(), CliError> {
    let paths = if paths.is_empty() {
        check::default_paths(indicators_dir)
    } else {
        paths
    };
    let report = check::check(&paths, indicators_dir);
    let lang = words.lang;
    let problems: Vec<serde_json::Value> = report
        .problems
        .iter()
        .map(|p| {
            serde_json::json!({
                "path": p.path.display().to_string(),
                "line": p.line,
                "column": p.column,
                "message": p.message.get(lang),
            })
        })
        .collect();
    let checked: Vec<String> = report
        .checked
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    let notes: Vec<serde_json::Value> = report
        .notes
        .iter()
        .map(|p| {
            serde_json::json!({
                "path": p.path.display().to_string(),
                "message": p.message.get(lang),
            })
        })
        .collect();
    let json = serde_json::json!({ "ok": report.is_clean(), "checked": checked, "problems": problems, "notes": notes });
    emit(format, &json, || {
        let mut out: Vec<String> = report.problems.iter().map(|p| p.render(lang)).collect();
        let note_word = words.text("check-note");
        out.extend(report.notes.iter().map(|note| {
            format!(
                "{}: {note_word}: {}",
                note.path.display(),
                note.message.get(lang)
            )
        }));
        let files = report.checked.len();
        let count = report.problems.len();
        let summary = if count == 0 {
            words.say("check-summary-clean", &[("files", files.into())])
        } else {
            words.say(
                "check-summary-problems",
                &[("files", files.into()), ("problems", count.into())],
            )
        };
        show::Shown {
            out,
            err: vec![summary],
        }
    });
    if report.is_clean() {
        Ok(())
    } else {
        Err(CliError::AlreadyReported)
    }
}

#[cfg(feature = "exhibit")]
fn run_exhibit(
    scenario: Option<PathBuf>,
    mut options: crate::exhibit::ExhibitOptions,
) -> Result<(), CliError> {
    let lang = options.lang;
    let path = scenario.unwrap_or_else(|| crate::shipped_dir("scenarios").join("khmelnytskyi.ron"));
    let assets_dir = crate::content::assets_dir_for(&path);
    let mut scenario = crate::content::load(&path, &assets_dir)?;
    options.scenario_hash = crate::link::scenario::file_hash(&path).unwrap_or_default();
    // A networked kiosk runs the server's scenario it cached last, if it has one.
    if options.server.is_some()
        && let Some(cached) = options
            .data_dir
            .as_deref()
            .and_then(crate::link::scenario::cached)
    {
        scenario = cached.scenario;
        options.scenario_hash = cached.hash;
        options.scenario_dir = Some(cached.dir);
    }
    if let Some(dir) = &options.screenshot_dir {
        std::fs::create_dir_all(dir).map_err(|err| {
            let shown = dir.display();
            let message = crate::diagnostics::io_failure(
                format!("{shown}: не вдається створити теку для знімків екрана"),
                format!("{shown}: cannot create the screenshot directory"),
                &err,
            );
            CliError::Message(message.get(lang).to_string())
        })?;
    }
    options.assets_dir = std::fs::canonicalize(&assets_dir).unwrap_or(assets_dir);
    let run = match options.headless {
        Some(_) => crate::exhibit::run_headless,
        None => crate::exhibit::run,
    };
    run(scenario, options).map_err(|code| {
        CliError::Message(
            crate::i18n::Text::new(
                format!("експозиція зупинилася з помилкою (код {code})"),
                format!("the exhibit stopped with an error (code {code})"),
            )
            .get(lang)
            .to_string(),
        )
    })
}

fn run_set_pin(data_dir: &Path, from_stdin: bool, words: &Words) -> Result<(), CliError> {
    let asks = SecretWords {
        prompt: "guide-pin-prompt",
        repeat: "guide-pin-repeat",
        mismatch: "guide-pin-mismatch",
        no_terminal: "guide-pin-no-terminal",
    };
    // A PIN of the wrong form is said at once, before it is asked again.
    let pin = read_secret(from_stdin, words, &asks, |first| {
        crate::pin::validate(first).map_err(|_| CliError::Message(words.text("guide-pin-format")))
    })?;
    match crate::pin::set(data_dir, &pin) {
        Ok(()) => {
            println!(
                "{}",
                words.say(
                    "guide-pin-saved",
                    &[(
                        "path",
                        crate::pin::pin_path(data_dir).display().to_string().into()
                    )]
                )
            );
            Ok(())
        }
        Err(err) => Err(CliError::Message(words.of(&err))),
    }
}

/// The messages of asking for a secret at the terminal.
struct SecretWords {
    prompt: &'static str,
    repeat: &'static str,
    mismatch: &'static str,
    no_terminal: &'static str,
}

/// A secret (a password, a PIN) from standard input (one line), or asked twice at the terminal
/// without echo; `check_first` may refuse the first answer before the second is asked.
fn read_secret(
    from_stdin: bool,
    words: &Words,
    asks: &SecretWords,
    check_first: impl Fn(&str) -> Result<(), CliError>,
) -> Result<String, CliError> {
    let lang = words.lang;
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(|err| {
            CliError::Message(format!(
                "stdin: {}",
                crate::diagnostics::io_reason(&err).get(lang)
            ))
        })?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let ask = |id: &str| {
        rpassword::prompt_password(words.text(id)).map_err(|err| {
            CliError::Message(format!(
                "{} ({})",
                words.text(asks.no_terminal),
                crate::diagnostics::io_reason(&err).get(lang)
            ))
        })
    };
    let first = ask(asks.prompt)?;
    check_first(&first)?;
    if ask(asks.repeat)? != first {
        return Err(CliError::Message(words.text(asks.mismatch)));
    }
    Ok(first)
}

/// A password from standard input (one line), or asked twice at the terminal without echo.
fn read_password(from_stdin: bool, words: &Words) -> Result<String, CliError> {
    let asks = SecretWords {
        prompt: "user-password-prompt",
        repeat: "user-password-repeat",
        mismatch: "user-password-mismatch",
        no_terminal: "user-password-no-terminal",
    };
    read_secret(from_stdin, words, &asks, |_| Ok(()))
}

fn run_user(mut centre: Centre, command: UserCommand, words: &Words) -> Result<(), CliError> {
    match command {
        UserCommand::Add {
            name,
            role,
            password_stdin,
        } => {
            // The name and role are checked before the password is asked for.
            centre::accounts::user_name(&name)
                .map_err(|p| CliError::Centre(CentreError::input("name", p)))?;
            centre::accounts::role(&role)
                .map_err(|p| CliError::Centre(CentreError::input("role", p)))?;
            let password = read_password(password_stdin, words)?;
            let user = centre.add_user(&name, &role, &password)?;
            println!(
                "{}",
                words.say(
                    "user-added",
                    &[
                        ("name", user.name.into()),
                        ("role", user.role.as_str().into())
                    ]
                )
            );
        }
        UserCommand::List { format } => {
            let users = centre.users()?;
            emit(format, &users, || show::users(words, &users));
        }
        UserCommand::Remove { name } => {
            centre.remove_user(&name)?;
            println!("{}", words.say("user-removed", &[("name", name.into())]));
        }
        UserCommand::Passwd {
            name,
            password_stdin,
        } => {
            centre.current_user(&name)?.ok_or_else(|| {
                CliError::Centre(crate::store::StoreError::UserNotFound(name.clone()).into())
            })?;
            let password = read_password(password_stdin, words)?;
            centre.set_password(&name, &password)?;
            println!(
                "{}",
                words.say("user-password-set", &[("name", name.into())])
            );
        }
        UserCommand::Token { name, label } => {
            let token = centre.new_token(&name, label.as_deref())?;
            // The token alone on standard output, so `TOKEN=$(tourcentre user token ...)` works.
            println!("{token}");
            eprintln!("{}", words.text("user-token-once"));
        }
        UserCommand::Revoke { name, label } => {
            let revoked = centre.revoke_tokens(&name, label.as_deref())?;
            println!(
                "{}",
                words.say(
                    "user-tokens-revoked",
                    &[("name", name.into()), ("count", revoked.into())]
                )
            );
        }
    }
    Ok(())
}

fn run_booking(mut centre: Centre, command: BookingCommand, words: &Words) -> Result<(), CliError> {
    use crate::bookings::{Asker, BookingRequest};
    use crate::centre::bookings::{BookingAct, BookingFilter};
    // A guide at the desk acts as a guide; the command line has no user name.
    let act = |centre: &mut Centre, code: &str, act: BookingAct, format: Format| {
        let changed = centre.booking_act(code, &act, None)?;
        emit(format, &changed, || show::booking_changed(words, &changed));
        Ok::<(), CliError>(())
    };
    match command {
        BookingCommand::List {
            from,
            to,
            status,
            format,
        } => {
            let found = centre.bookings(&BookingFilter { from, to, status })?;
            emit(format, &found, || show::bookings(words, &found));
        }
        BookingCommand::Show { code, format } => {
            let found = centre.booking(&code)?;
            let results = centre.class_results_of(&found.booking, Some(words.lang))?;
            let shown = show::BookingShown {
                booking: &found,
                results: results.as_ref(),
            };
            emit(format, &shown, || show::booking(words, &shown));
        }
        BookingCommand::Add(args) => {
            let request = BookingRequest {
                date: Some(args.date),
                time: Some(args.time),
                group: Some(args.group),
                size: Some(args.size),
                adults: Some(args.adults),
                organisation: Some(args.organisation),
                class: args.class,
                contact_name: Some(args.contact_name),
                phone: Some(args.phone),
                email: args.email,
                lang: Some(args.tour_lang),
                needs: args.needs,
                note: args.note,
                consent: args.consent,
            };
            let kept = centre.book(&request, Asker::Guide, None)?;
            emit(args.format, &kept, || show::booking_changed(words, &kept));
        }
        BookingCommand::Confirm { code, format } => {
            act(&mut centre, &code, BookingAct::Confirm, format)?
        }
        BookingCommand::Decline {
            code,
            reason,
            format,
        } => act(&mut centre, &code, BookingAct::Decline { reason }, format)?,
        BookingCommand::Cancel {
            code,
            reason,
            format,
        } => {
            let cancel = BookingAct::Cancel {
                asker: Asker::Guide,
                reason: Some(reason),
            };
            act(&mut centre, &code, cancel, format)?
        }
        BookingCommand::Move {
            code,
            date,
            time,
            format,
        } => act(&mut centre, &code, BookingAct::Move { date, time }, format)?,
        BookingCommand::Arrive {
            code,
            people,
            format,
        } => act(&mut centre, &code, BookingAct::Arrive { people }, format)?,
        BookingCommand::NoShow { code, format } => {
            act(&mut centre, &code, BookingAct::NoShow, format)?
        }
        BookingCommand::Note { code, text } => {
            let noted = centre.note_booking_call(&code, &text)?;
            println!(
                "{}",
                words.say("booking-noted", &[("code", noted.code.into())])
            );
        }
        BookingCommand::CloseDay {
            date,
            reason,
            format,
        } => {
            let closed = centre.close_day(&date, &reason, None)?;
            emit(format, &closed, || show::closed_day(words, &closed));
        }
        BookingCommand::Erase { code } => {
            let erased = centre.erase_booking(&code, None)?;
            println!(
                "{}",
                words.say("booking-erased-one", &[("code", erased.code.into())])
            );
        }
        BookingCommand::Tell { format } => {
            let tell = centre.tell_items()?;
            emit(format, &tell.items, || show::tell_items(words, &tell));
        }
        BookingCommand::Told { id, format } => {
            let told = centre.mark_told(&id, None)?;
            emit(format, &told, || show::told(words, &told));
        }
        BookingCommand::FeedToken { label } => {
            let token = centre.new_feed_token(label.as_deref(), None)?;
            // The token alone on standard output, as `user token` prints it.
            println!("{token}");
            eprintln!(
                "{}",
                words.say(
                    "feed-token-once",
                    &[("path", crate::centre::feed::feed_path(&token).into())]
                )
            );
        }
        BookingCommand::FeedRevoke { label, all: _ } => {
            use crate::centre::feed::FeedRevokeAsked;
            // clap asks for one of --label and --all: without a label, it was --all.
            let which = label.map_or(FeedRevokeAsked::All, FeedRevokeAsked::Label);
            let revoked = centre.revoke_feed_tokens(&which, None)?;
            println!(
                "{}",
                words.say("feed-revoked", &[("count", revoked.into())])
            );
        }
        BookingCommand::Purge => {
            let erased = centre.purge_bookings()?;
            println!(
                "{}",
                words.say("booking-purged", &[("count", erased.into())])
            );
        }
    }
    Ok(())
}

/// `voice script` and `voice stamp`, on the scenario named or the bundled one.
fn run_voice(command: VoiceCommand, words: &Words) -> Result<(), CliError> {
    use crate::voice;
    let lang = words.lang;
    let scenario_file = |file: Option<PathBuf>| {
        file.unwrap_or_else(|| crate::shipped_dir("scenarios").join("khmelnytskyi.ron"))
    };
    let messages = crate::i18n::Messages::new();
    match command {
        VoiceCommand::Script { scenario, missing } => {
            let file = scenario_file(scenario);
            let assets = crate::content::assets_dir_for(&file);
            let scenario = crate::content::load(&file, &assets)?;
            let lines = voice::script(&scenario, &messages, lang);
            // --missing: what check would list; no clip at all lists every text.
            let wanted: Option<Vec<String>> = missing
                .then(|| voice::findings(&scenario, &messages, &assets, lang))
                .filter(|found| {
                    !found
                        .iter()
                        .any(|f| matches!(f, voice::Finding::NoClips { .. }))
                })
                .map(|found| {
                    found
                        .into_iter()
                        .filter_map(|finding| match finding {
                            voice::Finding::Missing { key, .. }
                            | voice::Finding::Changed { key, .. } => Some(key),
                            _ => None,
                        })
                        .collect()
                });
            for line in &lines {
                let listed = wanted.as_ref().is_none_or(|keys| keys.contains(&line.key));
                if listed {
                    println!("{}\t{}", line.key, line.text);
                }
            }
            Ok(())
        }
        VoiceCommand::Stamp { keys, scenario, by } => {
            let file = scenario_file(scenario);
            let assets = crate::content::assets_dir_for(&file);
            let scenario = crate::content::load(&file, &assets)?;
            let stamped =
                voice::stamp(&scenario, &messages, &assets, lang, &keys, &by).map_err(|err| {
                    CliError::Message(match err {
                        voice::StampError::UnknownKey(key) => {
                            words.say("voice-unknown-key", &[("key", key.into())])
                        }
                        voice::StampError::NoClip(file) => words.say(
                            "voice-no-clip",
                            &[("file", file.display().to_string().into())],
                        ),
                        voice::StampError::Manifest {
                            file,
                            line: 0,
                            reason,
                        } => {
                            format!("{}: {}", file.display(), words.pick(&reason))
                        }
                        voice::StampError::Manifest { file, line, reason } => {
                            format!("{}:{line}: {}", file.display(), words.pick(&reason))
                        }
                        voice::StampError::Write { file, reason } => {
                            format!("{}: {}", file.display(), words.pick(&reason))
                        }
                    })
                })?;
            println!(
                "{}",
                words.say(
                    "voice-stamped",
                    &[
                        ("count", stamped.into()),
                        (
                            "dir",
                            voice::lang_dir(&assets, lang).display().to_string().into()
                        )
                    ]
                )
            );
            Ok(())
        }
    }
}
