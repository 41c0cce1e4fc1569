use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = tourcentre::cli::parse();
    // Rust ignores SIGPIPE, so a closed pipe (`tourcentre indicators progress | head -1`) would
    // make the next print panic; a command-line tool should simply stop, as cat and grep do.
    // The exhibit keeps Rust's default: its sockets (X11, Wayland) report a closed peer as errors.
    #[cfg(unix)]
    if cli.prints_to_a_pipe() {
        // SAFETY: no other thread exists yet; SIG_DFL is a valid action for SIGPIPE.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let lang = cli.lang;
    match tourcentre::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let message = err.render(lang);
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::from(1)
        }
    }
}
