use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = tourcentre::cli::parse();
    match tourcentre::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let message = err.to_string();
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::from(1)
        }
    }
}
